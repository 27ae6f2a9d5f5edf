import { basename } from 'node:path';
import { loadCaliforniaHousing } from '../data/california-housing.js';
import { loadCsv, type CsvTable } from '../data/csv.js';
import { loadFashionMnist } from '../data/fashion-mnist.js';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { sineData } from '../data/synthetic/sine.js';
import { spiralData } from '../data/synthetic/spiral.js';
import { verticalData } from '../data/synthetic/vertical.js';
import { getDefaultGenerator } from '../random/default.js';
import { Tensor, type NumericArray } from '../tensor/tensor.js';
import type { DataShape } from './model-spec.js';
import { DATASET_PRESETS, csvPreset, type Preset } from './presets.js';
import { readingProgress } from './progress.js';
import type { DataSource, DatasetName, Task } from './train-options.js';

/** Rows of inputs and targets. */
export interface Split {
  x: Tensor;
  y: Tensor<NumericArray>;
}

/** A dataset ready for `train`: splits, the network's input/output sizes and what to remember in the model file. */
export interface TrainingData {
  /** Shown in messages and the report: `spiral`, `houses.csv`. */
  name: string;
  train: Split;
  /** The dataset's own test split (tabular data: a seeded 20 % held out). */
  test?: Split;
  shape: DataShape;
  preset: Preset;
  classNames?: readonly string[];
  /** Regression targets are standardized for training; this maps predictions back to the target's units. */
  targetScaler?: StandardScaler;
  /** Stored in the model's metadata: what evaluate/predict need to prepare data the same way. */
  metadata: Record<string, unknown>;
}

/** Samples per class of the synthetic classification sets: train as the book's model chapter, test as its validation. */
const SYNTHETIC_TRAIN = 1000;
const SYNTHETIC_TEST = 100;
const SYNTHETIC_CLASSES = 3;
/** The share of a table's rows held out as its test set. */
const TABLE_TEST_FRACTION = 0.2;

/** Loads (or generates, from the default generator) a built-in dataset. */
export async function loadBuiltin(name: DatasetName): Promise<TrainingData> {
  const preset = DATASET_PRESETS[name];
  const metadata = { dataset: name };
  switch (name) {
    case 'spiral':
    case 'vertical': {
      const generate = name === 'spiral' ? spiralData : verticalData;
      const [x, y] = generate(SYNTHETIC_TRAIN, SYNTHETIC_CLASSES);
      const [xTest, yTest] = generate(SYNTHETIC_TEST, SYNTHETIC_CLASSES);
      const classNames = ['0', '1', '2'];
      return {
        name, preset, classNames, metadata: { ...metadata, classNames },
        train: { x, y }, test: { x: xTest, y: yTest },
        shape: { inputs: 2, outputs: SYNTHETIC_CLASSES, task: 'classification' },
      };
    }
    case 'sine': {
      // The book tests on the same deterministic curve it trains on.
      const [x, y] = sineData();
      const split = { x: toFloat32(x), y: toFloat32(y) };
      return {
        name, preset, metadata, train: split, test: split,
        shape: { inputs: 1, outputs: 1, task: 'regression' },
      };
    }
    case 'fashion-mnist': {
      const { train, test, classNames } = await loadFashionMnist();
      return {
        name, preset, classNames, metadata: { ...metadata, classNames: [...classNames] },
        train, test,
        shape: { inputs: train.x.shape[1], outputs: classNames.length, task: 'classification' },
      };
    }
    case 'california-housing':
      return fromTable(name, await loadCaliforniaHousing(), 'regression', preset, metadata);
    case 'california-housing-sklearn':
      return fromTable(name, await loadCaliforniaHousing({ variant: 'sklearn' }), 'regression', preset, metadata);
  }
}

/** Loads the data `train` was pointed at. */
export async function loadTrainingData(source: DataSource): Promise<TrainingData> {
  if (source.kind === 'builtin') return loadBuiltin(source.name);
  const progress = readingProgress(basename(source.path));
  let table: CsvTable;
  try {
    table = await loadCsv(source.path, { target: source.target, task: source.task ?? 'auto', onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const task = table.report.task;
  return fromTable(basename(source.path), table, task, csvPreset(task), { dataset: 'csv' });
}

/**
 * A table as training data: a seeded 20 % of the rows held out as the test
 * set; features standardized with a StandardScaler fitted on the training
 * rows only (regression targets too). The metadata keeps what evaluate and
 * predict need to prepare other rows the same way: the target and task, the
 * feature names, the values that filled empty cells (by column) and the
 * fitted scalers.
 */
function fromTable(
  name: string,
  table: CsvTable,
  task: Task,
  preset: Preset,
  metadata: Record<string, unknown>,
): TrainingData {
  const rows = table.x.shape[0];
  const held = Math.max(1, Math.round(rows * TABLE_TEST_FRACTION));
  const order = getDefaultGenerator().permutation(rows);
  const trainRows = order.subarray(held);
  const testRows = order.subarray(0, held);
  const xScaler = new StandardScaler().fit(gather(table.x, trainRows));
  let train: Split = { x: xScaler.transform(gather(table.x, trainRows)), y: gather(table.y, trainRows) };
  let test: Split = { x: xScaler.transform(gather(table.x, testRows)), y: gather(table.y, testRows) };
  let targetScaler: StandardScaler | undefined;
  if (task === 'regression') {
    targetScaler = new StandardScaler().fit(train.y);
    train = { x: train.x, y: targetScaler.transform(train.y) };
    test = { x: test.x, y: targetScaler.transform(test.y) };
  }
  const classNames = table.classNames;
  return {
    name, preset, train, test, classNames, targetScaler,
    shape: { inputs: table.x.shape[1], outputs: task === 'classification' ? (classNames?.length ?? 2) : 1, task },
    metadata: {
      ...metadata,
      target: table.report.target,
      task,
      featureNames: table.featureNames,
      ...(table.report.imputed.length > 0
        ? { imputed: Object.fromEntries(table.report.imputed.map(({ column, value }) => [column, value])) }
        : {}),
      ...(classNames !== undefined ? { classNames } : {}),
      featureScaler: xScaler.toJSON(),
      ...(targetScaler !== undefined ? { targetScaler: targetScaler.toJSON() } : {}),
    },
  };
}

/** The given rows of a row-major tensor, in that order, in the same array type. */
export function gather<T extends Split['y']>(tensor: T, rows: Int32Array): T {
  const width = tensor.size / tensor.shape[0];
  const Data = tensor.data.constructor as new (length: number) => T['data'];
  const data = new Data(rows.length * width);
  rows.forEach((row, index) => data.set(tensor.data.subarray(row * width, (row + 1) * width), index * width));
  return new (tensor.constructor as new (shape: number[], data: T['data']) => T)(
    [rows.length, ...tensor.shape.slice(1)],
    data,
  );
}

function toFloat32(tensor: Tensor): Tensor<Float32Array> {
  return new Tensor(tensor.shape, Float32Array.from(tensor.data));
}
