import { ArgumentError } from '../errors.js';
import { choice, integer, readableFile, writableDirectory, writableFilePath } from './arguments.js';
import { DATASETS, TASKS, type DatasetName, type Task } from './train-options.js';

/** `--unknown-categories`: what a text value training never saw becomes (see featureRows). */
export const UNKNOWN_CATEGORIES = ['error', 'zeros'] as const;
export type UnknownCategories = (typeof UNKNOWN_CATEGORIES)[number];

/** `scratchnet evaluate <model> [dataset | --csv <file> [--target <column>] [--task <task>]]`, validated. */
export interface EvaluateConfig {
  model: string;
  data:
    | { kind: 'builtin'; /** undefined = the dataset recorded in the model file. */ name?: DatasetName }
    | { kind: 'csv'; path: string; /** undefined = the target recorded in the model file. */ target?: string; task?: Task; unknownCategories: UnknownCategories };
}

/** `scratchnet predict <model> (--csv rows.csv [--out preds.csv] | --image file)`, validated. */
export type PredictConfig =
  | { model: string; kind: 'csv'; path: string; out?: string; /** `--id-column`: carried into the output. */ idColumn?: string; top: number; unknownCategories: UnknownCategories }
  | { model: string; kind: 'image'; path: string; top: number; /** undefined = the library's default (MAX_IMAGE_PIXELS). */ maxPixels?: number };

/** The formats `scratchnet export` writes. */
export const EXPORT_FORMATS = ['onnx', 'tfjs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `scratchnet export <model> --format onnx|tfjs -o <path>`, validated (onnx: a file; tfjs: a folder). */
export interface ExportConfig {
  model: string;
  format: ExportFormat;
  out: string;
}

/** `scratchnet playground [--port N] [--root dir]`, validated. */
export interface PlaygroundConfig {
  /** 0 = any free port. */
  port: number;
  /** undefined = the package's built playground. */
  root?: string;
}

/** `scratchnet summary <model>`, validated. */
export interface SummaryConfig {
  model: string;
}

/** Checks `evaluate`'s arguments before any work. */
export function parseEvaluateOptions(
  model: string,
  dataset: string | undefined,
  raw: { csv?: string; target?: string; task?: string; unknownCategories?: string },
): EvaluateConfig {
  const modelPath = readableFile('model', model);
  if (raw.csv === undefined) {
    for (const flag of ['target', 'task', 'unknownCategories'] as const) {
      if (raw[flag] !== undefined) throw new ArgumentError(`--${flag === 'unknownCategories' ? 'unknown-categories' : flag} only applies with --csv, received ${dataset === undefined ? 'no --csv' : `dataset "${dataset}"`}`);
    }
    return { model: modelPath, data: { kind: 'builtin', name: dataset === undefined ? undefined : choice('dataset', dataset, DATASETS) } };
  }
  if (dataset !== undefined) {
    throw new ArgumentError(`give either a dataset or --csv, received both "${dataset}" and --csv "${raw.csv}"`);
  }
  if (raw.target !== undefined && raw.target.trim() === '') throw new ArgumentError('--target must name a column, received ""');
  return {
    model: modelPath,
    data: {
      kind: 'csv',
      path: readableFile('--csv', raw.csv),
      target: raw.target,
      task: raw.task === undefined ? undefined : choice('--task', raw.task, TASKS),
      unknownCategories: choice('--unknown-categories', raw.unknownCategories ?? 'error', UNKNOWN_CATEGORIES),
    },
  };
}

/** predict's flags that only apply with --csv, by their commander names. */
const CSV_ONLY_FLAGS = { out: 'out', idColumn: 'id-column', unknownCategories: 'unknown-categories' } as const;

/** Checks `predict`'s arguments before any work. */
export function parsePredictOptions(
  model: string,
  raw: { csv?: string; image?: string; out?: string; idColumn?: string; top?: string; maxPixels?: string; unknownCategories?: string },
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
    for (const flag of ['out', 'idColumn', 'unknownCategories'] as const) {
      if (raw[flag] !== undefined) throw new ArgumentError(`--${CSV_ONLY_FLAGS[flag]} only applies with --csv, received --image "${raw.image}"`);
    }
    const maxPixels = raw.maxPixels === undefined ? undefined : integer('--max-pixels', raw.maxPixels);
    return { model: modelPath, kind: 'image', path: readableFile('--image', raw.image), top, ...(maxPixels === undefined ? {} : { maxPixels }) };
  }
  if (raw.maxPixels !== undefined) throw new ArgumentError(`--max-pixels only applies with --image, received --csv "${raw.csv}"`);
  if (raw.idColumn !== undefined && raw.idColumn.trim() === '') throw new ArgumentError('--id-column must name a column, received ""');
  return {
    model: modelPath,
    kind: 'csv',
    path: readableFile('--csv', raw.csv as string),
    out: raw.out === undefined ? undefined : writableFilePath('--out', raw.out),
    ...(raw.idColumn !== undefined ? { idColumn: raw.idColumn } : {}),
    top,
    unknownCategories: choice('--unknown-categories', raw.unknownCategories ?? 'error', UNKNOWN_CATEGORIES),
  };
}

/** Checks `export`'s arguments before any work. */
export function parseExportOptions(model: string, raw: { format?: string; out?: string }): ExportConfig {
  const modelPath = readableFile('model', model);
  if (raw.format === undefined) throw new ArgumentError(`export needs --format ${EXPORT_FORMATS.join('|')}, received none`);
  const format = choice('--format', raw.format, EXPORT_FORMATS);
  if (raw.out === undefined) throw new ArgumentError('export needs -o <path>, received none');
  const out = format === 'onnx' ? writableFilePath('-o', raw.out) : writableDirectory('-o', raw.out);
  return { model: modelPath, format, out };
}

/** Checks `playground`'s options before starting the server. */
export function parsePlaygroundOptions(raw: { port?: string; root?: string }): PlaygroundConfig {
  const port = integer('--port', raw.port ?? '0', 0);
  if (port > 65535) throw new ArgumentError(`--port must be an integer in [0, 65535], received "${raw.port}"`);
  return { port, root: raw.root };
}

/** Checks `summary`'s argument before any work. */
export function parseSummaryOptions(model: string): SummaryConfig {
  return { model: readableFile('model', model) };
}
