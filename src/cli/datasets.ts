import { basename } from 'node:path';
import { loadCaliforniaHousing } from '../data/california-housing.js';
import { loadCsv, type CsvTable } from '../data/csv.js';
import { ArgumentError } from '../errors.js';
import { trainTestSplit } from '../data/preprocessing/train-test-split.js';
import { classTarget, featureRows, numericTarget, readCsvRows } from './csv-rows.js';
import { loadFashionMnist } from '../data/fashion-mnist.js';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { MAX_CATEGORIES } from '../data/csv-columns.js';
import { sineData } from '../data/synthetic/sine.js';
import { spiralData } from '../data/synthetic/spiral.js';
import { verticalData } from '../data/synthetic/vertical.js';
import { getDefaultGenerator } from '../random/default.js';
import { Tensor, type NumericArray } from '../tensor/tensor.js';
import type { DataShape } from './model-spec.js';
import { DATASET_PRESETS, csvPreset, type Preset } from './presets.js';
import { readingProgress } from './progress.js';
import { DATASET_TASKS, type DataSource, type DatasetName, type Task, type TestSetChoice } from './train-options.js';

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
  /** The dataset's own test split (tabular data: a seeded 20 % held out, or `--test-csv`). */
  test?: Split;
  /** Where the test split comes from, for messages: `test` or the `--test-csv` file's name. */
  testLabel: string;
  /** Lines to print before training: what loading did that the user did not ask for (a column dropped). */
  notes: string[];
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
/** The share of a table's rows held out as its test set, unless `--test-size` says otherwise. */
export const TABLE_TEST_FRACTION = 0.2;

/** Loads (or generates, from the default generator) a built-in dataset. */
export async function loadBuiltin(name: DatasetName, testSet: TestSetChoice = { stratify: false }): Promise<TrainingData> {
  const preset = DATASET_PRESETS[name];
  const metadata = { dataset: name };
  const task = DATASET_TASKS[name];
  const common = { testLabel: 'test', notes: [] };
  switch (name) {
    case 'spiral':
    case 'vertical': {
      const generate = name === 'spiral' ? spiralData : verticalData;
      const [x, y] = generate(SYNTHETIC_TRAIN, SYNTHETIC_CLASSES);
      const [xTest, yTest] = generate(SYNTHETIC_TEST, SYNTHETIC_CLASSES);
      const classNames = ['0', '1', '2'];
      return {
        ...common, name, preset, classNames, metadata: { ...metadata, classNames },
        train: { x, y }, test: { x: xTest, y: yTest },
        shape: { inputs: 2, outputs: SYNTHETIC_CLASSES, task },
      };
    }
    case 'sine': {
      // The book tests on the same deterministic curve it trains on.
      const [x, y] = sineData();
      const split = { x: toFloat32(x), y: toFloat32(y) };
      return {
        ...common, name, preset, metadata, train: split, test: split,
        shape: { inputs: 1, outputs: 1, task },
      };
    }
    case 'fashion-mnist': {
      const { train, test, classNames } = await loadFashionMnist();
      return {
        ...common, name, preset, classNames, metadata: { ...metadata, classNames: [...classNames] },
        train, test,
        shape: { inputs: train.x.shape[1], outputs: classNames.length, task },
      };
    }
    case 'california-housing':
      return fromTable(name, await loadCaliforniaHousing(), task, preset, metadata, testSet);
    case 'california-housing-sklearn':
      return fromTable(name, await loadCaliforniaHousing({ variant: 'sklearn' }), task, preset, metadata, testSet);
  }
}

/**
 * Loads the data `train` was pointed at. A CSV file's feature columns with
 * more than `--max-categories` distinct values are dropped, with a note
 * saying so; with `--test-csv`, every row of that file is the test set,
 * prepared as the training rows (see {@link fromTable}).
 */
