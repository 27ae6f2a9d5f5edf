import { describe, expect, it } from 'vitest';
import { misclassifiedSamples } from '../../src/viz/misclassified.js';

describe('misclassifiedSamples', () => {
  it('takes the mistakes in turns from each true class, in data order within a class', () => {
    // Sorted by class, as Fashion-MNIST's test set starts: the first mistakes are all class 0's.
    const actual = [0, 0, 0, 0, 1, 1, 1, 2, 2];
    const predicted = [1, 2, 0, 1, 0, 1, 2, 2, 2];
    expect(misclassifiedSamples(actual, predicted, 4)).toEqual([
      { index: 0, actual: 0, predicted: 1 },
      { index: 4, actual: 1, predicted: 0 },
      { index: 1, actual: 0, predicted: 2 },
      { index: 6, actual: 1, predicted: 2 },
    ]);
    // Past the classes' mistakes it stops: class 2 has none.
    expect(misclassifiedSamples(actual, predicted, 100).map((m) => m.index)).toEqual([0, 4, 1, 6, 3]);
    expect(misclassifiedSamples(actual, predicted, 0)).toEqual([]);
    expect(misclassifiedSamples([1, 2], [1, 2], 5)).toEqual([]);
  });

  it('refuses inputs of different lengths and a bad limit', () => {
    expect(() => misclassifiedSamples([0, 1], [0], 3)).toThrow('misclassifiedSamples: actual and predicted must have the same length, received 2 and 1');
    expect(() => misclassifiedSamples([0], [1], -1)).toThrow('misclassifiedSamples: limit must be an integer >= 0, received -1');
  });
});
