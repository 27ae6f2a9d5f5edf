import { describe, expect, it } from 'vitest';
import { xorData } from '../../../src/data/synthetic/xor.js';
import { init } from '../../../src/random/default.js';
import { RandomGenerator } from '../../../src/random/generator.js';

describe('xorData', () => {
  it('returns X [2·samples, 2] float32 and uint8 class ids grouped by class', () => {
    const [X, y] = xorData(30, 2, { generator: new RandomGenerator(1) });
    expect(X.shape).toEqual([60, 2]);
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(y.shape).toEqual([60]);
    expect(y.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(y.data)).toEqual([...Array(30).fill(0), ...Array(30).fill(1)]);
  });

  it('labels by the sign of x₀·x₁ and fills all four quadrants equally when noise is 0', () => {
    const [X, y] = xorData(40, 2, { noise: 0, generator: new RandomGenerator(2) });
    const quadrants = new Map<string, number>();
    for (let i = 0; i < 80; i++) {
      const [a, b] = [X.data[i * 2], X.data[i * 2 + 1]];
      expect(Math.min(Math.abs(a), Math.abs(b))).toBeGreaterThanOrEqual(0.05 - 1e-7);
      expect(Math.max(Math.abs(a), Math.abs(b))).toBeLessThan(1);
      expect(a * b > 0 ? 0 : 1).toBe(y.data[i]);
      const key = `${Math.sign(a)},${Math.sign(b)}`;
      quadrants.set(key, (quadrants.get(key) ?? 0) + 1);
    }
    expect([...quadrants.values()]).toEqual([20, 20, 20, 20]);
  });

  it('draws the magnitudes then the noise, class by class', () => {
    const generator = new RandomGenerator(3);
    const [X] = xorData(4, 2, { noise: 0.2, generator });
    const reference = new RandomGenerator(3);
    const u0 = reference.uniform(0.05, 1, 8);
    const n0 = reference.randn(8);
    expect(X.data[0]).toBe(Math.fround(u0[0] + 0.2 * n0[0]));
    expect(X.data[3]).toBe(Math.fround(-u0[3] + 0.2 * n0[3]));
    reference.uniform(0.05, 1, 8);
    reference.randn(8);
    expect(generator.getState()).toEqual(reference.getState());
  });

  it('is deterministic under init(seed)', () => {
    init(11);
    const [a] = xorData(10);
    init(11);
    const [b] = xorData(10);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('accepts only two classes', () => {
    expect(() => xorData(10, 3)).toThrow('xorData: classes must be 2, received 3');
    expect(() => xorData(-2)).toThrow('xorData: samples must be an integer >= 1, received -2');
  });
});
