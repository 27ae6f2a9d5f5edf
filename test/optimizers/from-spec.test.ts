import { describe, expect, it } from 'vitest';
import { optimizerFromSpec } from '../../src/optimizers/from-spec.js';
import type { OptimizerSpec } from '../../src/model/architecture.js';

describe('optimizerFromSpec', () => {
  const specs: OptimizerSpec[] = [
    { type: 'SGD', learningRate: 0.5, decay: 1e-3, momentum: 0.9 },
    { type: 'Adagrad', learningRate: 1, decay: 1e-4, epsilon: 1e-6 },
    { type: 'RMSprop', learningRate: 0.02, decay: 1e-5, epsilon: 1e-7, rho: 0.999 },
    { type: 'Adam', learningRate: 0.05, decay: 5e-7, epsilon: 1e-7, beta1: 0.8, beta2: 0.99 },
  ];
  for (const spec of specs) {
    it(`round-trips ${spec.type} through toSpec`, () => {
      const optimizer = optimizerFromSpec(spec);
      expect(optimizer.type).toBe(spec.type);
      expect(optimizer.toSpec()).toEqual(spec);
    });
  }

  it('rejects unknown types and invalid values', () => {
    expect(() => optimizerFromSpec({ type: 'Nadam' } as never)).toThrow(
      'optimizerFromSpec: unknown optimizer type "Nadam" (known: SGD, Adagrad, RMSprop, Adam)',
    );
    expect(() => optimizerFromSpec({ type: 'Adam', learningRate: 0.05, decay: 0, epsilon: 1e-7, beta1: 2, beta2: 0.999 })).toThrow(
      'Adam: beta1 must be a number in [0, 1), received 2',
    );
  });
});
