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
  /**
   * The fewest optimizer steps the preset trains for: when `epochs` epochs
   * of this data make fewer steps, the default epochs grow until they make
   * this many (a small table gets more epochs). undefined = `epochs` as it is.
   */
  minSteps?: number;
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

/**
 * The fewest optimizer steps the CSV preset trains for. 20 epochs of
 * batch 32 are 80 Adam steps on iris's 120 training rows, which leaves it at
 * 0.567 test accuracy; 2000 steps (500 epochs there) reach 1.000. Tables of
 * more than 3 200 rows already make 2000 steps in 20 epochs.
 */
export const CSV_MIN_STEPS = 2000;

/** Settings for a user's CSV file. */
export function csvPreset(task: Task): Preset {
  return {
    hidden: [64, 64], activation: 'relu', dropout: 0, l2: 0, initializer: task === 'regression' ? { kind: 'he' } : BOOK_INIT,
    optimizer: 'adam', learningRate: 0.001, decay: 1e-3, epochs: 20, batchSize: 32, minSteps: CSV_MIN_STEPS,
  };
}

/**
 * The epochs a run trains when `--epochs` is not given: the preset's, or
 * more when they make fewer than `preset.minSteps` steps of `batchSize` over
 * `samples` training rows.
 *
 *     defaultEpochs(csvPreset('classification'), 120, 32)   // 500: 4 steps per epoch, 2000 steps
 */
export function defaultEpochs(preset: Preset, samples: number, batchSize: number | undefined): number {
  if (preset.minSteps === undefined) return preset.epochs;
  const stepsPerEpoch = batchSize === undefined ? 1 : Math.ceil(samples / batchSize);
  return Math.max(preset.epochs, Math.ceil(preset.minSteps / stepsPerEpoch));
}

/** The book's default learning rate of each optimizer (used when `--optimizer` overrides the preset's). */
export const DEFAULT_LEARNING_RATES: Record<OptimizerName, number> = {
  sgd: 1.0,
  adagrad: 1.0,
  rmsprop: 0.001,
  adam: 0.001,
};
