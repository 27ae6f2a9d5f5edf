import { describe, expect, it } from 'vitest';
import { formatFloat32, improvementLine, randomSearch, type Improvement } from '../../examples/random-search.js';
import fixture from '../fixtures/random-search.json' with { type: 'json' };

// The book's loss is numpy's float32 mean of float32 sample losses (its own
// summation order, float32 log); scratchnet sums in float64 and rounds once,
// so a loss may sit a float32 step or two away (2 at most over these runs).
// Iterations and accuracies, which decide what is printed, must be equal.
const MAX_FLOAT32_STEPS = 2;

/** The spacing of float32 values at x (x normal, > 0). */
const float32Step = (x: number): number => 2 ** (Math.floor(Math.log2(x)) - 23);

function expectImprovements(actual: Improvement[], expected: Improvement[]): void {
  expect(actual.map((a) => [a.iteration, a.accuracy])).toEqual(expected.map((e) => [e.iteration, e.accuracy]));
  actual.forEach((a, i) => {
    expect(Math.abs(a.loss - expected[i].loss) / float32Step(expected[i].loss), `loss ${i}`).toBeLessThanOrEqual(MAX_FLOAT32_STEPS);
  });
}

describe('random search (examples/random-search.ts)', () => {
  it('seed 001 as written (no revert) improves at the notebook\'s iterations 0–5 and 13, then never again', () => {
    const improvements = randomSearch('spiral', false);
    expectImprovements(improvements, fixture.seedAsWritten);
    expect(improvements.map((i) => i.iteration)).toEqual([0, 1, 2, 3, 4, 5, 13]);
    expect(improvementLine(improvements[0])).toBe('New set of weights found, iteration: 0 loss: 1.1008677 acc: 0.3333333333333333');
    expect(improvementLine(improvements[5])).toBe('New set of weights found, iteration: 5 loss: 1.0984716 acc: 0.36333333333333334');
  });

  it('the book\'s fix (revert) keeps improving: every improvement of numpy\'s run, on spiral and vertical data', () => {
    expectImprovements(randomSearch('spiral', true, 2000), fixture.spiralFix2000);
    expectImprovements(randomSearch('vertical', true, 2000), fixture.verticalFix2000);
  });

  it('formatFloat32 prints numpy\'s float32 repr', () => {
    expect(formatFloat32(Math.fround(1.1008677))).toBe('1.1008677');
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1.09862))).toBe('1.09862');
    expect(formatFloat32(Math.fround(2.5e-5))).toBe('2.5e-05');
  });
});
