import { ArgumentError } from '../errors.js';

/**
 * Fitted per-feature scaling that exporters build into a model file, so the
 * exported model takes raw features. Accepted forms (one number per input
 * feature in each array):
 *
 * - `{ type: 'StandardScaler', mean, scale }` (what `StandardScaler.toJSON()` gives)
 *   and `{ kind: 'standard', mean, std }`: x' = (x − mean) / scale
 * - `{ type: 'MinMaxScaler', featureRange: [lo, hi], dataMin, dataMax }` (what
 *   `MinMaxScaler.toJSON()` gives): x' = (x − min) / (max − min) · (hi − lo) + lo,
 *   and `{ kind: 'minmax', min, max }`, the same with [lo, hi] = [0, 1]
 *
 * A zero scale or max − min (a constant feature) counts as 1, as in
 * scikit-learn, so the constant maps to a number rather than to NaN.
 *
 * ```ts
 * await exportOnnx(model, 'model.onnx', { preprocessing: scaler.toJSON() });
 * await exportOnnx(model, 'model.onnx', { preprocessing: { kind: 'minmax', min: [0, 0], max: [255, 255] } });
 * ```
 */
export type FeatureScaling =
  | { type: 'StandardScaler'; mean: readonly number[]; scale: readonly number[] }
  | { type: 'MinMaxScaler'; featureRange: readonly [number, number]; dataMin: readonly number[]; dataMax: readonly number[] }
  | { kind: 'standard'; mean: readonly number[]; std: readonly number[] }
  | { kind: 'minmax'; min: readonly number[]; max: readonly number[] };

/** A scaling as x' = (x − offset) / divisor + shift, per feature, in float32. */
export interface AffineScaling {
  offset: Float32Array;
  divisor: Float32Array;
  /** Undefined when every shift is 0 (the graph then needs no Add). */
  shift: Float32Array | undefined;
}

/** Checks `scaling` against the number of input features and returns it as an affine map. */
export function affineScaling(owner: string, scaling: FeatureScaling, features: number): AffineScaling {
  const form = scalingForm(scaling);
  if (form === undefined) {
    throw new ArgumentError(
      `${owner}: preprocessing must be a StandardScaler or MinMaxScaler JSON, { kind: 'standard', mean, std } or { kind: 'minmax', min, max }, received ${String(JSON.stringify(scaling)).slice(0, 80)}`,
    );
  }
  const [offsetName, spreadName, lo, hi] = form;
  const record = scaling as unknown as Record<string, unknown>;
  const offset = numbers(owner, offsetName, record[offsetName], features);
  const second = numbers(owner, spreadName, record[spreadName], features);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new ArgumentError(`${owner}: preprocessing.featureRange must be [low, high] with low < high, received [${lo}, ${hi}]`);
  }
  const isSpread = spreadName === 'scale' || spreadName === 'std';
  const divisor = new Float32Array(features);
  for (let j = 0; j < features; j++) {
    const spread = isSpread ? second[j] : second[j] - offset[j];
    if (spread < 0) {
      throw new ArgumentError(`${owner}: preprocessing.${spreadName}[${j}] must be >= ${isSpread ? 0 : `${offsetName}[${j}]`}, received ${second[j]}`);
    }
    divisor[j] = (spread === 0 ? 1 : spread) / (hi - lo);
  }
  return {
    offset: Float32Array.from(offset),
    divisor,
    shift: lo === 0 ? undefined : new Float32Array(features).fill(lo),
  };
}

/** [offset field, spread field, lo, hi] of a recognised form. */
function scalingForm(scaling: FeatureScaling): [string, string, number, number] | undefined {
  if (typeof scaling !== 'object' || scaling === null) return undefined;
  const tagged = scaling as { type?: unknown; kind?: unknown; featureRange?: unknown };
  if (tagged.type === 'StandardScaler') return ['mean', 'scale', 0, 1];
  if (tagged.kind === 'standard') return ['mean', 'std', 0, 1];
  if (tagged.kind === 'minmax') return ['min', 'max', 0, 1];
  if (tagged.type === 'MinMaxScaler') {
    const range = Array.isArray(tagged.featureRange) ? tagged.featureRange : [NaN, NaN];
    return ['dataMin', 'dataMax', Number(range[0]), Number(range[1])];
  }
  return undefined;
}

function numbers(owner: string, name: string, values: unknown, features: number): readonly number[] {
  if (!Array.isArray(values) || values.length !== features) {
    throw new ArgumentError(
      `${owner}: preprocessing.${name} must hold ${features} numbers (one per input feature), received ${Array.isArray(values) ? values.length : typeof values}`,
    );
  }
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) {
    throw new ArgumentError(`${owner}: preprocessing.${name}[${bad}] must be a finite number, received ${String(values[bad])}`);
  }
  return values as number[];
}
