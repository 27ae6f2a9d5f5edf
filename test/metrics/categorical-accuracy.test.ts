import { describe, expect, it } from 'vitest';
import { CategoricalAccuracy } from '../../src/metrics/categorical-accuracy.js';
import { Tensor } from '../../src/tensor/tensor.js';

const softmaxOutputs = Tensor.from([
  [0.7, 0.2, 0.1],
  [0.5, 0.1, 0.4],
  [0.02, 0.9, 0.08],
]);

describe('CategoricalAccuracy', () => {
  it("gives the book's 0.6666666666666666 for its softmax outputs and class targets", () => {
    const targets = new Tensor([3], new Int32Array([0, 1, 1]));
    expect(new CategoricalAccuracy().calculate(softmaxOutputs, targets)).toBe(0.6666666666666666);
    // The same from predicted class ids (argmax of the outputs: 0, 0, 1).
    const ids = new Tensor([3], new Float32Array([0, 0, 1]));
    expect(new CategoricalAccuracy().calculate(ids, targets)).toBe(0.6666666666666666);
  });

  it('accepts class ids in any numeric typed array and [n, 1] columns', () => {
    const predictions = new Tensor([4, 1], new Uint8Array([2, 0, 1, 1]));
    const targets = new Tensor([4], new Float64Array([2, 1, 1, 0]));
    expect(new CategoricalAccuracy().calculate(predictions, targets)).toBe(0.5);
  });

  it('reduces one-hot targets with argmax, as the book does', () => {
    const oneHot = Tensor.from([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    expect(new CategoricalAccuracy().calculate(softmaxOutputs, oneHot)).toBe(0.6666666666666666);
    expect(new CategoricalAccuracy().calculate(new Tensor([3], new Int32Array([0, 1, 2])), oneHot)).toBe(0.6666666666666666);
  });

  it('accumulates over batches to the accuracy of the whole set', () => {
    const predictions = new Tensor([7], new Int32Array([0, 1, 2, 2, 1, 0, 1]));
    const targets = new Tensor([7], new Int32Array([0, 1, 1, 2, 0, 0, 2]));
    const whole = new CategoricalAccuracy().calculate(predictions, targets);
    const accuracy = new CategoricalAccuracy();
    expect(accuracy.calculate(predictions.sliceRows(0, 3), targets.sliceRows(0, 3))).toBe(2 / 3);
    expect(accuracy.calculate(predictions.sliceRows(3, 7), targets.sliceRows(3, 7))).toBe(2 / 4);
    expect(accuracy.calculateAccumulated()).toBe(whole);
    expect(whole).toBe(4 / 7);
    accuracy.newPass();
    expect(() => accuracy.calculateAccumulated()).toThrow(
      'CategoricalAccuracy: no predictions since newPass(); call calculate(predictions, y) first',
    );
  });

  it('names both shapes when they do not match', () => {
    const accuracy = new CategoricalAccuracy();
    expect(() => accuracy.calculate(softmaxOutputs, new Tensor([4], new Int32Array(4)))).toThrow(
      'CategoricalAccuracy: predictions shape [3, 3] and targets shape [4] need the same number of samples (n > 0), as [n] ids or [n, classes] rows',
    );
    expect(() => accuracy.calculate(softmaxOutputs, Tensor.zeros([3, 2]))).toThrow(
      'CategoricalAccuracy: predictions shape [3, 3] and targets shape [3, 2] have different numbers of classes',
    );
  });

  it('describes itself for model files', () => {
    expect(new CategoricalAccuracy().toSpec()).toEqual({ type: 'CategoricalAccuracy' });
  });
});
