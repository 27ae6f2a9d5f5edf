import { readFileSync } from 'node:fs';
import { ArgumentError, ModelFileError } from '../errors.js';
import { FASHION_MNIST_IMAGE_SHAPE } from '../data/fashion-mnist.js';
import { parseModelSpec } from '../io/parse-model-spec.js';
import type { ModelSpec } from '../model/architecture.js';
import {
  choice,
  fraction,
  integer,
  integerList,
  nonNegativeNumber,
  positiveNumber,
  readableFile,
  writableDirectory,
  writableFilePath,
} from './arguments.js';
import { withLayerDefaults } from './model-spec.js';

/** The built-in datasets `scratchnet train <dataset>` knows. */
export const DATASETS = ['fashion-mnist', 'spiral', 'vertical', 'sine', 'california-housing', 'california-housing-sklearn'] as const;
export type DatasetName = (typeof DATASETS)[number];

/**
 * The per-sample shape (NHWC: height, width, channels) of the built-in
 * datasets that hold images, which `--model cnn` convolves over.
 */
export const IMAGE_SHAPES: Partial<Record<DatasetName, readonly number[]>> = { 'fashion-mnist': FASHION_MNIST_IMAGE_SHAPE };

/** The networks `train --model` builds: `mlp` Dense layers (the default), `cnn` convolutions then Dense layers (images only). */
export const MODELS = ['mlp', 'cnn'] as const;
export type ModelName = (typeof MODELS)[number];

