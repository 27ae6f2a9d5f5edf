import { ArgumentError } from '../errors.js';
import { choice, integer, readableFile, writableFilePath } from './arguments.js';
import { DATASETS, type DatasetName } from './train-options.js';

/** `scratchnet evaluate <model> [dataset] [--csv file --target col]`, validated. */
export interface EvaluateConfig {
  model: string;
  /** undefined = the dataset recorded in the model file. */
  data?: { kind: 'builtin'; name: DatasetName } | { kind: 'csv'; path: string; target?: string };
}

/** `scratchnet predict <model> (--csv rows.csv [--out preds.csv] | --image file)`, validated. */
export type PredictConfig =
  | { model: string; kind: 'csv'; path: string; out?: string; top: number }
  | { model: string; kind: 'image'; path: string; top: number };

/** `scratchnet summary <model>`, validated. */
export interface SummaryConfig {
  model: string;
}

/** Checks `evaluate`'s arguments before any work. */
export function parseEvaluateOptions(
  model: string,
  dataset: string | undefined,
  raw: { csv?: string; target?: string },
): EvaluateConfig {
  const config: EvaluateConfig = { model: readableFile('model', model) };
  if (dataset !== undefined && raw.csv !== undefined) {
    throw new ArgumentError(`give either a dataset or --csv, received both "${dataset}" and --csv "${raw.csv}"`);
  }
  if (raw.csv !== undefined) {
    config.data = { kind: 'csv', path: readableFile('--csv', raw.csv), target: raw.target };
  } else if (raw.target !== undefined) {
    throw new ArgumentError(`--target only applies with --csv, received --target "${raw.target}"`);
  } else if (dataset !== undefined) {
    config.data = { kind: 'builtin', name: choice('dataset', dataset, DATASETS) };
  }
  return config;
}

/** Checks `predict`'s arguments before any work. */
export function parsePredictOptions(
  model: string,
  raw: { csv?: string; image?: string; out?: string; top?: string },
): PredictConfig {
  const modelPath = readableFile('model', model);
  const top = integer('--top', raw.top ?? '3');
  if ((raw.csv === undefined) === (raw.image === undefined)) {
    throw new ArgumentError(
      raw.csv === undefined
        ? 'predict needs --csv <file> or --image <file>, received neither'
        : 'predict takes --csv or --image, received both',
    );
  }
  if (raw.image !== undefined) {
    if (raw.out !== undefined) throw new ArgumentError(`--out only applies with --csv, received --image "${raw.image}"`);
    return { model: modelPath, kind: 'image', path: readableFile('--image', raw.image), top };
  }
  return {
    model: modelPath,
    kind: 'csv',
    path: readableFile('--csv', raw.csv as string),
    out: raw.out === undefined ? undefined : writableFilePath('--out', raw.out),
    top,
  };
}

/** Checks `summary`'s argument before any work. */
export function parseSummaryOptions(model: string): SummaryConfig {
  return { model: readableFile('model', model) };
}
