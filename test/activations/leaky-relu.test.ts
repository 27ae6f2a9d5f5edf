import { describe, expect, it } from 'vitest';
import { LeakyReLU } from '../../src/activations/leaky-relu.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f32 = (values: number[]): number[] => values.map(Math.fround);

describe('LeakyReLU', () => {
  it('scales negatives by alpha (default 0.01) forward and backward', () => {
    const leaky = new LeakyReLU();
    expect(leaky.alpha).toBe(0.01);
    expect(Array.from(leaky.forward(Tensor.from([[-2, 0, 3]])).data)).toEqual(f32([-0.02, 0, 3]));
    expect(Array.from(leaky.backward(Tensor.from([[1, 1, 1]])).data)).toEqual(f32([0.01, 0.01, 1]));
    expect(new LeakyReLU(0.2).toSpec()).toEqual({ type: 'LeakyReLU', alpha: 0.2 });
    expect(() => new LeakyReLU(-1)).toThrow('LeakyReLU: alpha must be a number in [0, 1], received -1');
  });
});
