import { describe, expect, it } from 'vitest';
import { accuracyFromSpec } from '../../src/metrics/from-spec.js';
import type { AccuracySpec } from '../../src/model/architecture.js';

describe('accuracyFromSpec', () => {
  const specs: AccuracySpec[] = [
    { type: 'CategoricalAccuracy' },
    { type: 'BinaryAccuracy' },
    { type: 'RegressionAccuracy', precision: null, divisor: 250 },
    { type: 'RegressionAccuracy', precision: 0.004, divisor: 100 },
  ];
  for (const spec of specs) {
    it(`round-trips ${JSON.stringify(spec)}`, () => {
      expect(accuracyFromSpec(spec).toSpec()).toEqual(spec);
    });
  }

  it('rejects unknown types', () => {
    expect(() => accuracyFromSpec({ type: 'TopK' } as never)).toThrow(
      'accuracyFromSpec: unknown accuracy type "TopK" (known: CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy)',
    );
  });
});
