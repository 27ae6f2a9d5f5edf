import type { LayerSpec } from '../layers/layer-spec.js';

/**
 * The JSON description of a model: what `.safetensors` metadata, the CLI's
 * config files and the exporters read and write. Tensors are named
 * `layers.<index>.<parameter>` (`layers.0.weights`), where index counts every
 * entry of `layers` (activations included). Each layer's fields are its kind's
 * (src/layers/registry.ts).
 */

export type LossSpec =
  | { type: 'CategoricalCrossentropy' }
  | { type: 'BinaryCrossentropy' }
  | { type: 'MeanSquaredError' }
  | { type: 'MeanAbsoluteError' };

export type OptimizerSpec =
  | { type: 'SGD'; learningRate: number; decay: number; momentum: number }
  | { type: 'Adagrad'; learningRate: number; decay: number; epsilon: number }
  | { type: 'RMSprop'; learningRate: number; decay: number; epsilon: number; rho: number }
  | { type: 'Adam'; learningRate: number; decay: number; epsilon: number; beta1: number; beta2: number };

export type AccuracySpec =
  | { type: 'CategoricalAccuracy' }
  | { type: 'BinaryAccuracy' }
  | { type: 'RegressionAccuracy'; precision: number | null; divisor: number };

/** Everything but the tensors. */
export interface ModelSpec {
  format: 'scratchnet';
  version: 1;
  layers: LayerSpec[];
  /**
   * The per-sample input shape (`[28, 28, 1]`), when the first layer does not
   * fix it: an image model learns its height and width from the data it first
   * trains on, and exporters declare it.
   */
  inputShape?: number[];
  loss?: LossSpec;
  optimizer?: OptimizerSpec;
  accuracy?: AccuracySpec;
}
