import { describe, expect, it } from 'vitest';
import { configFromSpec, defaultConfig, modelSpecFor, validateConfig, DATASETS } from '../../web/src/config.js';

describe('playground config', () => {
  it('has a valid default for every dataset', () => {
    for (const dataset of DATASETS) expect(validateConfig(defaultConfig(dataset))).toEqual([]);
  });

  it('names each problem with the setting, the rule and the value received', () => {
    const problems = validateConfig({
      ...defaultConfig('spiral'),
      samples: 0,
      classes: 11,
      hidden: [64, 0],
      learningRate: 0,
      batchSize: 2.5,
      seed: -1,
    });
    expect(problems).toEqual([
      'samples must be a whole number from 1 to 5000, received 0',
      'classes must be a whole number from 2 to 10, received 11',
      'hidden layer 2 width must be a whole number from 1 to 512, received 0',
      'learning rate must be a number > 0 and ≤ 10, received 0',
      'batch size must be a whole number from 0 to 100000, received 2.5',
      'seed must be a whole number from 0 to 4294967295, received -1',
    ]);
    expect(validateConfig({ ...defaultConfig('xor'), classes: 7 })).toEqual([]);
    // The form gives NaN for an empty field: say it is empty, not "received NaN".
    expect(validateConfig({ ...defaultConfig('spiral'), learningRate: Number.NaN, epochs: Number.NaN })).toEqual([
      'learning rate is empty; enter a number > 0 and ≤ 10',
      'epochs is empty; enter a whole number from 1 to 1000000',
    ]);
    expect(validateConfig({ ...defaultConfig('spiral'), learningRate: Number.POSITIVE_INFINITY })).toEqual([
      'learning rate must be a number > 0 and ≤ 10, received Infinity',
    ]);
  });

  it('builds the book network for the spiral: Dense → ReLU → Dense → Softmax, CCE, Adam', () => {
    const spec = modelSpecFor({ ...defaultConfig('spiral'), dropout: 0.1 });
    expect(spec.layers).toEqual([
      {
        type: 'Dense',
        inputs: 2,
        units: 64,
        initializer: { kind: 'book', scale: 0.01 },
        weightRegularizerL1: 0,
        weightRegularizerL2: 5e-4,
        biasRegularizerL1: 0,
        biasRegularizerL2: 5e-4,
      },
      { type: 'ReLU' },
      { type: 'Dropout', rate: 0.1 },
      {
        type: 'Dense',
        inputs: 64,
        units: 3,
        initializer: { kind: 'book', scale: 0.01 },
        weightRegularizerL1: 0,
        weightRegularizerL2: 0,
        biasRegularizerL1: 0,
        biasRegularizerL2: 0,
      },
      { type: 'Softmax' },
    ]);
    expect(spec.loss).toEqual({ type: 'CategoricalCrossentropy' });
    expect(spec.optimizer).toEqual({ type: 'Adam', learningRate: 0.05, decay: 5e-7, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 });
    expect(spec.accuracy).toEqual({ type: 'CategoricalAccuracy' });
  });

  it('builds the regression network for sine: one input, Linear output, MSE, regression accuracy', () => {
    const spec = modelSpecFor(defaultConfig('sine'));
    expect(spec.layers.map((layer) => (layer.type === 'Dense' ? `Dense(${layer.inputs}→${layer.units})` : layer.type))).toEqual([
      'Dense(1→64)',
      'ReLU',
      'Dense(64→64)',
      'ReLU',
      'Dense(64→1)',
      'Linear',
    ]);
    expect(spec.loss).toEqual({ type: 'MeanSquaredError' });
    expect(spec.accuracy).toEqual({ type: 'RegressionAccuracy', precision: null, divisor: 250 });
  });

  it('uses two outputs for xor and moons whatever the classes field says, and the chosen optimizer', () => {
    const spec = modelSpecFor({ ...defaultConfig('moons'), classes: 5, optimizer: 'SGD', activation: 'LeakyReLU', hidden: [] });
    expect(spec.layers).toEqual([
      expect.objectContaining({ type: 'Dense', inputs: 2, units: 2 }),
      { type: 'Softmax' },
    ]);
    expect(spec.optimizer).toEqual({ type: 'SGD', learningRate: 0.05, decay: 5e-7, momentum: 0.9 });
    expect(modelSpecFor({ ...defaultConfig('xor'), activation: 'LeakyReLU' }).layers[1]).toEqual({ type: 'LeakyReLU', alpha: 0.01 });
  });

  it('reads a config back from a saved model: its metadata when valid, else from the spec', () => {
    const saved = { ...defaultConfig('circles'), seed: 9, classes: 4 };
    expect(configFromSpec(modelSpecFor(saved), saved)).toEqual(saved);
    const other = { ...defaultConfig('spiral'), hidden: [32, 8], activation: 'Tanh' as const, dropout: 0.2, l2: 1e-3, optimizer: 'RMSprop' as const, learningRate: 0.01 };
    const read = configFromSpec(modelSpecFor(other), { samples: -5 }, defaultConfig('spiral'));
    expect(read).toMatchObject({ dataset: 'spiral', classes: 3, hidden: [32, 8], activation: 'Tanh', dropout: 0.2, l2: 1e-3, optimizer: 'RMSprop', learningRate: 0.01 });
    expect(configFromSpec(modelSpecFor(defaultConfig('sine')), undefined).dataset).toBe('sine');
  });
});
