import { describe, expect, it } from 'vitest';
import { Sigmoid } from '../../src/activations/sigmoid.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { trackAllocations } from '../backend/tracking-backend.js';

describe('Sigmoid', () => {
  it('is 1/(1+e^−x), backward y(1−y), predictions y > 0.5 as 0/1', () => {
    const sigmoid = new Sigmoid();
    const out = sigmoid.forward(Tensor.from([[0, Math.log(3)], [-Math.log(3), 10]]));
    expect(out.data[0]).toBe(0.5);
    expect(out.data[1]).toBeCloseTo(0.75, 7);
    expect(out.data[2]).toBeCloseTo(0.25, 7);
    const dIn = sigmoid.backward(Tensor.from([[1, 1], [2, 1]]));
    expect(dIn.data[0]).toBe(0.25);
    expect(dIn.data[2]).toBeCloseTo(2 * 0.25 * 0.75, 7);
    const predictions = sigmoid.predictions(out);
    expect(predictions.shape).toEqual([2, 2]);
    expect(predictions.data).toBeInstanceOf(Float32Array);
    expect(Array.from(predictions.data)).toEqual([0, 1, 0, 1]);
  });

  it('dispose releases the output, gradient and predictions buffers, then every use throws', () => {
    const { live, restore } = trackAllocations();
    try {
      const sigmoid = new Sigmoid();
      const out = sigmoid.forward(Tensor.from([[0, 1]]));
      sigmoid.backward(Tensor.from([[1, 1]]));
      sigmoid.predictions(out);
      expect(live.size).toBe(3);
      sigmoid.dispose();
      expect(live.size).toBe(0);
      expect(() => sigmoid.forward(Tensor.from([[0, 1]]))).toThrow('Sigmoid: this layer was disposed; create a new one');
      expect(() => sigmoid.predictions(out)).toThrow('Sigmoid: this layer was disposed; create a new one');
      sigmoid.dispose();
    } finally {
      restore();
    }
  });
});
