import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/regression-metrics.json' with { type: 'json' };
import { coefficientOfDetermination } from '../../src/metrics/coefficient-of-determination.js';
import { Tensor } from '../../src/tensor/tensor.js';

// ȳ = 13/3, Σ (y − ȳ)² = 222/9.
const y = Tensor.from([[1], [4], [8]]);

describe('coefficientOfDetermination (R²)', () => {
  it('by hand: Σ (y − ŷ)² = 5 gives 1 − 5 / (222/9)', () => {
    expect(coefficientOfDetermination(Tensor.from([2, 4, 6]), y)).toBeCloseTo(1 - 45 / 222, 15);
  });

  it('is 1 for a perfect fit, 0 for the mean, negative for worse', () => {
    expect(coefficientOfDetermination(y, y)).toBe(1);
    expect(coefficientOfDetermination(new Tensor([3], new Float64Array([13 / 3, 13 / 3, 13 / 3])), y)).toBe(0);
    expect(coefficientOfDetermination(Tensor.from([8, 4, 1]), y)).toBeLessThan(0);
  });

  it('averages the columns of several outputs; constant targets score 1 if hit exactly, else 0 (never NaN)', () => {
    const constant = Tensor.from([[2, 1], [2, 3]]);
    expect(coefficientOfDetermination(constant, constant)).toBe(1);
    // column 0: constant targets missed (0); column 1: perfect (1)
    expect(coefficientOfDetermination(Tensor.from([[2.5, 1], [2, 3]]), constant)).toBe(0.5);
  });

  it.each(fixture.cases)('matches numpy: $name', (c) => {
    const value = coefficientOfDetermination(new Tensor(c.shape, Float32Array.from(c.predictions)), new Tensor(c.shape, Float32Array.from(c.y)));
    expect(Math.abs(value - c.coefficientOfDetermination)).toBeLessThan(1e-13);
  });

  it('names both shapes when they cannot be compared', () => {
    const empty = new Tensor([0], new Float32Array(0));
    expect(() => coefficientOfDetermination(empty, empty)).toThrow(
      'coefficientOfDetermination: predictions shape [0] and targets shape [0] must hold the same (non-zero) number of values per sample',
    );
  });
});
