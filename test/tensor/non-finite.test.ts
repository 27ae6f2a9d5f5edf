import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/index.js';
import { firstNonFinite, formatPlace } from '../../src/tensor/non-finite.js';

describe('firstNonFinite', () => {
  it('is null when every value is finite, and for integer arrays', () => {
    expect(firstNonFinite(Tensor.from([[1, -2], [0, 3.5]]))).toBeNull();
    expect(firstNonFinite(new Tensor([3], new Int32Array([1, 2, 3])))).toBeNull();
    expect(firstNonFinite(Tensor.zeros([0, 4]))).toBeNull();
  });

  it('finds the first NaN or ±Infinity and says where it is, by rank', () => {
    const table = new Tensor([3, 4], new Float64Array(12));
    table.data[2 * 4 + 3] = -Infinity;
    table.data[2 * 4 + 1] = Number.NaN;
    expect(firstNonFinite(table)).toEqual({ value: Number.NaN, row: 2, within: 'column 1' });

    const column = new Tensor([5], new Float32Array([0, 1, 2, Infinity, 4]));
    const found = firstNonFinite(column)!;
    expect(found).toEqual({ value: Infinity, row: 3, within: '' });
    expect(formatPlace(found)).toBe('row 3');

    const images = Tensor.zeros([2, 3, 4, 2]);
    images.data[1 * 24 + (2 * 4 + 1) * 2 + 1] = Number.NaN;
    expect(formatPlace(firstNonFinite(images)!)).toBe('row 1, position [2, 1, 1]');
  });
});
