/**
 * The playground's settings: one plain, JSON-serialisable object that the page
 * edits, the worker trains from, and a Node script can replay exactly.
 */
import { denseKind, dropoutKind, isSpecOf, type LayerSpec, type ModelSpec, type OptimizerSpec } from '../../src/index.js';

export const DATASETS = ['spiral', 'vertical', 'circles', 'xor', 'moons', 'sine'] as const;
export type DatasetName = (typeof DATASETS)[number];

export const ACTIVATIONS = ['ReLU', 'Tanh', 'Sigmoid', 'LeakyReLU'] as const;
export type HiddenActivation = (typeof ACTIVATIONS)[number];

export const OPTIMIZERS = ['Adam', 'SGD', 'RMSprop', 'Adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const INITIALIZERS = ['book', 'xavier', 'he'] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

export interface PlaygroundConfig {
  dataset: DatasetName;
  /** Samples per class (sine: samples in total). */
  samples: number;
  /** Number of classes (spiral, vertical, circles; xor and moons have 2; sine is regression). */
  classes: number;
  /** Noise of circles/xor/moons (standard deviation per coordinate). */
  noise: number;
  /** Widths of the hidden Dense layers, in order. */
  hidden: number[];
  activation: HiddenActivation;
  /** Dropout rate after each hidden activation; 0 = no Dropout layer. */
  dropout: number;
  /** L1 / L2 strength on the weights and biases of the hidden Dense layers (0 = off). */
  l1: number;
  l2: number;
  initializer: InitializerName;
  /** The book initializer's factor: 0.01, or 0.1 as the regression chapter uses. */
  initScale: number;
  optimizer: OptimizerName;
  learningRate: number;
  decay: number;
  /** SGD momentum. */
  momentum: number;
  /** 0 = full batch, as the book's first chapters. */
  batchSize: number;
  /** Epochs a "Train" runs to (the run can be paused and resumed). */
  epochs: number;
  /** Seeds `init(seed)`: data, initial weights, shuffling and dropout all follow from it. */
  seed: number;
}

/** Book-like defaults for each dataset (spiral: chapter 14's network, smaller). */
export function defaultConfig(dataset: DatasetName = 'spiral'): PlaygroundConfig {
  const base: PlaygroundConfig = {
    dataset,
    samples: 100,
    classes: 3,
    noise: 0.1,
    hidden: [64],
    activation: 'ReLU',
    dropout: 0,
    l1: 0,
    l2: 5e-4,
    initializer: 'book',
    initScale: 0.01,
    optimizer: 'Adam',
    learningRate: 0.05,
    decay: 5e-7,
    momentum: 0.9,
    batchSize: 0,
    epochs: 1000,
    seed: 0,
  };
  switch (dataset) {
    case 'xor':
    case 'moons':
      return { ...base, classes: 2, hidden: [16, 16], l2: 0 };
    case 'circles':
      return { ...base, classes: 2, hidden: [16, 16], l2: 0 };
    case 'vertical':
      return { ...base, hidden: [16], l2: 0 };
    case 'sine':
      // Chapter 17: Dense(1, 64), ReLU, Dense(64, 64), ReLU, Dense(64, 1), Linear; Adam(0.005, 1e-3); init 0.1.
      return {
        ...base,
        samples: 1000,
        classes: 1,
        noise: 0,
        hidden: [64, 64],
        l2: 0,
        initScale: 0.1,
        learningRate: 0.005,
        decay: 1e-3,
      };
    default:
      return base;
  }
}

/** True for the regression dataset (a curve fit rather than a decision boundary). */
export function isRegression(config: Pick<PlaygroundConfig, 'dataset'>): boolean {
  return config.dataset === 'sine';
}

/** How many classes the dataset really has (xor and moons are fixed at 2; sine has none). */
export function classCount(config: Pick<PlaygroundConfig, 'dataset' | 'classes'>): number {
  if (config.dataset === 'sine') return 1;
  if (config.dataset === 'xor' || config.dataset === 'moons') return 2;
  return config.classes;
}

/** Datasets whose noise the generator takes. */
export function hasNoise(dataset: DatasetName): boolean {
  return dataset === 'circles' || dataset === 'xor' || dataset === 'moons';
}

/** Datasets whose class count can be chosen. */
export function hasClassChoice(dataset: DatasetName): boolean {
  return dataset === 'spiral' || dataset === 'vertical' || dataset === 'circles';
}

/**
 * Problems with a config, one readable line each (empty when it can be trained).
 * The page shows them beside the Train button instead of letting a layer throw.
 */
export function validateConfig(config: PlaygroundConfig): string[] {
  const problems: string[] = [];
  // The form reads an empty field (a number input also reports unparsable text as empty) as NaN.
  const integer = (name: string, value: number, min: number, max: number): void => {
    if (Number.isNaN(value)) problems.push(`${name} is empty; enter a whole number from ${min} to ${max}`);
    else if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, received ${value}`);
    }
  };
  const number = (name: string, value: number, min: number, max: number, openMin = false): void => {
    const rule = `a number ${openMin ? '>' : '≥'} ${min} and ≤ ${max}`;
    if (Number.isNaN(value)) problems.push(`${name} is empty; enter ${rule}`);
    else if (!Number.isFinite(value) || value > max || (openMin ? value <= min : value < min)) {
      problems.push(`${name} must be ${rule}, received ${value}`);
    }
  };
  if (!DATASETS.includes(config.dataset)) problems.push(`unknown dataset "${config.dataset}"`);
  integer('samples', config.samples, 1, config.dataset === 'sine' ? 10000 : 5000);
  if (hasClassChoice(config.dataset)) integer('classes', config.classes, 2, 10);
  number('noise', config.noise, 0, 2);
  if (config.hidden.length > 6) problems.push(`at most 6 hidden layers, received ${config.hidden.length}`);
  config.hidden.forEach((units, i) => integer(`hidden layer ${i + 1} width`, units, 1, 512));
  if (!ACTIVATIONS.includes(config.activation)) problems.push(`unknown activation "${config.activation}"`);
  number('dropout', config.dropout, 0, 0.9);
  number('L1', config.l1, 0, 1);
  number('L2', config.l2, 0, 1);
  if (!INITIALIZERS.includes(config.initializer)) problems.push(`unknown initializer "${config.initializer}"`);
  number('init scale', config.initScale, 0, 10, true);
  if (!OPTIMIZERS.includes(config.optimizer)) problems.push(`unknown optimizer "${config.optimizer}"`);
  number('learning rate', config.learningRate, 0, 10, true);
  number('decay', config.decay, 0, 1);
  number('momentum', config.momentum, 0, 0.999);
  integer('batch size', config.batchSize, 0, 100000);
  integer('epochs', config.epochs, 1, 1000000);
  integer('seed', config.seed, 0, 2 ** 32 - 1);
  return problems;
}

function optimizerSpec(config: PlaygroundConfig): OptimizerSpec {
  const { learningRate, decay } = config;
  switch (config.optimizer) {
    case 'SGD':
      return { type: 'SGD', learningRate, decay, momentum: config.momentum };
    case 'Adagrad':
      return { type: 'Adagrad', learningRate, decay, epsilon: 1e-7 };
    case 'RMSprop':
      return { type: 'RMSprop', learningRate, decay, epsilon: 1e-7, rho: 0.9 };
    case 'Adam':
      return { type: 'Adam', learningRate, decay, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 };
  }
}

/**
 * The network the config describes, as a ModelSpec:
 * [Dense, activation, (Dropout)] per hidden layer, then Dense → Softmax
 * (classification, categorical cross-entropy) or Dense → Linear (sine, mean squared error).
 */
export function modelSpecFor(config: PlaygroundConfig): ModelSpec {
  const regression = isRegression(config);
  const inputs = regression ? 1 : 2;
  const outputs = regression ? 1 : classCount(config);
  const initializer =
    config.initializer === 'book' ? { kind: 'book' as const, scale: config.initScale } : { kind: config.initializer };
  const dense = (nIn: number, units: number, regularized: boolean): LayerSpec => ({
    type: 'Dense',
    inputs: nIn,
    units,
    initializer,
    weightRegularizerL1: regularized ? config.l1 : 0,
    weightRegularizerL2: regularized ? config.l2 : 0,
    biasRegularizerL1: regularized ? config.l1 : 0,
    biasRegularizerL2: regularized ? config.l2 : 0,
  });
  const layers: LayerSpec[] = [];
  let width = inputs;
  for (const units of config.hidden) {
    layers.push(dense(width, units, true));
    layers.push(config.activation === 'LeakyReLU' ? { type: 'LeakyReLU', alpha: 0.01 } : { type: config.activation });
    if (config.dropout > 0) layers.push({ type: 'Dropout', rate: config.dropout });
    width = units;
  }
  layers.push(dense(width, outputs, false));
  layers.push(regression ? { type: 'Linear' } : { type: 'Softmax' });
  return {
    format: 'scratchnet',
    version: 1,
    layers,
    loss: regression ? { type: 'MeanSquaredError' } : { type: 'CategoricalCrossentropy' },
    optimizer: optimizerSpec(config),
    accuracy: regression
      ? { type: 'RegressionAccuracy', precision: null, divisor: 250 }
      : { type: 'CategoricalAccuracy' },
  };
}

/**
 * The config a loaded model stands for: the one it was saved with (its
 * `metadata.playground`) when that is valid, else `fallback` with the
 * network and optimizer read back from the spec.
 */
export function configFromSpec(spec: ModelSpec, saved: unknown, fallback: PlaygroundConfig = defaultConfig()): PlaygroundConfig {
  if (typeof saved === 'object' && saved !== null) {
    const candidate = { ...fallback, ...(saved as Partial<PlaygroundConfig>) };
    if (validateConfig(candidate).length === 0) return candidate;
  }
  const config: PlaygroundConfig = { ...fallback, hidden: [], dropout: 0, l1: 0, l2: 0 };
  const dense = spec.layers.filter((layer) => isSpecOf(layer, denseKind));
  const last = dense[dense.length - 1];
  if (dense[0]?.inputs === 1) config.dataset = 'sine';
  else if (config.dataset === 'sine') config.dataset = 'spiral';
  if (last && config.dataset !== 'sine') {
    config.classes = last.units;
    if (last.units !== 2 && !hasClassChoice(config.dataset)) config.dataset = 'spiral';
  }
  for (const layer of spec.layers) {
    if (isSpecOf(layer, denseKind) && layer !== last) {
      config.hidden.push(layer.units);
      config.l1 = layer.weightRegularizerL1;
      config.l2 = layer.weightRegularizerL2;
      config.initializer = layer.initializer.kind;
      if (layer.initializer.kind === 'book') config.initScale = layer.initializer.scale;
    } else if (isSpecOf(layer, dropoutKind)) {
      config.dropout = layer.rate;
    } else if ((ACTIVATIONS as readonly string[]).includes(layer.type)) {
      config.activation = layer.type as HiddenActivation;
    }
  }
  if (spec.optimizer) {
    config.optimizer = spec.optimizer.type;
    config.learningRate = spec.optimizer.learningRate;
    config.decay = spec.optimizer.decay;
    if (spec.optimizer.type === 'SGD') config.momentum = spec.optimizer.momentum;
  }
  return config;
}
