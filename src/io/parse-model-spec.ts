import { ModelFileError, ShapeError } from '../errors.js';
import { findLayerKind, layerTypes } from '../layers/registry.js';
import type { LayerSpec } from '../layers/layer-spec.js';
import { inferShapes } from '../layers/shape-inference.js';
import { SpecReader, showValue, type NumberRule } from '../layers/spec-reader.js';
import type { AccuracySpec, LossSpec, ModelSpec, OptimizerSpec } from '../model/architecture.js';

/** The most dimensions a per-sample input shape may have. */
const MAX_INPUT_RANK = 8;

/**
 * Checks untrusted JSON (a model file's `architecture`) against the ModelSpec
 * types field by field, so that nothing unchecked reaches `Model.fromSpec`:
 * each layer by its kind's `parse` (types from the layer registry), numbers
 * finite and in range, and every layer taking the shape the one before it
 * gives. Throws a ModelFileError whose message starts with `source`.
 *
 * ```ts
 * parseModelSpec(JSON.parse(text), 'model.safetensors');   // ModelSpec, or throws
 * ```
 */
export function parseModelSpec(value: unknown, source: string): ModelSpec {
  const fail = (message: string): never => {
    throw new ModelFileError(`${source}: architecture ${message}`);
  };
  const spec = SpecReader.record(value, 'must be a JSON object', fail);
  if (spec.format !== 'scratchnet') fail(`format must be "scratchnet", received ${showValue(spec.format)}`);
  if (spec.version !== 1) fail(`version must be 1, received ${showValue(spec.version)}`);
  if (!Array.isArray(spec.layers)) return fail(`layers must be an array, received ${showValue(spec.layers)}`);
  const layers = spec.layers.map((layer, index) => parseLayer(layer, `layer ${index}`, fail));
  const result: ModelSpec = { format: 'scratchnet', version: 1, layers };
  if (spec.inputShape !== undefined) result.inputShape = parseInputShape(spec.inputShape, fail);
  if (spec.loss !== undefined) result.loss = parseLoss(spec.loss, fail);
  if (spec.optimizer !== undefined) result.optimizer = parseOptimizer(spec.optimizer, fail);
  if (spec.accuracy !== undefined) result.accuracy = parseAccuracy(spec.accuracy, fail);
  try {
    inferShapes(`${source}: architecture`, layers, result.inputShape);
  } catch (error) {
    if (error instanceof ShapeError) throw new ModelFileError(error.message);
    throw error;
  }
  return result;
}

type Fail = (message: string) => never;

function parseLayer(value: unknown, where: string, fail: Fail): LayerSpec {
  const type = SpecReader.record(value, `${where} must be an object with a "type"`, fail).type;
  const kind = typeof type === 'string' ? findLayerKind(type) : undefined;
  if (kind === undefined) return fail(`${where} has unknown type ${showValue(type)} (known: ${layerTypes().join(', ')})`);
  return kind.parse(new SpecReader(value, `${where} (${kind.type})`, fail));
}

function parseInputShape(value: unknown, fail: Fail): number[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_INPUT_RANK || !value.every((d) => Number.isSafeInteger(d) && d >= 1)) {
    return fail(`inputShape must be 1 to ${MAX_INPUT_RANK} integers >= 1, received ${showValue(value)}`);
  }
  return value as number[];
}

const LOSS_TYPES: readonly LossSpec['type'][] = [
  'CategoricalCrossentropy',
  'BinaryCrossentropy',
  'MeanSquaredError',
  'MeanAbsoluteError',
];

function parseLoss(value: unknown, fail: Fail): LossSpec {
  const loss = SpecReader.record(value, 'loss must be an object with a "type"', fail);
  if (!(LOSS_TYPES as readonly unknown[]).includes(loss.type)) {
    return fail(`loss has unknown type ${showValue(loss.type)} (known: ${LOSS_TYPES.join(', ')})`);
  }
  return { type: loss.type as LossSpec['type'] };
}

/** Each optimizer's numeric fields besides learningRate and decay. */
const OPTIMIZER_FIELDS: Record<OptimizerSpec['type'], Partial<Record<string, NumberRule>>> = {
  SGD: { momentum: 'nonNegative' },
  Adagrad: { epsilon: 'positive' },
  RMSprop: { epsilon: 'positive', rho: 'probability' },
  Adam: { epsilon: 'positive', beta1: 'probability', beta2: 'probability' },
};

function parseOptimizer(value: unknown, fail: Fail): OptimizerSpec {
  const type = SpecReader.record(value, 'optimizer must be an object with a "type"', fail).type;
  if (typeof type !== 'string' || !Object.hasOwn(OPTIMIZER_FIELDS, type)) {
    return fail(`optimizer has unknown type ${showValue(type)} (known: ${Object.keys(OPTIMIZER_FIELDS).join(', ')})`);
  }
  const reader = new SpecReader(value, `optimizer (${type})`, fail);
  const fields: Record<string, NumberRule> = { learningRate: 'positive', decay: 'nonNegative' };
  Object.assign(fields, OPTIMIZER_FIELDS[type as OptimizerSpec['type']]);
  const result: Record<string, unknown> = { type };
  for (const [key, rule] of Object.entries(fields)) result[key] = reader.number(key, rule);
  return result as unknown as OptimizerSpec;
}

function parseAccuracy(value: unknown, fail: Fail): AccuracySpec {
  const accuracy = SpecReader.record(value, 'accuracy must be an object with a "type"', fail);
  switch (accuracy.type) {
    case 'CategoricalAccuracy':
    case 'BinaryAccuracy':
      return { type: accuracy.type };
    case 'RegressionAccuracy': {
      const reader = new SpecReader(accuracy, 'accuracy (RegressionAccuracy)', fail);
      return {
        type: 'RegressionAccuracy',
        precision: accuracy.precision === null ? null : reader.number('precision', 'positive'),
        divisor: reader.number('divisor', 'positive'),
      };
    }
    default:
      return fail(
        `accuracy has unknown type ${showValue(accuracy.type)} (known: CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy)`,
      );
  }
}
