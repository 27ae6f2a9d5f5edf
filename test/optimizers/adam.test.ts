import { describe, expect, it } from 'vitest';
import { Adam } from '../../src/optimizers/adam.js';
import { casesOf, replay } from './replay.js';

describe('Adam', () => {
  for (const testCase of casesOf('Adam')) {
    it(`matches the book's numpy Optimizer_Adam: ${testCase.name}`, () => {
      replay(new Adam(testCase.options), testCase);
    });
  }

  it('has the book defaults', () => {
    expect(new Adam().toSpec()).toEqual({ type: 'Adam', learningRate: 0.001, decay: 0, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 });
  });

  it('rejects bad options, naming the optimizer, option and value', () => {
    expect(() => new Adam({ learningRate: NaN })).toThrow('Adam: learningRate must be a finite number > 0, received NaN');
    expect(() => new Adam({ learningRate: Infinity })).toThrow('Adam: learningRate must be a finite number > 0, received Infinity');
    expect(() => new Adam({ beta1: 1 })).toThrow('Adam: beta1 must be a number in [0, 1), received 1');
    expect(() => new Adam({ beta2: -0.5 })).toThrow('Adam: beta2 must be a number in [0, 1), received -0.5');
    expect(() => new Adam({ epsilon: -1e-7 })).toThrow('Adam: epsilon must be a finite number > 0, received -1e-7');
    expect(() => new Adam({ lr: 0.1 } as never)).toThrow(
      'Adam: unknown option "lr" (known: learningRate, decay, epsilon, beta1, beta2)',
    );
  });
});
