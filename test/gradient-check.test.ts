import { describe, expect, it } from 'vitest';
import { LeakyReLU } from '../src/activations/leaky-relu.js';
import { Linear } from '../src/activations/linear.js';
import { ReLU } from '../src/activations/relu.js';
import { Sigmoid } from '../src/activations/sigmoid.js';
import { Softmax } from '../src/activations/softmax.js';
import { Tanh } from '../src/activations/tanh.js';
import { gradientCheck, numericalGradient } from '../src/gradient-check.js';
import { Dense } from '../src/layers/dense.js';
import { Dropout } from '../src/layers/dropout.js';
import type { Layer } from '../src/layers/layer.js';
import { BinaryCrossentropy } from '../src/losses/binary-crossentropy.js';
import { CategoricalCrossentropy } from '../src/losses/categorical-crossentropy.js';
import { MeanAbsoluteError } from '../src/losses/mean-absolute-error.js';
import { MeanSquaredError } from '../src/losses/mean-squared-error.js';
import { SoftmaxCategoricalCrossentropy } from '../src/losses/softmax-categorical-crossentropy.js';
import { RandomGenerator } from '../src/random/generator.js';
import { Tensor } from '../src/tensor/tensor.js';

// Central differences in float64 with h = 1e-6 are good to ~1e-9 relative;
// a wrong backward (a missing factor, a transposed product) is off by O(1).
const TOLERANCE = 1e-7;

function normals(shape: number[], seed: number): Tensor {
  const g = new RandomGenerator(seed);
  return new Tensor(shape, Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.gauss()));
}

/** Values in (0.05, 0.95), away from the losses' clipping. */
function probabilities(shape: number[], seed: number): Tensor {
  const g = new RandomGenerator(seed);
  return new Tensor(shape, Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 0.05 + 0.9 * g.random()));
}

function expectPasses(report: ReturnType<typeof gradientCheck>, names: string[]): void {
  expect(report.entries.map((e) => e.name)).toEqual(names);
  for (const entry of report.entries) expect(entry.maxRelativeError, entry.name).toBeLessThan(TOLERANCE);
  expect(report.maxRelativeError).toBe(Math.max(...report.entries.map((e) => e.maxRelativeError)));
}

describe('numericalGradient', () => {
  it('gives the derivative of a known function and leaves x unchanged', () => {
    const x = new Float64Array([1, 2, -0.5]);
    const g = numericalGradient((v) => v[0] * v[0] + 3 * v[1] + Math.sin(v[2]), x);
    expect(g[0]).toBeCloseTo(2, 8);
    expect(g[1]).toBeCloseTo(3, 8);
    expect(g[2]).toBeCloseTo(Math.cos(-0.5), 8);
    expect(Array.from(x)).toEqual([1, 2, -0.5]);
    expect(() => numericalGradient((v) => v[0], x, 0)).toThrow('numericalGradient: epsilon must be a number > 0, received 0');
  });
});

describe('gradientCheck: layers', () => {
  it('Dense: dInputs, dWeights and dBiases', () => {
    const dense = new Dense(4, 3, { generator: new RandomGenerator(1), initializer: 'he' });
    expectPasses(gradientCheck(dense, normals([5, 4], 2)), ['dInputs', 'dWeights', 'dBiases']);
  });

  it('Dense with L1 and L2 regularization on weights and biases', () => {
    const dense = new Dense(3, 2, {
      generator: new RandomGenerator(3),
      initializer: 'xavier',
      weightRegularizerL1: 0.3,
      weightRegularizerL2: 0.2,
      biasRegularizerL1: 0.1,
      biasRegularizerL2: 0.4,
    });
    // Biases start at 0, where |b| has no derivative; move them off it.
    dense.biases = Tensor.from([[0.5, -0.7]]);
    const report = gradientCheck(dense, normals([4, 3], 4));
    expectPasses(report, ['dInputs', 'dWeights', 'dBiases']);
    expect(dense.weights.data).toBeInstanceOf(Float32Array); // parameters restored after the float64 check
  });

  it('Dropout with a fixed mask', () => {
    const generator = new RandomGenerator(5);
    const dropout = new Dropout(0.4, { generator });
    const state = generator.getState();
    // Re-draw the same mask on every forward, so the function being differentiated is fixed.
    const fixedMask: Layer = {
      type: 'Dropout',
      get output() {
        return dropout.output;
      },
      get dInputs() {
        return dropout.dInputs;
      },
      forward: (inputs, training) => {
        generator.setState(state);
        return dropout.forward(inputs, training);
      },
      backward: (dValues) => dropout.backward(dValues),
      toSpec: () => dropout.toSpec(),
      dispose: () => dropout.dispose(),
    };
    expectPasses(gradientCheck(fixedMask, normals([6, 5], 6)), ['dInputs']);
    expect(Array.from(dropout.mask.data)).toContain(0);
  });
});

describe('gradientCheck: activations', () => {
  const cases: [string, () => Layer][] = [
    ['ReLU', () => new ReLU()],
    ['LeakyReLU', () => new LeakyReLU(0.1)],
    ['Sigmoid', () => new Sigmoid()],
    ['Tanh', () => new Tanh()],
    ['Linear', () => new Linear()],
    ['Softmax (Jacobian backward)', () => new Softmax()],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      expectPasses(gradientCheck(make(), normals([5, 4], 7)), ['dInputs']);
    });
  }
});

describe('gradientCheck: losses', () => {
  it('CategoricalCrossentropy with class ids and with one-hot targets', () => {
    const yPred = probabilities([4, 3], 8);
    expectPasses(gradientCheck(new CategoricalCrossentropy(), yPred, { targets: new Tensor([4], new Uint8Array([0, 2, 1, 2])) }), ['dInputs']);
    const oneHot = Tensor.from([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]]);
    expectPasses(gradientCheck(new CategoricalCrossentropy(), yPred, { targets: oneHot }), ['dInputs']);
  });

  it('BinaryCrossentropy', () => {
    const targets = Tensor.from([[1, 0], [0, 0], [1, 1]]);
    expectPasses(gradientCheck(new BinaryCrossentropy(), probabilities([3, 2], 9), { targets }), ['dInputs']);
  });

  it('MeanSquaredError and MeanAbsoluteError', () => {
    const targets = normals([5, 2], 10);
    expectPasses(gradientCheck(new MeanSquaredError(), normals([5, 2], 11), { targets }), ['dInputs']);
    expectPasses(gradientCheck(new MeanAbsoluteError(), normals([5, 2], 11), { targets }), ['dInputs']);
  });

  it('SoftmaxCategoricalCrossentropy (fused backward)', () => {
    const targets = new Tensor([5], new Int32Array([2, 0, 1, 1, 3]));
    expectPasses(gradientCheck(new SoftmaxCategoricalCrossentropy(), normals([5, 4], 12), { targets }), ['dInputs']);
  });

  it('a loss without targets is an error', () => {
    expect(() => gradientCheck(new MeanSquaredError(), normals([2, 1], 1))).toThrow('gradientCheck: a loss needs options.targets, received none');
  });
});

describe('gradientCheck detects a wrong backward', () => {
  it('reports an O(1) error for a ReLU whose backward forgets the mask', () => {
    const broken = new ReLU();
    broken.backward = (dValues) => dValues;
    expect(gradientCheck(broken, normals([4, 3], 13)).maxRelativeError).toBeGreaterThan(0.1);
  });
});
