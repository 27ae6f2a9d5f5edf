import type { Initializer } from '../layers/initializer.js';
import type { ActivationName, DatasetName, OptimizerName, Task } from './train-options.js';

/** The settings `train` uses for whatever its flags leave unset. */
export interface Preset {
  hidden: number[];
  activation: ActivationName;
  dropout: number;
  /** L2 penalty on the first hidden layer's weights and biases (the book's spiral model). */
  l2: number;
  initializer: Initializer;
  optimizer: OptimizerName;
  learningRate: number;
  decay: number;
  epochs: number;
  /** undefined = the whole training set in one batch. */
  batchSize: number | undefined;
}

const BOOK_INIT: Initializer = { kind: 'book', scale: 0.01 };

/** Both California housing variants (census and scikit-learn columns). */
const HOUSING_PRESET: Preset = {
  hidden: [64, 64], activation: 'relu', dropout: 0, l2: 0, initializer: { kind: 'he' },
  optimizer: 'adam', learningRate: 0.001, decay: 1e-4, epochs: 50, batchSize: 64,
};

/**
 * The book's model for each built-in dataset: Fashion-MNIST 784-128-128-10
 * with Adam (decay 1e-3), 10 epochs of batch 128; spiral/vertical 2-64-3 with
 * L2 5e-4 and Adam (0.05, decay 5e-5); sine 1-64-64-1 with Adam (0.005, decay
 * 1e-3) and weights drawn at 0.1·randn so the regression gets going.
 */
export const DATASET_PRESETS: Record<DatasetName, Preset> = {
  'fashion-mnist': {
    hidden: [128, 128], activation: 'relu', dropout: 0, l2: 0, initializer: BOOK_INIT,
    optimizer: 'adam', learningRate: 0.001, decay: 1e-3, epochs: 10, batchSize: 128,
  },
  spiral: {
    hidden: [64], activation: 'relu', dropout: 0, l2: 5e-4, initializer: BOOK_INIT,
    optimizer: 'adam', learningRate: 0.05, decay: 5e-5, epochs: 100, batchSize: 128,
  },
  vertical: {
    hidden: [64], activation: 'relu', dropout: 0, l2: 5e-4, initializer: BOOK_INIT,
    optimizer: 'adam', learningRate: 0.05, decay: 5e-5, epochs: 100, batchSize: 128,
  },
  sine: {
    hidden: [64, 64], activation: 'relu', dropout: 0, l2: 0, initializer: { kind: 'book', scale: 0.1 },
    optimizer: 'adam', learningRate: 0.005, decay: 1e-3, epochs: 500, batchSize: undefined,
  },
  'california-housing': HOUSING_PRESET,
  'california-housing-sklearn': HOUSING_PRESET,
};

/**
 * `--model cnn` on images (Fashion-MNIST): the W4 network, two 3×3
 * convolutions of 16 and 32 filters, each with ReLU and 2×2 max pooling,
 * then Dense 128 and the output, all He-initialized; Adam (0.001, decay
 * 1e-3, as the book's Fashion-MNIST model) for 10 epochs of batch 128:
 * test accuracy 0.9023 (docs/cli.md has the measurements).
 */
export const CNN_PRESET: Preset = {
  hidden: [128], activation: 'relu', dropout: 0, l2: 0, initializer: { kind: 'he' },
  optimizer: 'adam', learningRate: 0.001, decay: 1e-3, epochs: 10, batchSize: 128,
};

/** Settings for a user's CSV file. */
export function csvPreset(task: Task): Preset {
  return {
    hidden: [64, 64], activation: 'relu', dropout: 0, l2: 0, initializer: task === 'regression' ? { kind: 'he' } : BOOK_INIT,
    optimizer: 'adam', learningRate: 0.001, decay: 1e-3, epochs: 20, batchSize: 32,
  };
}

/** The book's default learning rate of each optimizer (used when `--optimizer` overrides the preset's). */
export const DEFAULT_LEARNING_RATES: Record<OptimizerName, number> = {
  sgd: 1.0,
  adagrad: 1.0,
  rmsprop: 0.001,
  adam: 0.001,
};
