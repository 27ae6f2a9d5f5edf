import { readFileSync } from 'node:fs';
import { ArgumentError, ModelFileError } from '../errors.js';
import { FASHION_MNIST_IMAGE_SHAPE } from '../data/fashion-mnist.js';
import { parseBoundedJson } from '../data/bounded-json.js';
import { parseModelSpec } from '../io/parse-model-spec.js';
import type { ModelSpec } from '../model/architecture.js';
import {
  choice,
  classWeightList,
  columnList,
  fraction,
  integer,
  layerSizes,
  nonNegativeNumber,
  openFraction,
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

/** What each built-in dataset's target is. */
export const DATASET_TASKS: Record<DatasetName, Task> = {
  'fashion-mnist': 'classification',
  spiral: 'classification',
  vertical: 'classification',
  sine: 'regression',
  'california-housing': 'regression',
  'california-housing-sklearn': 'regression',
};

/** The built-in datasets that are tables (a seeded share of the rows is the test set, as for `--csv`). */
export const TABLE_DATASETS: readonly DatasetName[] = ['california-housing', 'california-housing-sklearn'];

/** The largest `--seed`: seeds are 32-bit, as numpy's. */
export const MAX_SEED = 0xffffffff;

/**
 * With `--early-stopping` and no `--validation-split`, this share of the
 * training rows is held out to watch: early stopping never looks at the test set.
 */
export const EARLY_STOPPING_VALIDATION_SPLIT = 0.2;

/** Where the training data comes from. */
export type DataSource =
  | { kind: 'builtin'; name: DatasetName }
  | {
      kind: 'csv';
      path: string;
      target: string;
      task?: Task;
      /** `--drop`: columns to ignore. */
      drop?: string[];
      /** `--features`: the only columns to use as features. */
      features?: string[];
      /** `--max-categories`: undefined = loadCsv's MAX_CATEGORIES. */
      maxCategories?: number;
    };

/** How a table's test set is chosen: a seeded share of its rows (optionally stratified), or another file. */
export interface TestSetChoice {
  /** `--test-size`: the share of the rows held out (default 0.2). */
  testSize?: number;
  /** `--stratify`: keep each class's share the same in the training and test rows. */
  stratify: boolean;
  /** `--test-csv`: every row of this file is the test set, and no training row is held out. */
  testCsv?: string;
}

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
  /** undefined = 0, or EARLY_STOPPING_VALIDATION_SPLIT with --early-stopping. */
  validationSplit?: number;
  testSet: TestSetChoice;
  /** `--class-weights`: per-class loss weights, or `balanced` (n / (k · count)). */
  classWeights?: 'balanced' | number[];
  seed: number;
  out?: string;
  plot?: string;
  checkpointEvery?: number;
  resume?: string;
  earlyStopping?: number;
  /** With early stopping: end with the best epoch's weights (default true; `--no-restore-best-weights` keeps the last). */
  restoreBestWeights: boolean;
  /** `--json`: the results as one JSON object on stdout, everything else on stderr. */
  json: boolean;
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
  restoreBestWeights?: boolean;
  limit?: string;
  drop?: string;
  features?: string;
  maxCategories?: string;
  testSize?: string;
  stratify?: boolean;
  testCsv?: string;
  classWeights?: string;
  json?: boolean;
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
    const drop = optional(raw.drop, (value) => columnList('--drop', value));
    const features = optional(raw.features, (value) => columnList('--features', value));
    for (const [flag, names] of [['--drop', drop], ['--features', features]] as const) {
      if (names?.includes(raw.target)) throw new ArgumentError(`${flag} must not name the target "${raw.target}", received ${JSON.stringify(names.join(','))}`);
    }
    if (drop !== undefined && features !== undefined) {
      throw new ArgumentError('give --features (the columns to keep) or --drop (the columns to ignore), received both');
    }
    data = {
      kind: 'csv',
      path: readableFile('--csv', raw.csv),
      target: raw.target,
      task: optional(raw.task, (value) => choice('--task', value, TASKS)),
      drop,
      features,
      maxCategories: optional(raw.maxCategories, (value) => integer('--max-categories', value, 2)),
    };
  } else {
    if (dataset === undefined) {
      throw new ArgumentError(`train needs a dataset (${DATASETS.join(', ')}) or --csv <file>, received none`);
    }
    for (const flag of ['target', 'task', 'drop', 'features', 'maxCategories', 'testCsv'] as const) {
      if (raw[flag] !== undefined) throw new ArgumentError(`${flagName(flag)} only applies with --csv, received dataset "${dataset}"`);
    }
    data = { kind: 'builtin', name: choice('dataset', dataset, DATASETS) };
  }
  const table = data.kind === 'csv' || TABLE_DATASETS.includes(data.name);
  for (const flag of ['testSize', 'stratify'] as const) {
    if (raw[flag] !== undefined && !table) {
      throw new ArgumentError(`${flagName(flag)} only applies to tables (--csv, ${TABLE_DATASETS.join(', ')}), received dataset "${dataset}" (it has its own test set)`);
    }
  }
  if (raw.testCsv !== undefined && raw.testSize !== undefined) {
    throw new ArgumentError(`--test-csv is the test set, so no rows are held out: --test-size does not apply, received both`);
  }
  const classification = data.kind === 'csv' ? data.task !== 'regression' : DATASET_TASKS[data.name] === 'classification';
  for (const flag of ['stratify', 'classWeights'] as const) {
    if (raw[flag] !== undefined && !classification) {
      throw new ArgumentError(`${flagName(flag)} only applies to classification, received ${data.kind === 'csv' ? '--task regression' : `dataset "${data.name}" (regression)`}`);
    }
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
  if (raw.resume !== undefined) {
    const optimizerFlag = (['optimizer', 'lr', 'decay', 'momentum'] as const).find((flag) => raw[flag] !== undefined);
    if (optimizerFlag !== undefined) {
      throw new ArgumentError(`--resume continues with the checkpoint's optimizer and its state, received --${optimizerFlag} too`);
    }
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
    hidden: optional(raw.hidden, (value) => layerSizes('--hidden', value)),
    activation: optional(raw.activation, (value) => choice('--activation', value, ACTIVATIONS)),
    dropout: optional(raw.dropout, (value) => fraction('--dropout', value)),
    optimizer: optional(raw.optimizer, (value) => choice('--optimizer', value, OPTIMIZERS)),
    learningRate: optional(raw.lr, (value) => positiveNumber('--lr', value)),
    decay: optional(raw.decay, (value) => nonNegativeNumber('--decay', value)),
    momentum: optional(raw.momentum, (value) => nonNegativeNumber('--momentum', value)),
    epochs: optional(raw.epochs, (value) => integer('--epochs', value)),
    batchSize: optional(raw.batchSize, (value) => integer('--batch-size', value)),
    validationSplit: optional(raw.validationSplit, (value) => fraction('--validation-split', value)),
    testSet: {
      testSize: optional(raw.testSize, (value) => openFraction('--test-size', value)),
      stratify: raw.stratify === true,
      testCsv: optional(raw.testCsv, (value) => readableFile('--test-csv', value)),
    },
    classWeights: optional(raw.classWeights, (value) => classWeightList('--class-weights', value)),
    seed: optional(raw.seed, (value) => integer('--seed', value, 0, MAX_SEED)) ?? 0,
    out: optional(raw.out, (value) => writableFilePath('--out', value)),
    plot: optional(raw.plot, (value) => writableDirectory('--plot', value)),
    checkpointEvery: optional(raw.checkpointEvery, (value) => integer('--checkpoint-every', value)),
    resume: optional(raw.resume, (value) => readableFile('--resume', value)),
    earlyStopping: optional(raw.earlyStopping, (value) => integer('--early-stopping', value)),
    restoreBestWeights: raw.restoreBestWeights !== false,
    limit: optional(raw.limit, (value) => integer('--limit', value)),
    json: raw.json === true,
    verbose: raw.verbose === true,
  };
  if (config.earlyStopping !== undefined && config.validationSplit === 0) {
    throw new ArgumentError('--early-stopping watches a validation split of the training rows, never the test set: --validation-split must be > 0, received 0');
  }
  if (raw.restoreBestWeights === false && config.earlyStopping === undefined) {
    throw new ArgumentError('--no-restore-best-weights only applies with --early-stopping, received no --early-stopping');
  }
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

/** `testSize` → `--test-size`, as the user typed it. */
function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
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

/** Reads and parses a JSON file (depth-limited, see parseBoundedJson), naming the flag and the complaint on failure. */
export function readJson(flag: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ArgumentError(`${flag} must be a JSON file, received "${path}" (${(error as Error).message})`);
  }
  return parseBoundedJson(text, `${flag} "${path}"`, ArgumentError);
}
