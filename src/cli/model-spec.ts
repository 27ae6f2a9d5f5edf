import type { LayerSpec } from '../layers/layer-spec.js';
import { findLayerKind } from '../layers/registry.js';
import { inferShapes } from '../layers/shape-inference.js';
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

/** Filters of the convolutions `--model cnn` stacks, each a 3×3 Conv2D, the activation and a 2×2 MaxPool2D. */
const CNN_FILTERS = [16, 32];
const CNN_KERNEL: [number, number] = [3, 3];
const CNN_POOL: [number, number] = [2, 2];

/**
 * The ModelSpec `train --model cnn` builds for images of `image` shape
 * [height, width, channels]: per entry of CNN_FILTERS a Conv2D (3×3, valid),
 * the activation and a MaxPool2D(2×2), then Flatten and the Dense head of
 * {@link buildModelSpec} (hidden layers, output, loss, optimizer), whose first
 * Dense takes what Flatten gives, found with each kind's `outputShape`.
 * Every layer with weights starts from `preset.initializer`.
 *
 *     buildCnnSpec({}, CNN_PRESET, { inputs: 784, outputs: 10, task: 'classification' }, [28, 28, 1])
 *     // Conv2D(1→16, 3×3) ReLU MaxPool2D(2×2) Conv2D(16→32, 3×3) ReLU MaxPool2D(2×2)
 *     // Flatten Dense(800→128) ReLU Dense(128→10) Softmax, inputShape [28, 28, 1]
 */
export function buildCnnSpec(
  config: Parameters<typeof buildModelSpec>[0],
  preset: Preset,
  shape: DataShape,
  image: readonly number[],
): ModelSpec {
  const activation = activationSpec(config.activation ?? preset.activation);
  const convolutions: LayerSpec[] = [];
  let channels = image[image.length - 1];
  for (const filters of CNN_FILTERS) {
    convolutions.push(
      withLayerDefaults({ type: 'Conv2D', inChannels: channels, filters, kernelSize: CNN_KERNEL, initializer: preset.initializer }) as LayerSpec,
      activation,
      withLayerDefaults({ type: 'MaxPool2D', poolSize: CNN_POOL }) as LayerSpec,
    );
    channels = filters;
  }
  convolutions.push({ type: 'Flatten' });
  const [flattened] = inferShapes('--model cnn', convolutions, image).at(-1) as [number];
  const head = buildModelSpec(config, preset, { ...shape, inputs: flattened });
  return { ...head, inputShape: [...image], layers: [...convolutions, ...head.layers] };
}

/**
 * A hand-written layer with the fields it leaves out filled from its kind's
 * `defaults` (Conv2D's stride and padding, Dense's initializer…); a layer of
 * an unknown type as it is, for the spec check to report.
 */
export function withLayerDefaults(layer: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kind = findLayerKind(String(layer.type));
  return kind === undefined ? { ...layer } : { ...kind.defaults(layer), ...layer };
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
