import { describe, expect, it } from 'vitest';
import { Softmax } from '../../src/activations/softmax.js';
import { Tensor } from '../../src/tensor/tensor.js';

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