export const OPTIMIZERS = ['adam', 'sgd', 'adagrad', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'leaky-relu'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const TASKS = ['classification', 'regression'] as const;
export type Task = (typeof TASKS)[number];

/** Where the training data comes from. */
export type DataSource =
  | { kind: 'builtin'; name: DatasetName }
  | { kind: 'csv'; path: string; target: string; task?: Task };

/**
 * Everything `train` was asked to do, validated. Fields left undefined take
 * the dataset's preset (the book's settings for that dataset).
 */
export interface TrainConfig {
  data: DataSource;
  /** `--config model.json`: the architecture, validated (loss/optimizer/accuracy may be left to the task's defaults). */
  configPath?: string;
  config?: ModelSpec;
  /** `--model`: undefined = mlp. */
  model?: ModelName;
  hidden?: number[];
  activation?: ActivationName;
  dropout?: number;
  optimizer?: OptimizerName;
  learningRate?: number;
  decay?: number;
  momentum?: number;
  epochs?: number;
  batchSize?: number;
  validationSplit: number;
  seed: number;
  out?: string;
  plot?: string;
  checkpointEvery?: number;
  resume?: string;
  earlyStopping?: number;
  /** `--limit n`: train (and test) on a seeded random n samples of each split. */
  limit?: number;
  verbose: boolean;
}

/** The raw strings commander collected for `train`. */
export interface RawTrainOptions {
  csv?: string;
  target?: string;
  task?: string;
  config?: string;
  model?: string;
  hidden?: string;
  activation?: string;
  dropout?: string;
  optimizer?: string;
  lr?: string;
  decay?: string;
  momentum?: string;
  epochs?: string;
  batchSize?: string;
  validationSplit?: string;
  seed?: string;
  out?: string;
  plot?: string;
  checkpointEvery?: string;
  resume?: string;
  earlyStopping?: string;
  limit?: string;
  verbose?: boolean;
}

function optional<T>(raw: string | undefined, parse: (raw: string) => T): T | undefined {
  return raw === undefined ? undefined : parse(raw);
}

/**
 * Checks every argument of `train` before any work is done (nothing is loaded
 * or written here, apart from reading `--config`), and returns the config.
 * Throws an ArgumentError whose message names the argument and what was received.
 */
export function parseTrainOptions(dataset: string | undefined, raw: RawTrainOptions): TrainConfig {
  let data: DataSource;
  if (dataset !== undefined && raw.csv !== undefined) {
    throw new ArgumentError(`give either a dataset or --csv, received both "${dataset}" and --csv "${raw.csv}"`);
  }
  if (raw.csv !== undefined) {
    if (raw.target === undefined || raw.target.trim() === '') {
      throw new ArgumentError(`--csv needs --target <column>, received ${raw.target === undefined ? 'none' : '""'}`);
    }
    data = {
      kind: 'csv',
      path: readableFile('--csv', raw.csv),
      target: raw.target,
      task: optional(raw.task, (value) => choice('--task', value, TASKS)),
    };
  } else {
    if (dataset === undefined) {
      throw new ArgumentError(`train needs a dataset (${DATASETS.join(', ')}) or --csv <file>, received none`);
    }
    for (const flag of ['target', 'task'] as const) {
      if (raw[flag] !== undefined) throw new ArgumentError(`--${flag} only applies with --csv, received dataset "${dataset}"`);
    }
    data = { kind: 'builtin', name: choice('dataset', dataset, DATASETS) };
  }

  const architectureFlags = (['model', 'hidden', 'activation', 'dropout'] as const).filter((flag) => raw[flag] !== undefined);
  if (raw.config !== undefined && architectureFlags.length > 0) {
    throw new ArgumentError(`--config replaces --${architectureFlags[0]}, received both`);
  }
  if (raw.resume !== undefined && (raw.config !== undefined || architectureFlags.length > 0)) {
    throw new ArgumentError(
      `--resume takes the architecture from the checkpoint, received --${raw.config !== undefined ? 'config' : architectureFlags[0]} too`,
    );
  }
  if (raw.momentum !== undefined && raw.optimizer?.trim().toLowerCase() !== 'sgd') {
    throw new ArgumentError(`--momentum only applies to --optimizer sgd, received --optimizer ${raw.optimizer ?? '(default)'}`);
  }

  const model = optional(raw.model, (value) => choice('--model', value, MODELS));
  if (model === 'cnn' && (data.kind === 'csv' || IMAGE_SHAPES[data.name] === undefined)) {
    const images = DATASETS.filter((name) => IMAGE_SHAPES[name] !== undefined);
    const given = data.kind === 'csv' ? `--csv ${data.path} (rows of features)` : `"${data.name}"`;
    throw new ArgumentError(`--model cnn needs a dataset of images (${images.join(', ')}), received ${given}`);
  }

  const config: TrainConfig = {
    data,
    model,
    hidden: optional(raw.hidden, (value) => integerList('--hidden', value)),
    activation: optional(raw.activation, (value) => choice('--activation', value, ACTIVATIONS)),
    dropout: optional(raw.dropout, (value) => fraction('--dropout', value)),
    optimizer: optional(raw.optimizer, (value) => choice('--optimizer', value, OPTIMIZERS)),
    learningRate: optional(raw.lr, (value) => positiveNumber('--lr', value)),
    decay: optional(raw.decay, (value) => nonNegativeNumber('--decay', value)),
    momentum: optional(raw.momentum, (value) => nonNegativeNumber('--momentum', value)),
    epochs: optional(raw.epochs, (value) => integer('--epochs', value)),
    batchSize: optional(raw.batchSize, (value) => integer('--batch-size', value)),
    validationSplit: optional(raw.validationSplit, (value) => fraction('--validation-split', value)) ?? 0,
    seed: optional(raw.seed, (value) => integer('--seed', value, 0)) ?? 0,
    out: optional(raw.out, (value) => writableFilePath('--out', value)),
    plot: optional(raw.plot, (value) => writableDirectory('--plot', value)),
    checkpointEvery: optional(raw.checkpointEvery, (value) => integer('--checkpoint-every', value)),
    resume: optional(raw.resume, (value) => readableFile('--resume', value)),
    earlyStopping: optional(raw.earlyStopping, (value) => integer('--early-stopping', value)),
    limit: optional(raw.limit, (value) => integer('--limit', value)),
    verbose: raw.verbose === true,
  };
  if (raw.config !== undefined) {
    config.configPath = readableFile('--config', raw.config);
    config.config = parseConfig(raw.config, readJson('--config', raw.config));
    const optimizerFlag = (['optimizer', 'lr', 'decay', 'momentum'] as const).find((flag) => raw[flag] !== undefined);
    if (config.config.optimizer !== undefined && optimizerFlag !== undefined) {
      throw new ArgumentError(`--config ${raw.config} sets the optimizer, received --${optimizerFlag} too`);
    }
  }
  return config;
}

/**
 * A `--config` file: a ModelSpec whose `format`/`version` and each layer's
 * optional fields (its kind's `defaults`: Dense's initializer and
 * regularizers, Conv2D's stride and padding, …) may be left out. Checked like a model file's
 * architecture, so nothing unchecked reaches the model.
 */
export function parseConfig(path: string, json: unknown): ModelSpec {
  let completed = json;
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const spec = json as Record<string, unknown>;
    completed = {
      format: 'scratchnet',
      version: 1,
      ...spec,
      layers: Array.isArray(spec.layers)
        ? spec.layers.map((layer: unknown) => (layer !== null && typeof layer === 'object' ? withLayerDefaults(layer as Record<string, unknown>) : layer))
        : spec.layers,
    };
  }
  try {
    return parseModelSpec(completed, `--config ${path}`);
  } catch (error) {
    if (error instanceof ModelFileError) throw new ArgumentError(error.message);
    throw error;
  }
}

/** Reads and parses a JSON file, naming the flag and the parser's complaint on failure. */
export function readJson(flag: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ArgumentError(`${flag} must be a JSON file, received "${path}" (${(error as Error).message})`);
  }
}
