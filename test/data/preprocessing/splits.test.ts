import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/preprocessing.json' with { type: 'json' };
import { trainTestSplit } from '../../../src/data/preprocessing/train-test-split.js';
import { kFold } from '../../../src/data/preprocessing/k-fold.js';
import { classWeights } from '../../../src/data/preprocessing/class-weights.js';
import { RandomGenerator } from '../../../src/random/generator.js';
import { Tensor } from '../../../src/tensor/tensor.js';

function table(n: number): { x: Tensor<Float32Array>; y: Tensor<Int32Array> } {
  const x = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 100 + i;
  }
  return { x: new Tensor([n, 2], x), y: new Tensor([n], Int32Array.from({ length: n }, (_, i) => i)) };
}

describe('trainTestSplit', () => {
  it("draws scikit-learn's rows for test_size=0.2, random_state=42", () => {
    const { n, testSize, seed, test, train } = fixture.trainTestSplit;
    const { x, y } = table(n);
    const split = trainTestSplit(x, y, { testSize, seed });
    expect(Array.from(split.testIndices)).toEqual(test);
    expect(Array.from(split.trainIndices)).toEqual(train);
    expect(Array.from(split.yTest.data)).toEqual(test);
    expect(Array.from(split.xTest.data.subarray(0, 2))).toEqual([test[0], 100 + test[0]]);
    expect(split.xTrain.shape).toEqual([16, 2]);
  });

  it('takes a row count, a generator, and advances the generator', () => {
    const { x, y } = table(10);
    const generator = new RandomGenerator(3);
    const a = trainTestSplit(x, y, { testSize: 3, generator });
    const b = trainTestSplit(x, y, { testSize: 3, generator });
    expect(a.yTest.shape).toEqual([3]);
    expect(Array.from(a.testIndices)).toEqual(Array.from(new RandomGenerator(3).permutation(10).slice(0, 3)));
    expect(Array.from(b.testIndices)).not.toEqual(Array.from(a.testIndices));
  });

  it('stratifies: each class keeps its share in both parts, every row used once', () => {
    const labels = Int32Array.from({ length: 40 }, (_, i) => (i < 30 ? 0 : i < 36 ? 1 : 2));
    const x = new Tensor([40, 1], Float32Array.from(labels.keys()));
    const y = new Tensor([40], labels);
    const split = trainTestSplit(x, y, { testSize: 0.25, seed: 1, stratify: true });
    const count = (t: Tensor<Int32Array>, c: number) => Array.from(t.data).filter((v) => v === c).length;
    expect([0, 1, 2].map((c) => count(split.yTest, c))).toEqual([8, 1, 1]); // 7.5, 1.5, 1 → largest remainders
    expect([0, 1, 2].map((c) => count(split.yTrain, c))).toEqual([22, 5, 3]);
    const all = [...split.trainIndices, ...split.testIndices].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 40 }, (_, i) => i));
    split.testIndices.forEach((row, i) => expect(split.yTest.data[i]).toBe(labels[row]));
  });

  it('rejects bad sizes, mismatched rows and a class too small to stratify', () => {
    const { x, y } = table(5);
    expect(() => trainTestSplit(x, y, { testSize: 1.5 })).toThrow(
      'trainTestSplit: testSize must be a fraction in (0, 1) or a whole number of rows, received 1.5',
    );
    expect(() => trainTestSplit(x, y, { testSize: 5 })).toThrow('trainTestSplit: testSize 5 leaves no training rows out of 5');
    expect(() => trainTestSplit(x, table(4).y)).toThrow(
      'trainTestSplit: x and y must have the same number of rows, received x [5, 2] and y [4]',
    );
    const labels = new Tensor([5], Int32Array.of(0, 0, 1, 0, 0));
    expect(() => trainTestSplit(x, labels, { stratify: true, seed: 0 })).toThrow(
      'trainTestSplit: stratify needs at least 2 rows per class, class 1 has 1',
    );
    expect(() => trainTestSplit(x, y, { seed: 1, generator: new RandomGenerator(1) })).toThrow(
      'trainTestSplit: give seed or generator, not both',
    );
  });
});

describe('kFold', () => {
  it("matches scikit-learn's KFold(3, shuffle=True, random_state=0)", () => {
    const { n, k, seed, folds } = fixture.kFold;
    const result = kFold(n, k, { shuffle: true, seed });
    expect(result.map((f) => ({ test: Array.from(f.test), train: Array.from(f.train) }))).toEqual(folds);
  });

  it('without shuffling cuts consecutive folds, the first n mod k one longer', () => {
    const folds = kFold(5, 2);
    expect(folds.map((f) => [Array.from(f.test), Array.from(f.train)])).toEqual([
      [[0, 1, 2], [3, 4]],
      [[3, 4], [0, 1, 2]],
    ]);
  });

  it('rejects k out of range', () => {
    expect(() => kFold(3, 4)).toThrow('kFold: k must be at most the number of rows 3, received 4');
    expect(() => kFold(3, 1)).toThrow('kFold: k must be an integer >= 2, received 1');
    expect(() => kFold(4, 2, { seed: 1 })).toThrow('kFold: seed and generator only apply with shuffle: true');
  });
});

describe('classWeights', () => {
  it("is scikit-learn's balanced n / (k · count)", () => {
    const y = new Tensor([fixture.classWeights.y.length], Int32Array.from(fixture.classWeights.y));
    classWeights(y).forEach((w, c) => expect(w).toBeCloseTo(fixture.classWeights.weights[c], 14));
  });

  it('accepts one-hot labels', () => {
    const y = Tensor.from([[1, 0], [1, 0], [1, 0], [0, 1]]);
    expect(classWeights(y)).toEqual([4 / 6, 2]);
  });

  it('rejects a class without samples and labels that are not class ids', () => {
    expect(() => classWeights(new Tensor([3], Int32Array.of(0, 2, 2)))).toThrow(
      'classWeights: class 1 has no samples, so no balanced weight exists (counts: 1, 0, 2)',
    );
    expect(() => classWeights(new Tensor([2], Float32Array.of(0, 1.5)))).toThrow(
      'classWeights: label at row 1 must be a non-negative integer class id, received 1.5',
    );
  });
});
