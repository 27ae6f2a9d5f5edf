import { ArgumentError } from '../errors.js';
import type { EpochLog } from './history.js';

/** The `model.metadata` key under which a model file records its training curves. */
export const TRAINING_HISTORY_KEY = 'history';

/** One epoch of the recorded curves: what a chart of the run needs. */
export interface HistoryPoint {
  epoch: number;
  loss: number;
  accuracy: number;
  learningRate: number;
  validationLoss?: number;
  validationAccuracy?: number;
}

/**
 * The recorded curves as model.metadata stores them (and the model file's
 * `metadata` entry with it): one array per quantity, epoch i at index i.
 * Numbers that are not finite (an accuracy a model does not measure) and
 * epochs without validation are `null`, as JSON has no NaN.
 */
export interface RecordedHistory {
  epoch: number[];
  loss: (number | null)[];
  accuracy: (number | null)[];
  learningRate: (number | null)[];
  validationLoss: (number | null)[];
  validationAccuracy: (number | null)[];
}

const COLUMNS = ['epoch', 'loss', 'accuracy', 'learningRate', 'validationLoss', 'validationAccuracy'] as const;

/**
 * Appends `epochs` (from `model.train`'s history) to the curves recorded in
 * `metadata` and returns the new metadata, ready for `model.metadata`; a
 * saved file then carries the whole run's curves, so whoever loads it (the
 * playground) can show them. Epochs at or before the last recorded one are
 * dropped first (a run resumed from an earlier checkpoint replaces them).
 *
 * ```ts
 * const history = await model.train(X, y, { epochs: 100 });
 * model.metadata = recordTrainingHistory(model.metadata, history.epochs);
 * await model.save('spiral.safetensors');
 * ```
 */
export function recordTrainingHistory(metadata: Record<string, unknown>, epochs: readonly (HistoryPoint | EpochLog)[]): Record<string, unknown> {
  const kept = (readTrainingHistory(metadata) ?? []).filter((point) => epochs.length === 0 || point.epoch < epochs[0].epoch);
  const points = [...kept, ...epochs];
  const finite = (value: number | undefined): number | null => (value !== undefined && Number.isFinite(value) ? value : null);
  const recorded: RecordedHistory = {
    epoch: points.map((p) => p.epoch),
    loss: points.map((p) => finite(p.loss)),
    accuracy: points.map((p) => finite(p.accuracy)),
    learningRate: points.map((p) => finite(p.learningRate)),
    validationLoss: points.map((p) => finite(p.validationLoss)),
    validationAccuracy: points.map((p) => finite(p.validationAccuracy)),
  };
  return { ...metadata, [TRAINING_HISTORY_KEY]: recorded };
}

/**
 * The curves recorded in `metadata` (see recordTrainingHistory), epoch by
 * epoch; undefined when there are none. Throws an ArgumentError naming the
 * column when the record is malformed (columns of different lengths, epochs
 * that are not increasing whole numbers, values that are not numbers).
 */
export function readTrainingHistory(metadata: Record<string, unknown>): HistoryPoint[] | undefined {
  const recorded = metadata[TRAINING_HISTORY_KEY];
  if (recorded === undefined) return undefined;
  const fail = (rule: string): never => {
    throw new ArgumentError(`model metadata "${TRAINING_HISTORY_KEY}": ${rule}`);
  };
  if (typeof recorded !== 'object' || recorded === null || Array.isArray(recorded)) return fail('must be an object of columns');
  const columns = recorded as Record<string, unknown>;
  const length = Array.isArray(columns.epoch) ? columns.epoch.length : fail('epoch must be an array');
  for (const name of COLUMNS) {
    const column = columns[name];
    if (!Array.isArray(column) || column.length !== length) fail(`${name} must be an array of ${length} values, like epoch`);
    const values = column as unknown[];
    if (!values.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)))) fail(`${name} must hold numbers or null`);
  }
  const epoch = columns.epoch as number[];
  epoch.forEach((e, i) => {
    if (!Number.isInteger(e) || e < 1 || (i > 0 && e <= epoch[i - 1])) fail(`epoch must be increasing whole numbers from 1, received ${e} at index ${i}`);
  });
  const at = (name: (typeof COLUMNS)[number], i: number): number | null => (columns[name] as (number | null)[])[i];
  return epoch.map((e, i) => {
    const point: HistoryPoint = {
      epoch: e,
      loss: at('loss', i) ?? Number.NaN,
      accuracy: at('accuracy', i) ?? Number.NaN,
      learningRate: at('learningRate', i) ?? Number.NaN,
    };
    const validationLoss = at('validationLoss', i);
    const validationAccuracy = at('validationAccuracy', i);
    if (validationLoss !== null) point.validationLoss = validationLoss;
    if (validationAccuracy !== null) point.validationAccuracy = validationAccuracy;
    return point;
  });
}
