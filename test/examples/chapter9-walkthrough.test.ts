import { describe, expect, it } from 'vitest';
import { walkthrough } from '../../examples/backprop-single-neuron.js';

// Seed 001, cells In [58]–[67], as the notebook prints them.
const SEED_001_PRINTS = [
  '-3.0 2.0 6.0',
  '6.0',
  '6.0',
  '1.0',
  '1.0',
  '-3.0',
  '-3.0 1.0 -1.0 -2.0 2.0 3.0',
  '[-3.001, -0.998, 1.997] 0.999',
  '5.985',
];

describe('chapter 9 single-neuron walkthrough (examples/backprop-single-neuron.ts)', () => {
  it('prints what seed 001 prints, cell by cell', () => {
    const lines: string[] = [];
    walkthrough((line) => lines.push(line));
    expect(lines.slice(0, SEED_001_PRINTS.length)).toEqual(SEED_001_PRINTS);
  });

  it('computes z = 6, dx = w, dw = x, db = 1 by hand and gets 5.985 after one step', () => {
    const result = walkthrough(() => {});
    expect(result.z).toBe(6);
    expect(result.dx).toEqual([-3, -1, 2]);
    expect(result.dw).toEqual([1, -2, 3]);
    expect(result.db).toBe(1);
    expect(result.outputAfterStep).toBe(5.985);
  });

  it('scratchnet\'s Dense and ReLU backward give the same gradients and the same step', () => {
    const lines: string[] = [];
    const { library } = walkthrough((line) => lines.push(line));
    expect(library).toEqual({ z: 6, dx: [-3, -1, 2], dw: [1, -2, 3], db: 1, outputAfterStep: 5.985 });
    expect(lines.at(-1)).toBe(
      'scratchnet Dense + ReLU: z = 6.0, dx = [-3.0, -1.0, 2.0], dw = [1.0, -2.0, 3.0], db = 1.0, after the step 5.985',
    );
  });
});
