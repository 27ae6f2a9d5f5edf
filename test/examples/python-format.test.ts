import { describe, expect, it } from 'vitest';
import { formatArray, formatFloat } from '../../examples/python-format.js';
import fixture from '../fixtures/python-format.json' with { type: 'json' };

describe('python-format (the examples print like the notebooks)', () => {
  it("formats floats like Python's repr", () => {
    for (const { value, printed } of fixture.floats) expect(formatFloat(value), printed).toBe(printed);
    expect(formatFloat(-0)).toBe('-0.0');
  });

  it("formats 1-D and 2-D float64 arrays like numpy's str", () => {
    for (const { value, printed } of fixture.arrays) expect(formatArray(value as number[] | number[][])).toBe(printed);
  });
});
