import { describe, expect, it } from 'vitest';
import { LeakyReLU } from '../../src/activations/leaky-relu.js';
import { Linear } from '../../src/activations/linear.js';
import { ReLU } from '../../src/activations/relu.js';
import { Sigmoid } from '../../src/activations/sigmoid.js';
import { Softmax } from '../../src/activations/softmax.js';
import { Tanh } from '../../src/activations/tanh.js';
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

describe('LeakyReLU', () => {
  it('scales negatives by alpha (default 0.01) forward and backward', () => {
    const leaky = new LeakyReLU();
    expect(leaky.alpha).toBe(0.01);
    expect(Array.from(leaky.forward(Tensor.from([[-2, 0, 3]])).data)).toEqual(f32([-0.02, 0, 3]));
    expect(Array.from(leaky.backward(Tensor.from([[1, 1, 1]])).data)).toEqual(f32([0.01, 0.01, 1]));
    expect(new LeakyReLU(0.2).toSpec()).toEqual({ type: 'LeakyReLU', alpha: 0.2 });
    expect(() => new LeakyReLU(-1)).toThrow('LeakyReLU: alpha must be a finite number >= 0, received -1');
  });
});

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
});

describe('Tanh and Linear', () => {
  it('tanh forward and 1 − y² backward', () => {
    const tanh = new Tanh();
    const out = tanh.forward(Tensor.from([[0.5, -1]]));
    expect(out.data[0]).toBeCloseTo(Math.tanh(0.5), 7);
    expect(tanh.backward(Tensor.from([[2, 1]])).data[0]).toBeCloseTo(2 * (1 - Math.tanh(0.5) ** 2), 6);
  });

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

describe('Softmax', () => {
  it('gives the book outputs and is shift invariant (In [43], In [44])', () => {
    const softmax = new Softmax();
    const expected = [0.09003057, 0.24472847, 0.66524096];
    for (const row of [[1, 2, 3], [-2, -1, 0]]) {
      const out = softmax.forward(Tensor.from([row]));
      out.data.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 7));
    }
    expect(softmax.forward(Tensor.from([[1000, 1000]])).toArray()).toEqual([[0.5, 0.5]]);
  });

  it('backward equals the book Jacobian (diagflat(y) − y·yᵀ)·dValues', () => {
    const softmax = new Softmax();
    const y = Array.from(softmax.forward(Tensor.from([[0.3, -1.2, 2.0]])).data);
    const dValues = [0.7, -0.1, 0.4];
    const dIn = softmax.backward(Tensor.from([dValues]));
    const jacobianProduct = y.map((yi, i) => y.reduce((acc, yj, j) => acc + ((i === j ? yi : 0) - yi * yj) * dValues[j], 0));
    dIn.data.forEach((v, i) => expect(v).toBeCloseTo(jacobianProduct[i], 7));
  });

  it('predictions are argmax class ids in an Int32Array', () => {
    const softmax = new Softmax();
    const predictions = softmax.predictions(Tensor.from([[0.7, 0.2, 0.1], [0.5, 0.1, 0.4], [0.02, 0.9, 0.08]]));
    expect(predictions.data).toBeInstanceOf(Int32Array);
    expect(Array.from(predictions.data)).toEqual([0, 0, 1]);
    expect(() => softmax.forward(Tensor.zeros([3]))).toThrow('Softmax expected inputs of shape [rows, columns], received shape [3]');
  });
});
