import { describe, expect, it } from 'vitest';
import { sineData } from '../../../src/data/synthetic/sine.js';
import book from '../../fixtures/book.json' with { type: 'json' };

describe('sineData', () => {
  it('matches nnfs sine_data(): X = i/1000, y = sin(2πX) in float64, shapes [1000, 1]', () => {
    const [X, y] = sineData();
    expect(X.shape).toEqual([1000, 1]);
    expect(y.shape).toEqual([1000, 1]);
    expect(X.data).toBeInstanceOf(Float64Array);
    const picked = (data: Float64Array): number[] => book.sine.indices.map((i) => data[i]);
    expect(picked(X.data)).toEqual(book.sine.X);
    expect(picked(y.data)).toEqual(book.sine.y);
  });

  it('takes another sample count', () => {
    const [X, y] = sineData(4);
    expect(Array.from(X.data)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(y.data[1]).toBe(1);
    expect(() => sineData(0)).toThrow('sineData: samples must be an integer >= 1, received 0');
  });
});
