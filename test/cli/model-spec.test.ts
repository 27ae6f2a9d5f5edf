import { describe, expect, it } from 'vitest';
import { buildModelSpec } from '../../src/cli/model-spec.js';
import { DATASET_PRESETS, csvPreset } from '../../src/cli/presets.js';

describe('buildModelSpec', () => {
  it('puts the spiral preset L2 penalty on the first layer only', () => {
    const spec = buildModelSpec({}, DATASET_PRESETS.spiral, { inputs: 2, outputs: 3, task: 'classification' });
    const denses = spec.layers.filter((layer) => layer.type === 'Dense');
    expect(denses.map((layer) => [layer.weightRegularizerL2, layer.biasRegularizerL2])).toEqual([[5e-4, 5e-4], [0, 0]]);
  });

  it('follows the flags: hidden sizes, activation, dropout and optimizer', () => {
    const spec = buildModelSpec(
      { hidden: [8, 4], activation: 'tanh', dropout: 0.1, optimizer: 'sgd', momentum: 0.9, decay: 0.01 },
      csvPreset('regression'),
      { inputs: 3, outputs: 1, task: 'regression' },
    );
    expect(spec.layers.map((layer) => layer.type)).toEqual([
      'Dense', 'Tanh', 'Dropout', 'Dense', 'Tanh', 'Dropout', 'Dense', 'Linear',
    ]);
    expect(spec.layers[2]).toEqual({ type: 'Dropout', rate: 0.1 });
    expect(spec.loss).toEqual({ type: 'MeanSquaredError' });
    // SGD replaces the preset's Adam, so it starts from the book's SGD rate
    expect(spec.optimizer).toEqual({ type: 'SGD', learningRate: 1, decay: 0.01, momentum: 0.9 });
    expect(spec.accuracy).toEqual({ type: 'RegressionAccuracy', precision: null, divisor: 250 });
  });

  it('keeps an explicit learning rate', () => {
    const spec = buildModelSpec({ optimizer: 'rmsprop', learningRate: 0.02 }, DATASET_PRESETS.sine, {
      inputs: 1, outputs: 1, task: 'regression',
    });
    expect(spec.optimizer).toEqual({ type: 'RMSprop', learningRate: 0.02, decay: 1e-3, epsilon: 1e-7, rho: 0.9 });
  });
});
