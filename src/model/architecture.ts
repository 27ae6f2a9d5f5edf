/**
 * The JSON description of a model: what `.safetensors` metadata, the CLI's
 * config files and the exporters read and write. Tensors are named
 * `layers.<index>.weights` / `layers.<index>.biases`, where index counts every
 * entry of `layers` (activations included).
 */

/** How Dense initialises its weights. */
export type Initializer =
  | { kind: 'book'; scale: number } // scale · randn, the book's 0.01 by default
  | { kind: 'xavier' } // Glorot normal: randn · sqrt(2 / (nIn + nOut))
  | { kind: 'he' }; // randn · sqrt(2 / nIn)

export type LayerSpec =
  | {
      type: 'Dense';
      inputs: number;
      units: number;
      initializer: Initializer;
      weightRegularizerL1: number;
      weightRegularizerL2: number;
      biasRegularizerL1: number;
      biasRegularizerL2: number;
    }
  | { type: 'Dropout'; rate: number }
  | { type: 'ReLU' }
  | { type: 'Sigmoid' }
  | { type: 'Softmax' }
  | { type: 'Linear' }
  | { type: 'Tanh' }
  | { type: 'LeakyReLU'; alpha: number };

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
  loss?: LossSpec;
  optimizer?: OptimizerSpec;
  accuracy?: AccuracySpec;
}

/** The layer types model files may contain (a closed list; loaders reject others). */
export const LAYER_TYPES: readonly LayerSpec['type'][] = [
  'Dense',
  'Dropout',
  'ReLU',
  'Sigmoid',
  'Softmax',
  'Linear',
  'Tanh',
  'LeakyReLU',
];
