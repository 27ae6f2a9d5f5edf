import type { LayerSpec } from '../layers/layer-spec.js';
import type { ModelSpec, OptimizerSpec } from '../model/architecture.js';
import { DEFAULT_LEARNING_RATES, type Preset } from './presets.js';
import type { ActivationName, OptimizerName, Task, TrainConfig } from './train-options.js';

/** What the data decides about the network: its input width, output width and task. */
export interface DataShape {
  inputs: number;
  /** Classes for classification, target columns for regression. */
  outputs: number;
  task: Task;
}

/**
 * The ModelSpec `train` builds from its flags, falling back to `preset`:
 * `inputs → hidden[0] → … → hidden[k-1] → outputs`, each hidden Dense followed
 * by the activation (and Dropout when > 0); a Softmax head with categorical
 * cross-entropy for classification, a Linear head with mean squared error for
 * regression.
 *
 *     buildModelSpec({ hidden: [128, 128] }, preset, { inputs: 784, outputs: 10, task: 'classification' })
 *     // Dense(784→128) ReLU Dense(128→128) ReLU Dense(128→10) Softmax, Adam
 */
export function buildModelSpec(
  config: Pick<TrainConfig, 'hidden' | 'activation' | 'dropout' | 'optimizer' | 'learningRate' | 'decay' | 'momentum'>,
  preset: Preset,
  shape: DataShape,
): ModelSpec {
  const hidden = config.hidden ?? preset.hidden;
  const activation = config.activation ?? preset.activation;
  const dropout = config.dropout ?? preset.dropout;
  const layers: LayerSpec[] = [];
  let inputs = shape.inputs;
  hidden.forEach((units, index) => {
    const l2 = index === 0 ? preset.l2 : 0;
    layers.push(dense(inputs, units, preset, l2));
    layers.push(activationSpec(activation));
    if (dropout > 0) layers.push({ type: 'Dropout', rate: dropout });
    inputs = units;
  });
  layers.push(dense(inputs, shape.outputs, preset, 0));
  const classification = shape.task === 'classification';
  layers.push({ type: classification ? 'Softmax' : 'Linear' });
  return {
    format: 'scratchnet',
    version: 1,
    layers,
    loss: { type: classification ? 'CategoricalCrossentropy' : 'MeanSquaredError' },
    optimizer: optimizerSpec(config, preset),
    accuracy: classification
      ? { type: 'CategoricalAccuracy' }
      : { type: 'RegressionAccuracy', precision: null, divisor: 250 },
  };
}

function dense(inputs: number, units: number, preset: Preset, l2: number): LayerSpec {
  return {
    type: 'Dense',
    inputs,
    units,
    initializer: preset.initializer,
    weightRegularizerL1: 0,
    weightRegularizerL2: l2,
    biasRegularizerL1: 0,
    biasRegularizerL2: l2,
  };
}

function activationSpec(name: ActivationName): LayerSpec {
  switch (name) {
    case 'relu':
      return { type: 'ReLU' };
    case 'sigmoid':
      return { type: 'Sigmoid' };
    case 'tanh':
      return { type: 'Tanh' };
    case 'leaky-relu':
      return { type: 'LeakyReLU', alpha: 0.01 };
  }
}

/**
 * The optimizer with the book's defaults. The preset's learning rate is tuned
 * for the preset's optimizer, so another `--optimizer` starts from its own
 * book default instead.
 */
function optimizerSpec(
  config: Pick<TrainConfig, 'optimizer' | 'learningRate' | 'decay' | 'momentum'>,
  preset: Preset,
): OptimizerSpec {
  const name: OptimizerName = config.optimizer ?? preset.optimizer;
  const learningRate =
    config.learningRate ?? (name === preset.optimizer ? preset.learningRate : DEFAULT_LEARNING_RATES[name]);
  const decay = config.decay ?? preset.decay;
  switch (name) {
    case 'sgd':
      return { type: 'SGD', learningRate, decay, momentum: config.momentum ?? 0 };
    case 'adagrad':
      return { type: 'Adagrad', learningRate, decay, epsilon: 1e-7 };
    case 'rmsprop':
      return { type: 'RMSprop', learningRate, decay, epsilon: 1e-7, rho: 0.9 };
    case 'adam':
      return { type: 'Adam', learningRate, decay, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 };
  }
}
