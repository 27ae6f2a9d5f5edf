import { describe, expect, it } from 'vitest';
import { RegressionAccuracy } from '../../src/metrics/regression-accuracy.js';
import { Tensor } from '../../src/tensor/tensor.js';

// y = [1, 2, 3, 4]: mean 2.5, population variance 1.25.
const y = Tensor.from([[1], [2], [3], [4]]);

describe('RegressionAccuracy', () => {
  it('derives precision = std(y) / 250 in init, once unless reinit', () => {
    const accuracy = new RegressionAccuracy();
    expect(accuracy.precision).toBeNull();
    accuracy.init(y);
    expect(accuracy.precision).toBe(Math.sqrt(1.25) / 250);
    accuracy.init(Tensor.from([0, 10]));
    expect(accuracy.precision).toBe(Math.sqrt(1.25) / 250);
    accuracy.init(Tensor.from([0, 10]), true);
    expect(accuracy.precision).toBe(5 / 250);
  });

  it('takes a configurable divisor', () => {
    const accuracy = new RegressionAccuracy({ divisor: 10 });
    accuracy.init(y);
    expect(accuracy.precision).toBe(Math.sqrt(1.25) / 10);
    expect(accuracy.toSpec()).toEqual({ type: 'RegressionAccuracy', precision: Math.sqrt(1.25) / 10, divisor: 10 });
  });

  it('counts predictions strictly within precision of their targets', () => {
    const accuracy = new RegressionAccuracy({ precision: 0.5 });
    // |ŷ − y| = 0.25, 0.5 (not < 0.5), 0.75, 0
    const predictions = new Tensor([4], new Float64Array([1.25, 2.5, 2.25, 4]));
    expect(accuracy.calculate(predictions, y)).toBe(0.5);
  });

  it('accumulates over batches to the accuracy of the whole set', () => {
    const predictions = Tensor.from([[1.001], [2.1], [2.999], [4.5]]);
    const accuracy = new RegressionAccuracy();
    accuracy.init(y);
    accuracy.calculate(predictions.sliceRows(0, 1), y.sliceRows(0, 1));
    accuracy.calculate(predictions.sliceRows(1, 4), y.sliceRows(1, 4));
    expect(accuracy.calculateAccumulated()).toBe(accuracy.calculate(predictions, y));
    expect(accuracy.calculate(predictions, y)).toBe(0.5);
  });

  it('refuses to compare before a precision exists', () => {
    expect(() => new RegressionAccuracy().calculate(y, y)).toThrow(
      'RegressionAccuracy: precision is not set; call init(y) with the training targets first, or pass { precision }',
    );
  });

  it('names both shapes when they do not match, and rejects bad options', () => {
    const accuracy = new RegressionAccuracy({ precision: 0.1 });
    expect(() => accuracy.calculate(Tensor.from([1, 2, 3]), y)).toThrow(
      'RegressionAccuracy: predictions shape [3] and targets shape [4, 1] must hold the same (non-zero) number of values per sample',
    );
    expect(() => new RegressionAccuracy({ divisor: 0 })).toThrow('RegressionAccuracy: divisor must be a finite number > 0, received 0');
    expect(() => new RegressionAccuracy({ precision: NaN })).toThrow(
      'RegressionAccuracy: precision must be a finite number > 0, received NaN',
    );
    expect(() => new RegressionAccuracy({ tolerance: 1 } as never)).toThrow(
      'RegressionAccuracy: unknown option "tolerance" (known: divisor, precision)',
    );
  });
});
