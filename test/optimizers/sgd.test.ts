import { describe, expect, it } from 'vitest';
import { SGD } from '../../src/optimizers/sgd.js';
import { casesOf, replay } from './replay.js';
import { FakeLayer } from './fake-layer.js';

describe('SGD', () => {
  for (const testCase of casesOf('SGD')) {
    it(`matches the book's numpy Optimizer_SGD: ${testCase.name}`, () => {
      replay(new SGD(testCase.options), testCase);
    });
  }

  it('has the book defaults', () => {
    const sgd = new SGD();
    expect(sgd.toSpec()).toEqual({ type: 'SGD', learningRate: 1, decay: 0, momentum: 0 });
    expect(sgd.currentLearningRate).toBe(1);
  });

  it('without momentum takes weights += -lr·dweights', () => {
    const layer = FakeLayer.from([[1, 2]], [[3, 4]]);
    layer.setGradients([[0.5, -0.25]], [[1, -1]]);
    const sgd = new SGD({ learningRate: 0.5 });
    sgd.preUpdateParams();
    sgd.updateParams(layer);
    sgd.postUpdateParams();
    expect(Array.from(layer.weights.data)).toEqual([0.75, 2.125]);
    expect(Array.from(layer.biases.data)).toEqual([2.5, 4.5]);
  });

  it('rejects momentum outside [0, 1)', () => {
    expect(() => new SGD({ momentum: 1 })).toThrow('SGD: momentum must be a number in [0, 1), received 1');
    expect(() => new SGD({ momentum: -0.1 })).toThrow('SGD: momentum must be a number in [0, 1), received -0.1');
  });

  it('rejects a negative decay and a non-positive learning rate', () => {
    expect(() => new SGD({ decay: -1 })).toThrow('SGD: decay must be a finite number >= 0, received -1');
    expect(() => new SGD({ learningRate: 0 })).toThrow('SGD: learningRate must be a finite number > 0, received 0');
  });
});
