import { ModelFileError } from '../errors.js';
import {
  LAYER_TYPES,
  type AccuracySpec,
  type Initializer,
  type LayerSpec,
  type LossSpec,
  type ModelSpec,
  type OptimizerSpec,
} from '../model/architecture.js';

/**
 * Checks untrusted JSON (a model file's `architecture`) against the ModelSpec
 * types field by field, so that nothing unchecked reaches `Model.fromSpec`.
 * Types come from closed lists; numbers must be finite and in range.
 * Throws a ModelFileError whose message starts with `source`.
 *
 * ```ts
 * parseModelSpec(JSON.parse(text), 'model.safetensors');   // ModelSpec, or throws
 * ```
 */
export function parseModelSpec(value: unknown, source: string): ModelSpec {
  const fail = (message: string): never => {
    throw new ModelFileError(`${source}: architecture ${message}`);
  };
  const spec = record(value, 'must be a JSON object', fail);
  if (spec.format !== 'scratchnet') fail(`format must be "scratchnet", received ${show(spec.format)}`);
  if (spec.version !== 1) fail(`version must be 1, received ${show(spec.version)}`);
  if (!Array.isArray(spec.layers)) return fail(`layers must be an array, received ${show(spec.layers)}`);
  const layers = spec.layers.map((layer, index) => parseLayer(layer, `layer ${index}`, fail));
  const result: ModelSpec = { format: 'scratchnet', version: 1, layers };
  if (spec.loss !== undefined) result.loss = parseLoss(spec.loss, fail);
  if (spec.optimizer !== undefined) result.optimizer = parseOptimizer(spec.optimizer, fail);
  if (spec.accuracy !== undefined) result.accuracy = parseAccuracy(spec.accuracy, fail);
  return result;
}

type Fail = (message: string) => never;
type Rule = 'finite' | 'nonNegative' | 'positive' | 'probability' | 'count';

function parseLayer(value: unknown, where: string, fail: Fail): LayerSpec {
  const layer = record(value, `${where} must be an object with a "type"`, fail);
  const type = layer.type;
  if (typeof type !== 'string' || !(LAYER_TYPES as readonly string[]).includes(type)) {
    return fail(`${where} has unknown type ${show(type)} (known: ${LAYER_TYPES.join(', ')})`);
  }
  const num = (key: string, rule: Rule) => number(layer, key, rule, `${where} (${type})`, fail);
  switch (type as LayerSpec['type']) {
    case 'Dense':
      return {
        type: 'Dense',
        inputs: num('inputs', 'count'),
        units: num('units', 'count'),
        initializer: parseInitializer(layer.initializer, `${where} (Dense)`, fail),
        weightRegularizerL1: num('weightRegularizerL1', 'nonNegative'),
        weightRegularizerL2: num('weightRegularizerL2', 'nonNegative'),
        biasRegularizerL1: num('biasRegularizerL1', 'nonNegative'),
        biasRegularizerL2: num('biasRegularizerL2', 'nonNegative'),
      };
    case 'Dropout':
      return { type: 'Dropout', rate: num('rate', 'probability') };
    case 'LeakyReLU':
      return { type: 'LeakyReLU', alpha: num('alpha', 'finite') };
    default:
      return { type } as LayerSpec;
  }
}

function parseInitializer(value: unknown, where: string, fail: Fail): Initializer {
  const initializer = record(value, `${where} initializer must be an object with a "kind"`, fail);
  if (initializer.kind === 'book') {
    return { kind: 'book', scale: number(initializer, 'scale', 'positive', `${where} initializer`, fail) };
  }
  if (initializer.kind === 'xavier' || initializer.kind === 'he') return { kind: initializer.kind };
  return fail(`${where} initializer has unknown kind ${show(initializer.kind)} (known: book, xavier, he)`);
}

const LOSS_TYPES: readonly LossSpec['type'][] = [
  'CategoricalCrossentropy',
  'BinaryCrossentropy',
  'MeanSquaredError',
  'MeanAbsoluteError',
];

function parseLoss(value: unknown, fail: Fail): LossSpec {
  const loss = record(value, 'loss must be an object with a "type"', fail);
  if (!(LOSS_TYPES as readonly unknown[]).includes(loss.type)) {
    return fail(`loss has unknown type ${show(loss.type)} (known: ${LOSS_TYPES.join(', ')})`);
  }
  return { type: loss.type as LossSpec['type'] };
}

/** Each optimizer's numeric fields besides learningRate and decay. */
const OPTIMIZER_FIELDS: Record<OptimizerSpec['type'], Partial<Record<string, Rule>>> = {
  SGD: { momentum: 'nonNegative' },
  Adagrad: { epsilon: 'positive' },
  RMSprop: { epsilon: 'positive', rho: 'probability' },
  Adam: { epsilon: 'positive', beta1: 'probability', beta2: 'probability' },
};

function parseOptimizer(value: unknown, fail: Fail): OptimizerSpec {
  const optimizer = record(value, 'optimizer must be an object with a "type"', fail);
  const type = optimizer.type;
  if (typeof type !== 'string' || !Object.hasOwn(OPTIMIZER_FIELDS, type)) {
    return fail(`optimizer has unknown type ${show(type)} (known: ${Object.keys(OPTIMIZER_FIELDS).join(', ')})`);
  }
  const where = `optimizer (${type})`;
  const fields: Record<string, Rule> = { learningRate: 'positive', decay: 'nonNegative' };
  Object.assign(fields, OPTIMIZER_FIELDS[type as OptimizerSpec['type']]);
  const result: Record<string, unknown> = { type };
  for (const [key, rule] of Object.entries(fields)) result[key] = number(optimizer, key, rule, where, fail);
  return result as unknown as OptimizerSpec;
}

function parseAccuracy(value: unknown, fail: Fail): AccuracySpec {
  const accuracy = record(value, 'accuracy must be an object with a "type"', fail);
  switch (accuracy.type) {
    case 'CategoricalAccuracy':
    case 'BinaryAccuracy':
      return { type: accuracy.type };
    case 'RegressionAccuracy':
      return {
        type: 'RegressionAccuracy',
        precision:
          accuracy.precision === null ? null : number(accuracy, 'precision', 'positive', 'accuracy (RegressionAccuracy)', fail),
        divisor: number(accuracy, 'divisor', 'positive', 'accuracy (RegressionAccuracy)', fail),
      };
    default:
      return fail(
        `accuracy has unknown type ${show(accuracy.type)} (known: CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy)`,
      );
  }
}

function record(value: unknown, message: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`${message}, received ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

const RULES: Record<Rule, [string, (x: number) => boolean]> = {
  finite: ['a finite number', () => true],
  nonNegative: ['a finite number >= 0', (x) => x >= 0],
  positive: ['a finite number > 0', (x) => x > 0],
  probability: ['a number in [0, 1)', (x) => x >= 0 && x < 1],
  count: ['an integer >= 1', (x) => Number.isSafeInteger(x) && x >= 1],
};

function number(owner: Record<string, unknown>, key: string, rule: Rule, where: string, fail: Fail): number {
  const value = owner[key];
  const [wanted, ok] = RULES[rule];
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    return fail(`${where} ${key} must be ${wanted}, received ${show(value)}`);
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
