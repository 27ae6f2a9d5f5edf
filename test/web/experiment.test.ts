import { describe, expect, it } from 'vitest';
import { spiralData } from '../../src/data/synthetic/spiral.js';
import { init } from '../../src/random/default.js';
import { defaultConfig } from '../../web/src/config.js';
import { createExperiment, trainOptions } from '../../web/src/experiment.js';

describe('playground experiment', () => {
  it('seeds, then draws training data, validation data and the weights, in that order', () => {
    const experiment = createExperiment({ ...defaultConfig('spiral'), seed: 3, samples: 20 });
    init(3);
    const [X, y] = spiralData(20, 3);
    const [Xval] = spiralData(20, 3);
    expect(Array.from(experiment.train[0].data)).toEqual(Array.from(X.data));
    expect(Array.from(experiment.train[1].data)).toEqual(Array.from(y.data));
    expect(Array.from(experiment.validation?.[0].data ?? [])).toEqual(Array.from(Xval.data));
    expect(experiment.model.layers.map((layer) => layer.type)).toEqual(['Dense', 'ReLU', 'Dense', 'Softmax']);
    expect(experiment.model.metadata.playground).toEqual({ ...defaultConfig('spiral'), seed: 3, samples: 20 });
  });

  it('gives the same run for the same seed and a different one for another seed', async () => {
    const losses = async (seed: number): Promise<number[]> => {
      const experiment = createExperiment({ ...defaultConfig('moons'), seed, samples: 30, batchSize: 16, dropout: 0.1 });
      const history = await experiment.model.train(experiment.train[0], experiment.train[1], trainOptions(experiment, 5));
      return history.epochs.map((log) => log.loss);
    };
    const first = await losses(1);
    expect(first).toHaveLength(5);
    expect(await losses(1)).toEqual(first);
    expect(await losses(2)).not.toEqual(first);
  });

  it('has no validation set for sine (its data is fixed) and trains it full batch by default', () => {
    const experiment = createExperiment(defaultConfig('sine'));
    expect(experiment.validation).toBeUndefined();
    expect(experiment.train[0].shape).toEqual([1000, 1]);
    expect(trainOptions(experiment, 10)).toEqual({ epochs: 10, batchSize: undefined, validationData: undefined, printEvery: 0, reporter: null });
  });
});
