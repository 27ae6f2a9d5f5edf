import { describe, expect, it } from 'vitest';
import { ReLU } from '../../src/activations/relu.js';
import { Tensor } from '../../src/tensor/tensor.js';

const f32 = (values: number[]): number[] => values.map(Math.fround);

describe('ReLU', () => {
  it('is max(0, x), with gradient 0 where x <= 0 (the book)', () => {
    const relu = new ReLU();
    // The book's example, In [32]
    const out = relu.forward(Tensor.from([[0, 2, -1, 3.3, -2.7, 1.1, 2.2, -100]]));
    expect(Array.from(out.data)).toEqual(f32([0, 2, 0, 3.3, 0, 1.1, 2.2, 0]));
    const dIn = relu.backward(Tensor.from([[1, 2, 3, 4, 5, 6, 7, 8]]));
    expect(Array.from(dIn.data)).toEqual([0, 2, 0, 4, 0, 6, 7, 0]);
    expect(relu.predictions(out)).toBe(out);
    expect(relu.toSpec()).toEqual({ type: 'ReLU' });
  });

  it('names itself and the shapes when dValues do not match', () => {
    const relu = new ReLU();
    expect(() => relu.backward(Tensor.zeros([2, 2]))).toThrow('ReLU: backward called before forward');
    relu.forward(Tensor.zeros([2, 3]));
    expect(() => relu.backward(Tensor.zeros([3, 2]))).toThrow("ReLU expected dValues of the output's shape [2, 3], received shape [3, 2]");
  });
});

describe('ReLU buffers', () => {
  it('reuses output and dInputs for the same batch shape, so steps allocate nothing', () => {
    const relu = new ReLU();
    const x = Tensor.from([[1, -1], [2, -2]]);
    const out = relu.forward(x);
    const dIn = relu.backward(Tensor.from([[1, 1], [1, 1]]));
    expect(relu.forward(x)).toBe(out);
    expect(relu.backward(Tensor.from([[1, 1], [1, 1]]))).toBe(dIn);
    expect(relu.forward(new Tensor([2, 2], new Float64Array(4))).data).toBeInstanceOf(Float64Array);
  });
});
