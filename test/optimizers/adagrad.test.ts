import { describe, expect, it } from 'vitest';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { casesOf, replay } from './replay.js';

describe('Adagrad', () => {
  for (const testCase of casesOf('Adagrad')) {
    it(`matches the book's numpy Optimizer_Adagrad: ${testCase.name}`, () => {
      replay(new Adagrad(testCase.options), testCase);
    });
  }

  it('has the book defaults', () => {
    expect(new Adagrad().toSpec()).toEqual({ type: 'Adagrad', learningRate: 1, decay: 0, epsilon: 1e-7 });
  });

  it('rejects a non-positive epsilon', () => {
    expect(() => new Adagrad({ epsilon: 0 })).toThrow('Adagrad: epsilon must be a finite number > 0, received 0');
  });
});
