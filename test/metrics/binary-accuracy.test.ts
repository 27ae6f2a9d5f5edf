import { describe, expect, it } from 'vitest';
import { BinaryAccuracy } from '../../src/metrics/binary-accuracy.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('BinaryAccuracy', () => {
  it('compares 0/1 predictions with targets elementwise', () => {
    const predictions = Tensor.from([[1], [0], [1], [1]]);
    expect(new BinaryAccuracy().calculate(predictions, Tensor.from([1, 0, 0, 1]))).toBe(0.75);
  });

  it('counts every output of multi-output rows', () => {
    const predictions = Tensor.from([
      [1, 0, 1],
      [0, 0, 1],
    ]);
    const targets = new Tensor([2, 3], new Uint8Array([1, 1, 1, 0, 0, 0]));
    expect(new BinaryAccuracy().calculate(predictions, targets)).toBe(4 / 6);
  });

  it('accumulates over batches to the accuracy of the whole set', () => {
    const predictions = Tensor.from([[1], [0], [1], [1], [0]]);
    const targets = Tensor.from([[1], [1], [1], [0], [0]]);
    const accuracy = new BinaryAccuracy();
    accuracy.calculate(predictions.sliceRows(0, 2), targets.sliceRows(0, 2));
    accuracy.calculate(predictions.sliceRows(2, 5), targets.sliceRows(2, 5));
    expect(accuracy.calculateAccumulated()).toBe(new BinaryAccuracy().calculate(predictions, targets));
    expect(accuracy.calculateAccumulated()).toBe(3 / 5);
  });

  it('names both shapes when they do not match', () => {
    expect(() => new BinaryAccuracy().calculate(Tensor.from([[1], [0]]), Tensor.from([1, 0, 1]))).toThrow(
      'BinaryAccuracy: predictions shape [2, 1] and targets shape [3] must hold the same (non-zero) number of values per sample',
    );
  });

  it('describes itself for model files', () => {
    expect(new BinaryAccuracy().toSpec()).toEqual({ type: 'BinaryAccuracy' });
  });
});
