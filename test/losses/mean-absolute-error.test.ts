import { describe, expect, it } from 'vitest';
import { MeanAbsoluteError } from '../../src/losses/mean-absolute-error.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f64 = (shape: number[], values: number[]): Tensor => new Tensor(shape, new Float64Array(values));

// −0 and +0 are the same gradient; toEqual tells them apart.
const positiveZero = (v: number): number => v + 0;

describe('MeanAbsoluteError', () => {
  it('MAE = mean |t − p|, backward −sign(t − p)/outputs/batch', () => {
    const loss = new MeanAbsoluteError();
    expect(Array.from(loss.forward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data)).toEqual([1.5, 1]);
    expect(Array.from(loss.backward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data, positiveZero)).toEqual([0.25, 0.25, 0, 0.25]);
    expect(loss.toSpec()).toEqual({ type: 'MeanAbsoluteError' });
  });
});
