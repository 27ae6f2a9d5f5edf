import { getBackend } from '../backend/registry.js';
import { checkNumber } from '../errors.js';
import type { TrainableLayer } from './layer.js';
import type { Initializer, InitializerOptions } from './initializer.js';
import type { TfjsLayerDecoder } from './layer-kind.js';
import { SpecReader, showValue } from './spec-reader.js';

/** The L1/L2 strengths of a layer with weights and biases; 0 is off. */
export type Regularizers = {
  /** λ of the L1 penalty λ·Σ|w| on the weights. */
  weightRegularizerL1: number;
  /** λ of the L2 penalty λ·Σw² on the weights. */
  weightRegularizerL2: number;
  /** λ of the L1 penalty on the biases. */
  biasRegularizerL1: number;
  /** λ of the L2 penalty on the biases. */
  biasRegularizerL2: number;
};

/** The spec fields every layer with weights and biases has (Dense, Conv2D). */
export type WeightOptionsSpec = { initializer: Initializer } & Regularizers;

const REGULARIZERS = ['weightRegularizerL1', 'weightRegularizerL2', 'biasRegularizerL1', 'biasRegularizerL2'] as const;

/** The initializer and regularizers a hand-written config may leave out: the book's 0.01·randn, no penalties. */
export const WEIGHT_DEFAULTS: Readonly<WeightOptionsSpec> = {
  initializer: { kind: 'book', scale: 0.01 },
  weightRegularizerL1: 0,
  weightRegularizerL2: 0,
  biasRegularizerL1: 0,
  biasRegularizerL2: 0,
};

/** A constructor's regularizer options, checked (each a finite number >= 0, default 0). */
export function checkRegularizers(owner: string, options: Partial<Regularizers>): Regularizers {
  const [weightRegularizerL1, weightRegularizerL2, biasRegularizerL1, biasRegularizerL2] = REGULARIZERS.map((key) =>
    checkNumber(owner, key, options[key] ?? 0, 'nonNegative'),
  );
  return { weightRegularizerL1, weightRegularizerL2, biasRegularizerL1, biasRegularizerL2 };
}

/** The initializer and regularizers of an untrusted spec. */
export function readWeightOptions(reader: SpecReader): WeightOptionsSpec {
  const [weightRegularizerL1, weightRegularizerL2, biasRegularizerL1, biasRegularizerL2] = REGULARIZERS.map((key) =>
    reader.number(key, 'nonNegative'),
  );
  return { initializer: reader.initializer(), weightRegularizerL1, weightRegularizerL2, biasRegularizerL1, biasRegularizerL2 };
}

/** The constructor options of a layer with weights and biases. */
export type WeightOptions = InitializerOptions & Partial<Regularizers>;

/** The constructor options that rebuild `spec`'s initializer and regularizers (defaults left out). */
export function weightOptions(spec: WeightOptionsSpec): WeightOptions {
  const options: WeightOptions = {};
  if (spec.initializer.kind !== 'book') options.initializer = spec.initializer.kind;
  else if (spec.initializer.scale !== 0.01) options.scale = spec.initializer.scale;
  for (const key of REGULARIZERS) if (spec[key] > 0) options[key] = spec[key];
  return options;
}

/** Constructor options as TypeScript source with a leading comma (`, { scale: 0.1 }`), `''` for none. */
export function optionsSource(options: object): string {
  const entries = Object.entries(options).map(([key, value]) => `${key}: ${typeof value === 'string' ? `'${value}'` : String(value)}`);
  return entries.length === 0 ? '' : `, { ${entries.join(', ')} }`;
}

/** Keras `L1L2` regularizers (the same penalty l1·Σ|w| + l2·Σw² as the book's), `null` when off. */
export function kerasRegularizers(spec: Regularizers): { kernel_regularizer: object | null; bias_regularizer: object | null } {
  const json = (l1: number, l2: number) => (l1 === 0 && l2 === 0 ? null : { class_name: 'L1L2', config: { l1, l2 } });
  return {
    kernel_regularizer: json(spec.weightRegularizerL1, spec.weightRegularizerL2),
    bias_regularizer: json(spec.biasRegularizerL1, spec.biasRegularizerL2),
  };
}

/** The regularizers of a Keras layer config (`kernel_regularizer`, `bias_regularizer`: L1L2, L1 or L2). */
export function readKerasRegularizers(decoder: TfjsLayerDecoder): Regularizers {
  const read = (key: string): [number, number] => {
    const json = decoder.config.fields[key];
    if (json === null || json === undefined) return [0, 0];
    const fail = () => decoder.config.fail(`${decoder.described} has ${key} ${showValue(json)}; only L1L2/L1/L2 are supported`);
    const regularizer = SpecReader.record(json, `${decoder.described} ${key} must be an object`, decoder.config.fail);
    if (!['L1L2', 'L1', 'L2'].includes(String(regularizer.class_name))) return fail();
    const config = SpecReader.record(regularizer.config ?? {}, `${decoder.described} ${key} config must be an object`, decoder.config.fail);
    const inner = new SpecReader({ l1: 0, l2: 0, ...config }, `${decoder.described} ${key}`, decoder.config.fail);
    return [inner.number('l1', 'nonNegative'), inner.number('l2', 'nonNegative')];
  };
  const [weightRegularizerL1, weightRegularizerL2] = read('kernel_regularizer');
  const [biasRegularizerL1, biasRegularizerL2] = read('bias_regularizer');
  return { weightRegularizerL1, weightRegularizerL2, biasRegularizerL1, biasRegularizerL2 };
}

/** Adds the penalties' gradients λ1·sign(p) + 2·λ2·p (sign(0) = 1, as the book) to a layer's dWeights and dBiases. */
export function addRegularizationGradients(layer: TrainableLayer): void {
  const backend = getBackend();
  if (layer.weightRegularizerL1 > 0 || layer.weightRegularizerL2 > 0) {
    backend.addRegularizationGradient(layer.weights.data, layer.weightRegularizerL1, layer.weightRegularizerL2, layer.dWeights.data);
  }
  if (layer.biasRegularizerL1 > 0 || layer.biasRegularizerL2 > 0) {
    backend.addRegularizationGradient(layer.biases.data, layer.biasRegularizerL1, layer.biasRegularizerL2, layer.dBiases.data);
  }
}
