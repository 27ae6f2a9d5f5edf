import { describe, expect, it } from 'vitest';
import { RMSprop } from '../../src/optimizers/rmsprop.js';
import { casesOf, replay } from './replay.js';

describe('RMSprop', () => {
  for (const testCase of casesOf('RMSprop')) {
    it(`matches the book's numpy Optimizer_RMSprop: ${testCase.name}`, () => {
      replay(new RMSprop(testCase.options), testCase);
    });
  }

  it('has the book defaults', () => {
    expect(new RMSprop().toSpec()).toEqual({ type: 'RMSprop', learningRate: 0.001, decay: 0, epsilon: 1e-7, rho: 0.9 });
  });

  it('rejects rho outside [0, 1)', () => {
    expect(() => new RMSprop({ rho: 1.5 })).toThrow('RMSprop: rho must be a number in [0, 1), received 1.5');
  });
});
