import { describe, expect, it } from 'vitest';
import { BinaryCrossentropy } from '../../src/losses/binary-crossentropy.js';
import { MeanAbsoluteError } from '../../src/losses/mean-absolute-error.js';
import { MeanSquaredError } from '../../src/losses/mean-squared-error.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f64 = (shape: number[], values: number[]): Tensor => new Tensor(shape, new Float64Array(values));

// −0 and +0 are the same gradient; toEqual tells them apart.
const positiveZero = (v: number): number => v + 0;

describe('BinaryCrossentropy', () => {
  it('is the mean over outputs of −(t·log p + (1 − t)·log(1 − p))', () => {
    const loss = new BinaryCrossentropy();
    const losses = loss.forward(f64([2, 2], [0.9, 0.2, 0.3, 0.6]), Tensor.from([[1, 0], [0, 1]]));
    expect(losses.data[0]).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 15);
    expect(losses.data[1]).toBeCloseTo(-(Math.log(0.7) + Math.log(0.6)) / 2, 15);
    const dIn = loss.backward(f64([2, 2], [0.9, 0.2, 0.3, 0.6]), Tensor.from([[1, 0], [0, 1]]));
    expect(dIn.data[0]).toBeCloseTo(-1 / 0.9 / 2 / 2, 15);
    expect(dIn.data[1]).toBeCloseTo(1 / 0.8 / 2 / 2, 15);
    expect(loss.toSpec()).toEqual({ type: 'BinaryCrossentropy' });
  });

  it('takes [batch] targets for a single output and rejects other shapes', () => {
    const loss = new BinaryCrossentropy();
    expect(loss.calculate(f64([2, 1], [0.5, 0.5]), new Tensor([2], new Uint8Array([1, 0])))).toBeCloseTo(Math.log(2), 15);
    expect(() => loss.calculate(f64([2, 2], [0.5, 0.5, 0.5, 0.5]), Tensor.zeros([2]))).toThrow(
      'BinaryCrossentropy expected targets of shape [2, 2], received shape [2]',
    );
  });
});

describe('MeanSquaredError and MeanAbsoluteError', () => {
  it('MSE = mean (t − p)², backward −2(t − p)/outputs/batch', () => {
    const loss = new MeanSquaredError();
    expect(Array.from(loss.forward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data)).toEqual([2.5, 2]);
    expect(Array.from(loss.backward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data, positiveZero)).toEqual([0.5, 1, 0, 1]);
    expect(loss.toSpec()).toEqual({ type: 'MeanSquaredError' });
  });

  it('MAE = mean |t − p|, backward −sign(t − p)/outputs/batch', () => {
    const loss = new MeanAbsoluteError();
    expect(Array.from(loss.forward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data)).toEqual([1.5, 1]);
    expect(Array.from(loss.backward(f64([2, 2], [1, 2, 3, 4]), f64([2, 2], [0, 0, 3, 2])).data, positiveZero)).toEqual([0.25, 0.25, 0, 0.25]);
    expect(loss.toSpec()).toEqual({ type: 'MeanAbsoluteError' });
  });
});
