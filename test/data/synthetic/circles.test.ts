import { describe, expect, it } from 'vitest';
import { circlesData } from '../../../src/data/synthetic/circles.js';
import { init } from '../../../src/random/default.js';
import { RandomGenerator } from '../../../src/random/generator.js';

describe('circlesData', () => {
  it('returns X [samples·classes, 2] float32 and uint8 class ids grouped by class', () => {
    const [X, y] = circlesData(50, 3, { generator: new RandomGenerator(1) });
    expect(X.shape).toEqual([150, 2]);
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(y.shape).toEqual([150]);
    expect(y.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(y.data.subarray(0, 50)).every((v) => v === 0)).toBe(true);
    expect(Array.from(y.data.subarray(50, 100)).every((v) => v === 1)).toBe(true);
    expect(Array.from(y.data.subarray(100)).every((v) => v === 2)).toBe(true);
  });

  it('puts class k on the circle of radius (k + 1) / classes when noise is 0', () => {
    const [X, y] = circlesData(40, 4, { noise: 0, generator: new RandomGenerator(2) });
    for (let i = 0; i < 160; i++) {
      const radius = Math.hypot(X.data[i * 2], X.data[i * 2 + 1]);
      expect(radius).toBeCloseTo((y.data[i] + 1) / 4, 6);
    }
  });

  it('draws θ then the noise, class by class, from the given generator', () => {
    const generator = new RandomGenerator(3);
    const [X] = circlesData(5, 2, { noise: 0.5, generator });
    const reference = new RandomGenerator(3);
    for (let k = 0; k < 2; k++) {
      const angles = reference.uniform(0, 2 * Math.PI, 5);
      const jitter = reference.randn(10);
      const radius = (k + 1) / 2;
      for (let i = 0; i < 5; i++) {
        const row = k * 5 + i;
        expect(X.data[row * 2]).toBe(Math.fround(radius * Math.cos(angles[i]) + 0.5 * jitter[i * 2]));
        expect(X.data[row * 2 + 1]).toBe(Math.fround(radius * Math.sin(angles[i]) + 0.5 * jitter[i * 2 + 1]));
      }
    }
    expect(generator.getState()).toEqual(reference.getState());
  });

  it('uses the default generator seeded by init(seed): same seed, same data', () => {
    init(7);
    const [a] = circlesData(20);
    init(7);
    const [b] = circlesData(20);
    const [c] = circlesData(20);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(Array.from(c.data)).not.toEqual(Array.from(a.data));
  });

  it('rejects bad arguments with a message naming them', () => {
    expect(() => circlesData(0)).toThrow('circlesData: samples must be an integer >= 1, received 0');
    expect(() => circlesData(10, 1.5)).toThrow('circlesData: classes must be an integer >= 1, received 1.5');
    expect(() => circlesData(10, 2, { noise: -1 })).toThrow(
      'circlesData: noise must be a finite number >= 0, received -1',
    );
    expect(() => circlesData(10, 2, { nois: 1 } as never)).toThrow('circlesData: unknown option "nois"');
  });
});
