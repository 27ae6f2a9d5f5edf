import { describe, expect, it } from 'vitest';
import { moonsData } from '../../../src/data/synthetic/moons.js';
import { init } from '../../../src/random/default.js';
import { RandomGenerator } from '../../../src/random/generator.js';

describe('moonsData', () => {
  it('returns X [2·samples, 2] float32 and uint8 class ids grouped by class', () => {
    const [X, y] = moonsData(25, 2, { generator: new RandomGenerator(1) });
    expect(X.shape).toEqual([50, 2]);
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(Array.from(y.data)).toEqual([...Array(25).fill(0), ...Array(25).fill(1)]);
  });

  it("puts noise-free points on make_moons' half circles, centred and scaled by 1/1.5", () => {
    const [X] = moonsData(11, 2, { noise: 0, generator: new RandomGenerator(2) });
    for (let i = 0; i < 11; i++) {
      // Undo the centring/scaling and check each point is on its unit half circle.
      const outer = [X.data[i * 2] * 1.5 + 0.5, X.data[i * 2 + 1] * 1.5 + 0.25];
      expect(Math.hypot(outer[0], outer[1])).toBeCloseTo(1, 5);
      expect(outer[1]).toBeGreaterThanOrEqual(-1e-6);
      const row = 11 + i;
      const inner = [X.data[row * 2] * 1.5 + 0.5, X.data[row * 2 + 1] * 1.5 + 0.25];
      expect(Math.hypot(inner[0] - 1, inner[1] - 0.5)).toBeCloseTo(1, 5);
      expect(inner[1]).toBeLessThanOrEqual(0.5 + 1e-6);
    }
    // First and last outer points: t = 0 → (1, 0), t = π → (−1, 0).
    expect(X.data[0]).toBeCloseTo((1 - 0.5) / 1.5, 6);
    expect(X.data[20]).toBeCloseTo((-1 - 0.5) / 1.5, 6);
    expect(X.data[21]).toBeCloseTo(-0.25 / 1.5, 5);
  });

  it('adds noise·randn drawn class by class', () => {
    const generator = new RandomGenerator(4);
    const [X] = moonsData(3, 2, { noise: 0.3, generator });
    const reference = new RandomGenerator(4);
    const n0 = reference.randn(6);
    const n1 = reference.randn(6);
    expect(X.data[0]).toBe(Math.fround(0.5 / 1.5 + 0.3 * n0[0]));
    expect(X.data[7]).toBe(Math.fround((0.5 - Math.sin(0) - 0.25) / 1.5 + 0.3 * n1[1]));
    expect(generator.getState()).toEqual(reference.getState());
  });

  it('is deterministic under init(seed)', () => {
    init(5);
    const [a] = moonsData(10);
    init(5);
    const [b] = moonsData(10);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
  });

  it('accepts only two classes', () => {
    expect(() => moonsData(10, 1)).toThrow('moonsData: classes must be 2, received 1');
  });
});
