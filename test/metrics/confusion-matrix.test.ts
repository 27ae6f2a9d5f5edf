import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../src/metrics/confusion-matrix.js';

describe('confusionMatrix', () => {
  it('counts (true, predicted) pairs row by row, with per-class support and accuracy', () => {
    // class 0: 3 samples, 2 right; class 1: 1 sample, right; class 2: none.
    const matrix = confusionMatrix([0, 0, 1, 0], [0, 1, 1, 0], 3);
    expect(Array.from(matrix.counts)).toEqual([2, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(matrix.support)).toEqual([3, 1, 0]);
    expect(Array.from(matrix.perClassAccuracy)).toEqual([2 / 3, 1, Number.NaN]);
  });

  it('refuses ids outside the classes and unpaired arrays, naming them', () => {
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow('confusionMatrix: actual[1] must be a class id in [0, 2], received 3');
    expect(() => confusionMatrix([0], [0.5], 3)).toThrow('confusionMatrix: predicted[0] must be a class id in [0, 2], received 0.5');
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow('confusionMatrix: actual and predicted must have the same length, received 1 and 2');
    expect(() => confusionMatrix([], [], 0)).toThrow('confusionMatrix: classes must be an integer >= 1, received 0');
  });
});
