import { describe, expect, it } from 'vitest';
import { MeanSquaredError } from '../../src/losses/mean-squared-error.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f64 = (shape: number[], values: number[]): Tensor => new Tensor(shape, new Float64Array(values));

// −0 and +0 are the same gradient; toEqual tells them apart.
const positiveZero = (v: number): number => v + 0;

describe('MeanSquaredError', () => {
  it('MSE = mean (t − p)², backward −2(t − p)/outputs/batch', () => {
    const loss = new MeanSquaredError();
    expect(Array.from(loss.forward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data)).toEqual([2.5, 2]);
    expect(Array.from(loss.backward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data, positiveZero)).toEqual([0.5, 1, 0, 1]);
    expect(loss.toSpec()).toEqual({ type: 'MeanSquaredError' });
  });
});
