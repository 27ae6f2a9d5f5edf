import { describe, expect, it } from 'vitest';
import { Tanh } from '../../src/activations/tanh.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('Tanh', () => {
  it('tanh forward and 1 − y² backward', () => {
    const tanh = new Tanh();
    const out = tanh.forward(Tensor.from([[0.5, -1]]));
    expect(out.data[0]).toBeCloseTo(Math.tanh(0.5), 7);
    expect(tanh.backward(Tensor.from([[2, 1]])).data[0]).toBeCloseTo(2 * (1 - Math.tanh(0.5) ** 2), 6);
  });
});
