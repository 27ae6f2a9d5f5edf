import { describe, expect, it } from 'vitest';
import { verticalData } from '../../../src/data/synthetic/vertical.js';
import { init } from '../../../src/random/default.js';
import book from '../../fixtures/book.json' with { type: 'json' };

describe('verticalData', () => {
  it('matches nnfs vertical_data(100, 3) after nnfs.init() to the float32 bit', () => {
    init(0);
    const [X, y] = verticalData(100, 3);
    expect(X.shape).toEqual([300, 2]);
    expect(Array.from(X.data)).toEqual(book.vertical.X);
    expect(Array.from(y.data)).toEqual(book.vertical.y);
  });

  it('rejects bad sizes naming the argument', () => {
    expect(() => verticalData(-1, 3)).toThrow('verticalData: samples must be an integer >= 1, received -1');
  });
});
