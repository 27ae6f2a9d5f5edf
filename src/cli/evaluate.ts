import { basename } from 'node:path';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { ArgumentError } from '../errors.js';
import { loadModel } from '../io/model-file.js';
import type { Model } from '../model/model.js';
import { init } from '../random/default.js';
import { classTarget, featureRows, numericTarget, readCsvRows } from './csv-rows.js';
import { loadBuiltin, type Split } from './datasets.js';
import { INFERENCE_BATCH, modelWidths, samplesFor } from './model-helpers.js';
import type { EvaluateConfig, UnknownCategories } from './model-options.js';
import { EXIT, type Console } from './program.js';
import { measureRegression, regressionEntries } from './regression-metrics.js';
import { DATASETS, type DatasetName, type Task } from './train-options.js';
import { printable } from './printable.js';

/** What to evaluate on, prepared for the model. */
interface EvaluationSet {
  /** `spiral test set`, `held-out.csv`. */
  label: string;
  split: Split;
  task: Task;
  /** Maps a standardized regression target back to its units. */
  targetScaler?: StandardScaler;
}

/**
 * `scratchnet evaluate <model> [dataset | --csv <file>]`: loss and accuracy on
 * the dataset's test set (by default the dataset the model was trained on;
 * synthetic data is regenerated from the seed recorded at training) or on
 * every row of a CSV file, prepared with the preprocessing the model records;
 * for regression also RMSE, MAE and R² in the target's units.
 */
export async function runEvaluate(config: EvaluateConfig, console: Console): Promise<number> {
  const model = await loadModel(config.model);
  const set =
    config.data.kind === 'csv' ? await csvSet(model, config.model, config.data) : await builtinSet(model, config.model, config.data.name);
  const { label, task, targetScaler } = set;
  // In the model's shape: Fashion-MNIST rows become [28, 28, 1] images for a CNN.
  const split = { x: samplesFor(model, set.split.x), y: set.split.y };
  const { loss, accuracy } = model.evaluate(split.x, split.y, { batchSize: INFERENCE_BATCH });
  const samples = split.x.shape[0];
  if (task === 'regression') {
    // Errors in the target's units first; the book's precision accuracy after them.
    const measured = measureRegression(model, split, targetScaler, INFERENCE_BATCH);
    const entries = regressionEntries(measured).map(([metric, value]) => `${metric} ${value}`).join(', ');
    console.out(printable(`${label} (${samples} samples): ${entries}, accuracy ${accuracy.toFixed(4)}, loss ${loss.toFixed(4)}`));
    console.result?.({
      command: 'evaluate', data: label, samples, task,
      rootMeanSquaredError: measured.rootMeanSquaredError,
      meanAbsoluteError: measured.meanAbsoluteError,
      coefficientOfDetermination: measured.coefficientOfDetermination,
      accuracy, loss,
    });
    return EXIT.ok;
  }
  console.out(printable(`${label} (${samples} samples): accuracy ${accuracy.toFixed(4)}, loss ${loss.toFixed(4)}`));
  console.result?.({ command: 'evaluate', data: label, samples, task, accuracy, loss });
  return EXIT.ok;
}

/** The test split of a built-in dataset: the one asked for, or the one the model records. */
async function builtinSet(model: Model, path: string, asked: DatasetName | undefined): Promise<EvaluationSet> {
  const { dataset: recorded, seed, target } = model.metadata;
  let name: DatasetName;
  if (asked !== undefined) name = asked;
  else if (typeof recorded === 'string' && (DATASETS as readonly string[]).includes(recorded)) name = recorded as DatasetName;
  else if (recorded === 'csv') {
    throw new ArgumentError(`evaluate needs --csv <file>: ${path} was trained on a CSV file (target "${String(target)}"), received none`);
  } else throw new ArgumentError(`evaluate needs a dataset (${DATASETS.join(', ')}) or --csv <file>: ${path} does not record a built-in one`);
  init(typeof seed === 'number' ? seed : 0);
  const data = await loadBuiltin(name);
  return { label: `${name} test set`, split: data.test ?? data.train, task: data.shape.task, targetScaler: data.targetScaler };
}

/**
 * Every row of a CSV file, prepared as in training: the model's feature
 * columns picked by name, one-hot encoded, gaps filled and standardized; the
 * target as class ids or standardized numbers.
 */
async function csvSet(
  model: Model,
  path: string,
  options: { path: string; target?: string; task?: Task; unknownCategories: UnknownCategories },
): Promise<EvaluationSet> {
  const { metadata } = model;
  const task: Task = model.outputActivation?.type === 'Softmax' ? 'classification' : 'regression';
  if (options.task !== undefined && options.task !== task) {
    throw new ArgumentError(`--task must be the model's: ${path} is a ${task} model, received "${options.task}"`);
  }
  const target = options.target ?? (typeof metadata.target === 'string' ? metadata.target : undefined);
  if (target === undefined) throw new ArgumentError(`--csv needs --target <column>: ${path} records no target column, received none`);
  const table = await readCsvRows('--csv', options.path);
  const { inputs, outputs } = modelWidths(model);
  const x = featureRows(table, inputs, metadata, target, { unknownCategories: options.unknownCategories });
  if (task === 'classification') {
    const classNames = Array.isArray(metadata.classNames)
      ? (metadata.classNames as string[])
      : Array.from({ length: outputs }, (_, id) => String(id));
    return { label: basename(options.path), split: { x, y: classTarget(table, target, classNames) }, task };
  }
  const targetScaler = metadata.targetScaler === undefined ? undefined : StandardScaler.fromJSON(metadata.targetScaler);
  const y = numericTarget(table, target);
  return { label: basename(options.path), split: { x, y: targetScaler === undefined ? y : targetScaler.transform(y) }, task, targetScaler };
}
