import { describe, expect, it } from 'vitest';
import { BinaryCrossentropy } from '../../src/losses/binary-crossentropy.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f64 = (shape: number[], values: number[]): Tensor => new Tensor(shape, new Float64Array(values));

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
