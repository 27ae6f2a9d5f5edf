import { spiralData } from '../data/synthetic/spiral.js';
import { verticalData } from '../data/synthetic/vertical.js';
import { sineData } from '../data/synthetic/sine.js';
import { ArgumentError } from '../errors.js';
import { Tensor, type NumericArray } from '../tensor/tensor.js';
import type { DataShape } from './model-spec.js';
import { DATASET_PRESETS, type Preset } from './presets.js';
import type { DataSource, DatasetName } from './train-options.js';

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
  /** The dataset's own test split, when it has one. */
  test?: Split;
  shape: DataShape;
  preset: Preset;
  classNames?: readonly string[];
  /** Stored in the model's metadata: what evaluate/predict need to prepare data the same way. */
  metadata: Record<string, unknown>;
}

/** Samples per class of the synthetic classification sets: train as the book's model chapter, test as its validation. */
const SYNTHETIC_TRAIN = 1000;
const SYNTHETIC_TEST = 100;
const SYNTHETIC_CLASSES = 3;

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
  }
}

/** Loads the data `train` was pointed at. */
export async function loadTrainingData(source: DataSource): Promise<TrainingData> {
  if (source.kind === 'csv') throw new ArgumentError(`--csv is not supported, received "${source.path}"`);
  return loadBuiltin(source.name);
}

function toFloat32(tensor: Tensor): Tensor<Float32Array> {
  return new Tensor(tensor.shape, Float32Array.from(tensor.data));
}
