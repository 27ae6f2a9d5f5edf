import { describe, expect, it } from 'vitest';
import { ReLU } from '../../src/activations/relu.js';
import { Dense } from '../../src/layers/dense.js';
import { SoftmaxCategoricalCrossentropy } from '../../src/losses/softmax-categorical-crossentropy.js';
import { CategoricalAccuracy } from '../../src/metrics/categorical-accuracy.js';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { Adam } from '../../src/optimizers/adam.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { RMSprop } from '../../src/optimizers/rmsprop.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { Tensor } from '../../src/tensor/tensor.js';
import fixture from '../fixtures/optimizers-training.json' with { type: 'json' };

// The book's chapter-10 loop (Dense → ReLU → Dense → softmax + cross-entropy)
// with each optimizer, against the book's numpy code from the same data and
// initial weights. The optimizer steps themselves are bit-exact (see the
// per-optimizer tests); the layers round like numpy's float32 only to the last
// bit (numpy's float32 exp is not correctly rounded), and adaptive optimizers
// amplify those last-bit differences in near-zero gradients, so their runs are
// 5 steps and compare the loss only.
const makers: Record<string, (options: object) => Optimizer> = {
  SGD: (options) => new SGD(options),
  Adagrad: (options) => new Adagrad(options),
  RMSprop: (options) => new RMSprop(options),
  Adam: (options) => new Adam(options),
};

/** Largest absolute difference, relative to the largest expected magnitude. */
function relativeError(actual: ArrayLike<number>, expected: number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst / Math.max(...expected.map(Math.abs));
}

describe("optimizers train the book's spiral network like the book's numpy code", () => {
  const X = Tensor.from(fixture.X);
  const y = new Tensor([fixture.y.length], Uint8Array.from(fixture.y));

  for (const testCase of fixture.cases) {
    const adaptive = testCase.type !== 'SGD';
    it(`${testCase.type} ${JSON.stringify(testCase.options)}, ${testCase.epochs.length} epochs`, () => {
      const dense1 = new Dense(2, 64);
      const dense2 = new Dense(64, 3);
      dense1.weights.data.set(fixture.dense1.weights.flat());
      dense2.weights.data.set(fixture.dense2.weights.flat());
      const activation1 = new ReLU();
      const lossActivation = new SoftmaxCategoricalCrossentropy();
      const accuracy = new CategoricalAccuracy();
      const optimizer = makers[testCase.type](testCase.options);

      testCase.epochs.forEach((expected, epoch) => {
        dense1.forward(X);
        activation1.forward(dense1.output);
        dense2.forward(activation1.output);
        const loss = lossActivation.forward(dense2.output, y);
        expect(Math.abs(loss - expected.loss) / expected.loss, `epoch ${epoch} loss`).toBeLessThan(adaptive ? 1e-4 : 1e-6);
        expect(accuracy.calculate(lossActivation.output, y), `epoch ${epoch} accuracy`).toBe(expected.accuracy);
        lossActivation.backward(lossActivation.output, y);
        dense2.backward(lossActivation.dInputs);
        activation1.backward(dense2.dInputs);
        dense1.backward(activation1.dInputs);
        optimizer.preUpdateParams();
        optimizer.updateParams(dense1);
        optimizer.updateParams(dense2);
        optimizer.postUpdateParams();
        expect(optimizer.currentLearningRate).toBeCloseTo(expected.lr, 15);
      });
      expect(optimizer.iterations).toBe(testCase.epochs.length);
      if (!adaptive) {
        const { dense1: final1, dense2: final2 } = testCase;
        if (!final1 || !final2) throw new Error(`fixture lacks the final parameters of ${testCase.type}`);
        expect(relativeError(dense1.weights.data, final1.weights.flat())).toBeLessThan(1e-5);
        expect(relativeError(dense1.biases.data, final1.biases)).toBeLessThan(1e-5);
        expect(relativeError(dense2.weights.data, final2.weights.flat())).toBeLessThan(1e-5);
        // dense2's bias gradients are sums of nearly cancelling terms, so they carry the largest relative rounding.
        expect(relativeError(dense2.biases.data, final2.biases)).toBeLessThan(1e-4);
      }
    });
  }
});
