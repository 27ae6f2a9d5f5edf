import { describe, expect, it } from 'vitest';
import { RandomGenerator } from '../../src/random/generator.js';
import { init, getDefaultGenerator } from '../../src/random/default.js';
import fixture from '../fixtures/random.json' with { type: 'json' };

describe('RandomGenerator matches numpy legacy RandomState', () => {
  it('randn after seed 0 is numpy randn cast to float32', () => {
    const g = new RandomGenerator(0);
    expect(Array.from(g.randn(fixture.randn.length))).toEqual(fixture.randn);
  });

  it('random_sample, binomial and permutation continue the same stream', () => {
    const g = new RandomGenerator(0);
    g.randn(fixture.randn.length);
    expect(g.random()).toBe(fixture.randomSample);
    expect(Array.from(g.binomial(1, 0.7, fixture.binomial.length))).toEqual(fixture.binomial);
    expect(Array.from(g.permutation(fixture.permutation.length))).toEqual(fixture.permutation);
    expect(Array.from(g.binomial(5, 0.5, fixture.binomial5.length))).toEqual(fixture.binomial5);
  });

  it('seeds other than 0 match too', () => {
    const g = new RandomGenerator(42);
    expect(Array.from(g.randn(fixture.randnSeed42.length))).toEqual(fixture.randnSeed42);
  });

  it('state round-trips exactly, including the cached second normal', () => {
    const g = new RandomGenerator(7);
    g.gauss(); // leaves one normal cached
    const state = JSON.parse(JSON.stringify(g.getState()));
    const expected = Array.from(g.randn(9));
    const h = new RandomGenerator(123);
    h.setState(state);
    expect(Array.from(h.randn(9))).toEqual(expected);
  });

  it('getState(into) overwrites an earlier state instead of allocating', () => {
    const g = new RandomGenerator(7);
    const earlier = g.getState();
    const key = earlier.key;
    g.gauss();
    expect(g.getState(earlier)).toBe(earlier);
    expect(earlier.key).toBe(key);
    expect(earlier).toEqual(g.getState());
    expect(earlier.hasGauss).toBe(true);
  });

  it('init(seed) reseeds the default generator', () => {
    init(0);
    const a = Array.from(getDefaultGenerator().randn(3));
    init(0);
    expect(Array.from(getDefaultGenerator().randn(3))).toEqual(a);
  });

  it('rejects bad arguments with a message that names them', () => {
    const g = new RandomGenerator(0);
    expect(() => g.binomial(1, 1.5, 3)).toThrow('binomial p must be in [0, 1], received 1.5');
    expect(() => g.randn(-1)).toThrow('randn size must be a non-negative integer, received -1');
    expect(() => new RandomGenerator(-3)).toThrow('seed must be an integer in [0, 2^32 - 1], received -3');
  });
});
