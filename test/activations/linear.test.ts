import { describe, expect, it } from 'vitest';
import { Linear } from '../../src/activations/linear.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('Linear', () => {
  it('Linear copies forward and backward', () => {
    const linear = new Linear();
    const x = Tensor.from([[1.5, -2]]);
    const out = linear.forward(x);
    expect(out).not.toBe(x);
    expect(Array.from(out.data)).toEqual([1.5, -2]);
    const d = Tensor.from([[3, 4]]);
    expect(Array.from(linear.backward(d).data)).toEqual([3, 4]);
    expect(linear.predictions(out)).toBe(out);
  });
});
