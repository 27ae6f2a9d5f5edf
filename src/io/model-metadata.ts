import { ModelFileError, ScratchnetError } from '../errors.js';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import type { Shape } from '../layers/layer-spec.js';
import { inferShapes, requiredInputShape } from '../layers/shape-inference.js';
import { showValue } from '../layers/spec-reader.js';
import type { ModelSpec } from '../model/architecture.js';

/**
 * Checks the fields of a model file's `metadata` that scratchnet reads back
 * (predict, evaluate, export and summary use them), each only when present,
 * so that a file of the wrong types fails at load with a ModelFileError
 * naming `source` and the field rather than later with a TypeError:
 *
 * ```text
 * dataset, target   strings
 * task              "classification" or "regression"
 * featureNames      strings, one per input feature (when the model takes rows of features)
 * classNames        strings, one per output column (two for a single sigmoid output)
 * imputed           { column: finite number or string }
 * featureScaler     StandardScaler JSON with one mean and scale per input feature
 * targetScaler      StandardScaler JSON with one mean and scale per output column
 * ```
 *
 * Other fields are the user's and stay unchecked.
 */
export function checkModelMetadata(metadata: Readonly<Record<string, unknown>>, spec: ModelSpec, source: string): void {
  const fail = (message: string): never => {
    throw new ModelFileError(`${source}: metadata.${message}`);
  };
  const inputs = rowWidth(spec.inputShape ?? requiredInputShape(spec.layers));
  const outputs = rowWidth(inferShapes(source, spec.layers, spec.inputShape ?? requiredInputShape(spec.layers)).at(-1) ?? null);
  for (const key of ['dataset', 'target'] as const) {
    if (metadata[key] !== undefined && typeof metadata[key] !== 'string') fail(`${key} must be a string, received ${showValue(metadata[key])}`);
  }
  if (metadata.task !== undefined && metadata.task !== 'classification' && metadata.task !== 'regression') {
    fail(`task must be "classification" or "regression", received ${showValue(metadata.task)}`);
  }
  strings(metadata, 'featureNames', inputs === null ? [] : [inputs], 'one per input feature', fail);
  strings(metadata, 'classNames', outputs === null ? [] : outputs === 1 ? [1, 2] : [outputs], 'one per output column', fail);
  if (metadata.imputed !== undefined) {
    const imputed = metadata.imputed;
    if (typeof imputed !== 'object' || imputed === null || Array.isArray(imputed)) {
      fail(`imputed must be an object of column → value, received ${showValue(imputed)}`);
    }
    for (const [column, value] of Object.entries(imputed as object)) {
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
        fail(`imputed[${JSON.stringify(column)}] must be a finite number or a string, received ${showValue(value)}`);
      }
    }
  }
  scaler(metadata, 'featureScaler', inputs, 'input feature', fail);
  scaler(metadata, 'targetScaler', outputs, 'output column', fail);
}

/** The width of a shape that is one row of known size (`[784]`), else null. */
function rowWidth(shape: Shape): number | null {
  return shape !== null && shape.length === 1 && shape[0] !== null ? shape[0] : null;
}

function strings(
  metadata: Readonly<Record<string, unknown>>,
  key: string,
  lengths: readonly number[],
  per: string,
  fail: (message: string) => never,
): void {
  const value = metadata[key];
  if (value === undefined) return;
  const wanted = lengths.length === 0 ? 'an array of strings' : `an array of ${lengths.join(' or ')} strings (${per})`;
  if (!Array.isArray(value)) return fail(`${key} must be ${wanted}, received ${showValue(value)}`);
  const bad = value.findIndex((entry) => typeof entry !== 'string');
  if (bad >= 0) fail(`${key}[${bad}] must be a string, received ${showValue(value[bad])}`);
  if (lengths.length > 0 && !lengths.includes(value.length)) fail(`${key} must be ${wanted}, received ${value.length}`);
}

function scaler(
  metadata: Readonly<Record<string, unknown>>,
  key: string,
  width: number | null,
  per: string,
  fail: (message: string) => never,
): void {
  if (metadata[key] === undefined) return;
  let fitted: StandardScaler;
  try {
    fitted = StandardScaler.fromJSON(metadata[key]);
  } catch (error) {
    if (!(error instanceof ScratchnetError)) throw error;
    return fail(`${key}: ${error.message}`);
  }
  const length = fitted.mean?.length ?? 0;
  if (width !== null && length !== width) fail(`${key} must have one mean and scale per ${per} (${width}), received ${length}`);
}
