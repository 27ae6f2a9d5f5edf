import { describe, expect, it } from 'vitest';
import { spiralData } from '../../../src/data/synthetic/spiral.js';
import { init } from '../../../src/random/default.js';
import { RandomGenerator } from '../../../src/random/generator.js';
import book from '../../fixtures/book.json' with { type: 'json' };

describe('spiralData', () => {
  it('matches nnfs spiral_data(100, 3) after nnfs.init() to the float32 bit', () => {
    init(0);
    const [X, y] = spiralData(100, 3);
    expect(X.shape).toEqual([300, 2]);
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(y.shape).toEqual([300]);
    expect(y.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(X.data)).toEqual(book.spiral.X);
    expect(Array.from(y.data)).toEqual(book.spiral.y);
  });

  it('draws from an injected generator exactly as from the default one', () => {
    const [X] = spiralData(100, 3, new RandomGenerator(0));
    expect(Array.from(X.data)).toEqual(book.spiral.X);
  });

  it('rejects bad sizes naming the argument', () => {
    expect(() => spiralData(0, 3)).toThrow('spiralData: samples must be an integer >= 2, received 0');
    expect(() => spiralData(10, 1.5)).toThrow('spiralData: classes must be an integer >= 1, received 1.5');
    expect(() => spiralData(10, 300)).toThrow('spiralData: classes must be at most 256 (class ids are stored as bytes), received 300');
  });
});
