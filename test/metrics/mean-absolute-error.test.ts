import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/regression-metrics.json' with { type: 'json' };
import { meanAbsoluteError } from '../../src/metrics/mean-absolute-error.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('meanAbsoluteError', () => {
  it('by hand: ŷ − y = [1, 0, −2] gives (1 + 0 + 2)/3', () => {
    expect(meanAbsoluteError(Tensor.from([2, 4, 6]), Tensor.from([[1], [4], [8]]))).toBe(1);
  });

  it('averages over every value of several outputs', () => {
    // |ŷ − y| = [0.5, 1, 0, 2.5]
    expect(meanAbsoluteError(Tensor.from([[1.5, 3], [5, 8.5]]), Tensor.from([[1, 2], [5, 6]]))).toBe(1);
  });

  it.each(fixture.cases)('matches numpy: $name', (c) => {
    const value = meanAbsoluteError(new Tensor(c.shape, Float32Array.from(c.predictions)), new Tensor(c.shape, Float32Array.from(c.y)));
    expect(Math.abs(value - c.meanAbsoluteError) / c.meanAbsoluteError).toBeLessThan(1e-14);
  });

  it('names both shapes when they cannot be compared', () => {
    expect(() => meanAbsoluteError(Tensor.from([[1, 2, 3]]), Tensor.from([[1], [4], [8]]))).toThrow(
      'meanAbsoluteError: predictions shape [1, 3] and targets shape [3, 1] must hold the same (non-zero) number of values per sample',
    );
  });
});
