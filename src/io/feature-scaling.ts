import { ArgumentError } from '../errors.js';

/**
 * Fitted per-feature scaling that exporters build into a model file, so the
 * exported model takes raw features:
 *
 * - `standard`: x' = (x − mean) / std
 * - `minmax`:   x' = (x − min) / (max − min)
 *
 * Each array holds one number per input feature. A zero `std` or `max − min`
 * (a constant feature) divides by 1 instead, as scikit-learn's scalers do, so
 * the constant maps to 0 rather than to NaN.
 *
 * ```ts
 * exportOnnx(model, 'model.onnx', { preprocessing: { kind: 'standard', mean: [5, 10], std: [2, 4] } });
 * ```
 */
export type FeatureScaling =
  | { kind: 'standard'; mean: readonly number[]; std: readonly number[] }
  | { kind: 'minmax'; min: readonly number[]; max: readonly number[] };

/** The scaling as x' = (x − offset) / divisor, checked against the number of input features. */
export function scalingOffsetAndDivisor(
  owner: string,
  scaling: FeatureScaling,
  features: number,
): { offset: Float32Array; divisor: Float32Array } {
  const [offsetName, secondName, offset, second] =
    scaling.kind === 'standard'
      ? (['mean', 'std', scaling.mean, scaling.std] as const)
      : scaling.kind === 'minmax'
        ? (['min', 'max', scaling.min, scaling.max] as const)
        : [undefined, undefined, undefined, undefined];
  if (offsetName === undefined) {
    throw new ArgumentError(
      `${owner}: preprocessing.kind must be 'standard' or 'minmax', received ${JSON.stringify((scaling as { kind?: unknown }).kind)}`,
    );
  }
  for (const [name, values] of [
    [offsetName, offset],
    [secondName, second],
  ] as const) {
    if (!Array.isArray(values) || values.length !== features) {
      throw new ArgumentError(
        `${owner}: preprocessing.${name} must hold ${features} numbers (one per input feature), received ${Array.isArray(values) ? `${values.length}` : typeof values}`,
      );
    }
    const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) {
      throw new ArgumentError(`${owner}: preprocessing.${name}[${bad}] must be a finite number, received ${String(values[bad])}`);
    }
  }
  const divisor = new Float32Array(features);
  for (let j = 0; j < features; j++) {
    const d = scaling.kind === 'standard' ? second[j] : second[j] - offset[j];
    if (scaling.kind === 'standard' && d < 0) {
      throw new ArgumentError(`${owner}: preprocessing.std[${j}] must be >= 0, received ${d}`);
    }
    divisor[j] = d === 0 ? 1 : d;
  }
  return { offset: Float32Array.from(offset), divisor };
}
