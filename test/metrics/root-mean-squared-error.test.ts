import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/regression-metrics.json' with { type: 'json' };
import { rootMeanSquaredError } from '../../src/metrics/root-mean-squared-error.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('rootMeanSquaredError', () => {
  it('by hand: ŷ − y = [1, 0, −2] gives √((1 + 0 + 4)/3)', () => {
    expect(rootMeanSquaredError(Tensor.from([2, 4, 6]), Tensor.from([[1], [4], [8]]))).toBe(Math.sqrt(5 / 3));
  });

  it('is 0 for a perfect fit and takes any numeric typed array', () => {
    const y = new Tensor([3, 1], new Float64Array([1, 4, 8]));
    expect(rootMeanSquaredError(y, y)).toBe(0);
    expect(rootMeanSquaredError(new Tensor([3], new Int32Array([2, 4, 6])), y)).toBe(Math.sqrt(5 / 3));
  });

  it.each(fixture.cases)('matches numpy: $name', (c) => {
    // float32 tensors: the fixture's values are exact in float32
    const value = rootMeanSquaredError(new Tensor(c.shape, Float32Array.from(c.predictions)), new Tensor(c.shape, Float32Array.from(c.y)));
    expect(Math.abs(value - c.rootMeanSquaredError) / c.rootMeanSquaredError).toBeLessThan(1e-14);
  });

  it('names both shapes when they cannot be compared', () => {
    expect(() => rootMeanSquaredError(Tensor.from([1, 2]), Tensor.from([[1], [4], [8]]))).toThrow(
      'rootMeanSquaredError: predictions shape [2] and targets shape [3, 1] must hold the same (non-zero) number of values per sample',
    );
  });
});
