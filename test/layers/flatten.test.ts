import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../src/gradient-check.js';
import { Flatten, flattenKind } from '../../src/layers/flatten.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('Flatten', () => {
  it('keeps row-major NHWC order: each pixel\'s channels together, row by row', () => {
    const flatten = new Flatten();
    const x = new Tensor([2, 2, 2, 3], Float32Array.from({ length: 24 }, (_, i) => i));
    const y = flatten.forward(x);
    expect(y.shape).toEqual([2, 12]);
    expect(Array.from(y.data)).toEqual(Array.from(x.data));
    const dInputs = flatten.backward(new Tensor([2, 12], Float32Array.from({ length: 24 }, (_, i) => -i)));
    expect(dInputs.shape).toEqual([2, 2, 2, 3]);
    expect(dInputs.data[23]).toBe(-23);
  });

  it('passes the float64 finite-difference gradient check', () => {
    const x = new Tensor([3, 2, 2, 2], Float64Array.from({ length: 24 }, (_, i) => Math.cos(i)));
    expect(gradientCheck(new Flatten(), x).maxRelativeError).toBeLessThan(1e-8);
  });

  it('names what it expected', () => {
    const flatten = new Flatten();
    expect(() => flatten.forward(Tensor.zeros([5]))).toThrow('Flatten expected input of shape [batch, …], received shape [5]');
    expect(() => flatten.backward(Tensor.zeros([1, 1]))).toThrow('Flatten: backward called before forward');
    flatten.forward(Tensor.zeros([2, 3, 4]));
    expect(() => flatten.backward(Tensor.zeros([2, 11]))).toThrow("Flatten expected dValues of the output's shape [2, 12], received shape [2, 11]");
    expect(flattenKind.outputShape({ type: 'Flatten' }, [5, 5, 32])).toEqual([800]);
    expect(flattenKind.outputShape({ type: 'Flatten' }, [null, 5, 32])).toEqual([null]);
  });
});
