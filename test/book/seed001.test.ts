import { describe, expect, it } from 'vitest';
import { ReLU } from '../../src/activations/relu.js';
import { Softmax } from '../../src/activations/softmax.js';
import { spiralData } from '../../src/data/synthetic/spiral.js';
import { Dense } from '../../src/layers/dense.js';
import { CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { init } from '../../src/random/default.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import book from '../fixtures/book.json' with { type: 'json' };

/**
 * Seed 001 ("Building a Neural Network from Scratch") calls nnfs.init() once
 * (In [26]) and then runs its cells in order, each drawing from where the last
 * one left the stream: In [27] spiral_data; In [31] spiral_data + Dense(2, 3);
 * In [34] spiral_data + Dense(2, 3) + ReLU; In [45] spiral_data + Dense(2, 3) +
 * ReLU + Dense(3, 3) + Softmax. The tests replay that sequence.
 */
function firstRows(t: Tensor, rows: number): number[] {
  return Array.from(t.data.subarray(0, rows * t.columns));
}

function expectRelative(actual: number[], expected: number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `entry ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance * Math.abs(expected[i])));
}

function replay() {
  init(0);
  spiralData(100, 3); // In [27]
  let [X, y] = spiralData(100, 3); // In [31]
  const dense1In31 = new Dense(2, 3);
  const dense1Output = firstRows(dense1In31.forward(X), 5);

  [X, y] = spiralData(100, 3); // In [34]
  const dense1In34 = new Dense(2, 3);
  const activation1In34 = new ReLU();
  activation1In34.forward(dense1In34.forward(X));
  const reluOutput = firstRows(activation1In34.output, 5);

  [X, y] = spiralData(100, 3); // In [45]
  const dense1 = new Dense(2, 3);
  const activation1 = new ReLU();
  const dense2 = new Dense(3, 3);
  const activation2 = new Softmax();
  dense1.forward(X);
  activation1.forward(dense1.output);
  dense2.forward(activation1.output);
  activation2.forward(dense2.output);
  const loss = new CategoricalCrossentropy().calculate(activation2.output, y);
  // No accuracy here: at this untrained state some rows' probabilities tie to
  // within one float32 ulp, so argmax depends on how exp rounds, not on the math.
  return { dense1Output, reluOutput, softmaxOutput: firstRows(activation2.output, 5), loss };
}

describe('seed 001, replayed from one init()', () => {
  const run = replay();

  it('In [31]: dense1.output[:5] is the numpy result to the float32 bit', () => {
    expect(run.dense1Output).toEqual(book.seed001.dense1Output5);
    // As printed in the seed
    expectRelative(run.dense1Output.slice(3, 6), [-1.11171044e-4, -5.11007493e-5, -1.12099799e-4], 1e-8);
    expectRelative(run.dense1Output.slice(12, 15), [-3.49893759e-4, -3.07208364e-4, -4.33002861e-4], 1e-8);
  });

  it('In [34]: activation1.output[:5] after ReLU', () => {
    expect(run.reluOutput).toEqual(book.seed001.reluOutput5);
    expectRelative(run.reluOutput.slice(3, 6), [1.352058e-4, 1.8173116e-5, 0], 1e-7);
    expectRelative(run.reluOutput.slice(12, 15), [5.7436468e-4, 0, 0], 1e-7);
  });

  it('In [45]: activation2.output[:5] after Softmax, to float32 precision', () => {
    expectRelative(run.softmaxOutput, book.seed001.softmaxOutput5, 1e-6);
    // As printed in the seed (its numpy's float32 exp differs from others by an ulp or two)
    const printed = [
      [0.33333334, 0.33333334, 0.33333334],
      [0.33333322, 0.33333343, 0.33333334],
      [0.33333296, 0.33333388, 0.3333332],
      [0.3333323, 0.33333504, 0.33333266],
      [0.33333194, 0.33333552, 0.33333248],
    ].flat();
    expectRelative(run.softmaxOutput, printed, 1e-6);
  });

  it('the loss of that forward is ≈ −log(1/3), as numpy computes it', () => {
    expectRelative([run.loss], [book.seed001.loss], 1e-6);
    expect(run.loss).toBeCloseTo(Math.log(3), 4);
  });
});
