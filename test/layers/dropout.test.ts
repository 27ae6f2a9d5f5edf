import { describe, expect, it } from 'vitest';
import { Dropout } from '../../src/layers/dropout.js';
import { init } from '../../src/random/default.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { trackAllocations } from '../backend/tracking-backend.js';
import book from '../fixtures/book.json' with { type: 'json' };

describe('Dropout', () => {
  it('draws the book mask binomial(1, 1 − rate)/(1 − rate) exactly as numpy, layer after layer', () => {
    init(0);
    const first = new Dropout(0.1);
    const second = new Dropout(0.5);
    first.forward(new Tensor([4, 5], new Float32Array(20).fill(1)));
    second.forward(new Tensor([3, 7], new Float32Array(21).fill(1)));
    expect(Array.from(first.mask.data)).toEqual(book.dropout['rate0.1'].map(Math.fround));
    expect(Array.from(second.mask.data)).toEqual(book.dropout['rate0.5']);
    expect(Array.from(first.output.data)).toEqual(book.dropout['rate0.1'].map(Math.fround));
  });

  it('backward multiplies by the same mask; inference is the identity', () => {
    init(3);
    const dropout = new Dropout(0.5);
    const x = Tensor.from([[1, 2, 3, 4, 5, 6, 7, 8]]);
    dropout.forward(x);
    const dIn = dropout.backward(Tensor.from([[1, 1, 1, 1, 1, 1, 1, 1]]));
    expect(Array.from(dIn.data)).toEqual(Array.from(dropout.mask.data));
    expect(Array.from(dIn.data).every((v) => v === 0 || v === 2)).toBe(true);
    expect(Array.from(dropout.forward(x, false).data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(dropout.toSpec()).toEqual({ type: 'Dropout', rate: 0.5 });
  });

  it('dispose releases the output, gradient and mask buffers, then forward throws', () => {
    const { live, restore } = trackAllocations();
    try {
      const dropout = new Dropout(0.5);
      dropout.forward(Tensor.zeros([2, 3]));
      dropout.backward(Tensor.zeros([2, 3]));
      expect(live.size).toBe(3);
      dropout.dispose();
      expect(live.size).toBe(0);
      expect(() => dropout.forward(Tensor.zeros([2, 3]))).toThrow('Dropout: this layer was disposed; create a new one');
    } finally {
      restore();
    }
  });

  it('rejects a rate outside [0, 1)', () => {
    expect(() => new Dropout(1.0)).toThrow('Dropout: rate must be a number in [0, 1), received 1');
    expect(() => new Dropout(-0.1)).toThrow('Dropout: rate must be a number in [0, 1), received -0.1');
    expect(() => new Dropout(0.1, { seed: 1 } as object)).toThrow('Dropout: unknown option "seed"');
  });
});
