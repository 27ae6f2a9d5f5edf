import { describe, expect, it } from 'vitest';
import { buildCnnSpec, buildModelSpec, withLayerDefaults } from '../../src/cli/model-spec.js';
import { CNN_PRESET, DATASET_PRESETS, csvPreset } from '../../src/cli/presets.js';
import { labelOf } from '../../src/layers/shape-inference.js';
import { Model } from '../../src/model/model.js';

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

describe('buildCnnSpec', () => {
  const fashion = { inputs: 784, outputs: 10, task: 'classification' as const };
  const he = { kind: 'he' };

  it('builds W4 for 28×28 gray images: He everywhere, Adam 0.001, the Dense input from the shapes', () => {
    const spec = buildCnnSpec({}, CNN_PRESET, fashion, [28, 28, 1]);
    expect(spec.layers.map(labelOf).join(' ')).toBe(
      'Conv2D(1→16, 3×3) ReLU MaxPool2D(2×2) Conv2D(16→32, 3×3) ReLU MaxPool2D(2×2) Flatten Dense(800→128) ReLU Dense(128→10) Softmax',
    );
    expect(spec.inputShape).toEqual([28, 28, 1]);
    expect(spec.layers[0]).toEqual({
      type: 'Conv2D', inChannels: 1, filters: 16, kernelSize: [3, 3], stride: [1, 1], padding: 'valid', initializer: he,
      weightRegularizerL1: 0, weightRegularizerL2: 0, biasRegularizerL1: 0, biasRegularizerL2: 0,
    });
    expect(spec.layers[2]).toEqual({ type: 'MaxPool2D', poolSize: [2, 2], stride: [2, 2], padding: 'valid' });
    expect(spec.layers.filter((layer) => layer.type === 'Dense').map((layer) => layer.initializer)).toEqual([he, he]);
    expect(spec.loss).toEqual({ type: 'CategoricalCrossentropy' });
    expect(spec.optimizer).toEqual({ type: 'Adam', learningRate: 0.001, decay: CNN_PRESET.decay, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 });
    expect(CNN_PRESET.batchSize).toBe(128);
    // A valid model: every layer takes what the one before gives.
    expect(Model.fromSpec(spec).summary()).toContain('total parameters: 108,618');
  });

  it('follows the image size and channels, and the head flags', () => {
    const spec = buildCnnSpec({ hidden: [64, 32], activation: 'tanh', dropout: 0.2 }, CNN_PRESET, { ...fashion, outputs: 3 }, [32, 32, 3]);
    expect(spec.layers.map(labelOf).join(' ')).toBe(
      'Conv2D(3→16, 3×3) Tanh MaxPool2D(2×2) Conv2D(16→32, 3×3) Tanh MaxPool2D(2×2) Flatten ' +
        'Dense(1152→64) Tanh Dropout(0.2) Dense(64→32) Tanh Dropout(0.2) Dense(32→3) Softmax',
    );
    expect(spec.inputShape).toEqual([32, 32, 3]);
  });
});

describe('withLayerDefaults', () => {
  it("fills a hand-written layer's missing fields from its kind, keeps what it sets, and leaves unknown types alone", () => {
    expect(withLayerDefaults({ type: 'MaxPool2D', poolSize: [3, 3], padding: 'same' })).toEqual({
      type: 'MaxPool2D', poolSize: [3, 3], stride: [3, 3], padding: 'same',
    });
    expect(withLayerDefaults({ type: 'Conv9D', size: 3 })).toEqual({ type: 'Conv9D', size: 3 });
  });
});