export async function loadTrainingData(source: DataSource, testSet: TestSetChoice = { stratify: false }): Promise<TrainingData> {
  if (source.kind === 'builtin') return loadBuiltin(source.name, testSet);
  const progress = readingProgress(basename(source.path));
  let table: CsvTable;
  try {
    table = await loadCsv(source.path, {
      target: source.target,
      task: source.task ?? 'auto',
      onProgress: progress.onProgress,
      ...(source.drop !== undefined ? { drop: source.drop } : {}),
      ...(source.features !== undefined ? { features: source.features } : {}),
      ...(source.maxCategories !== undefined ? { maxCategories: source.maxCategories } : {}),
      tooManyCategories: 'drop',
    });
  } catch (error) {
    // loadCsv names its options; the user typed flags.
    if (error instanceof ArgumentError) throw new ArgumentError(error.message.replace(/^loadCsv: (drop|features) /, '--$1 '));
    throw error;
  } finally {
    progress.stop();
  }
  const task = table.report.task;
  if (testSet.stratify && task !== 'classification') {
    throw new ArgumentError(`--stratify only applies to classification, received --csv ${source.path} whose target "${source.target}" is ${task}`);
  }
  const limit = source.maxCategories ?? MAX_CATEGORIES;
  const notes = table.report.tooManyCategories.map(
    (column) => `dropped column "${column}": more than ${limit} distinct values, too many to one-hot encode (--max-categories raises the limit)`,
  );
  const data = await fromTable(basename(source.path), table, task, csvPreset(task), { dataset: 'csv' }, testSet);
  return { ...data, notes };
}

/**
 * A table as training data: a seeded 20 % of the rows held out as the test
 * set; features standardized with a StandardScaler fitted on the training
 * rows only (regression targets too). The metadata keeps what evaluate and
 * predict need to prepare other rows the same way: the target and task, the
 * feature names, the values that filled empty cells (by column) and the
 * fitted scalers.
 */
async function fromTable(
  name: string,
  table: CsvTable,
  task: Task,
  preset: Preset,
  metadata: Record<string, unknown>,
  testSet: TestSetChoice,
): Promise<TrainingData> {
  const rows = table.x.shape[0];
  let trainRows: Int32Array;
  let testRows: Int32Array | undefined;
  if (testSet.testCsv !== undefined) {
    trainRows = Int32Array.from({ length: rows }, (_, row) => row);
  } else {
    const fraction = testSet.testSize ?? TABLE_TEST_FRACTION;
    const held = Math.max(1, Math.round(rows * fraction));
    if (held >= rows) throw new ArgumentError(`--test-size ${fraction} leaves no training rows out of ${rows}`);
    // A count, not the fraction: the split holds round(rows · fraction) rows, as it always has.
    ({ trainIndices: trainRows, testIndices: testRows } = trainTestSplit(table.x, table.y, {
      testSize: held, stratify: testSet.stratify, generator: getDefaultGenerator(),
    }));
  }
  const xScaler = new StandardScaler().fit(gather(table.x, trainRows));
  let train: Split = { x: xScaler.transform(gather(table.x, trainRows)), y: gather(table.y, trainRows) };
  let test: Split | undefined = testRows && { x: xScaler.transform(gather(table.x, testRows)), y: gather(table.y, testRows) };
  let targetScaler: StandardScaler | undefined;
  if (task === 'regression') {
    targetScaler = new StandardScaler().fit(train.y);
    train = { x: train.x, y: targetScaler.transform(train.y) };
    if (test !== undefined) test = { x: test.x, y: targetScaler.transform(test.y) };
  }
  const classNames = table.classNames;
  const data: TrainingData = {
    name, preset, train, test, classNames, targetScaler,
    testLabel: 'test',
    notes: [],
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
  if (testSet.testCsv === undefined) return data;
  return { ...data, test: await testFile(testSet.testCsv, data), testLabel: basename(testSet.testCsv) };
}

/**
 * `--test-csv`: every row of the file, prepared as the training rows were,
 * from what the model will record (`featureRows`: the columns by name, the
 * training's categories, fills and scaler); the target as class ids into
 * the training's classes, or standardized with the training's target scaler.
 */
async function testFile(path: string, data: TrainingData): Promise<Split> {
  const file = await readCsvRows('--test-csv', path);
  const target = String(data.metadata.target);
  const x = featureRows(file, data.shape.inputs, data.metadata, target);
  if (data.shape.task === 'classification') return { x, y: classTarget(file, target, data.classNames ?? []) };
  const y = numericTarget(file, target);
  return { x, y: data.targetScaler === undefined ? y : data.targetScaler.transform(y) };
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
