import { leakyReluKind } from '../activations/leaky-relu.js';
import { linearKind } from '../activations/linear.js';
import { reluKind } from '../activations/relu.js';
import { sigmoidKind } from '../activations/sigmoid.js';
import { softmaxKind } from '../activations/softmax.js';
import { tanhKind } from '../activations/tanh.js';
import { ArgumentError } from '../errors.js';
import { conv2dKind } from './conv-2d.js';
import { denseKind } from './dense.js';
import { dropoutKind } from './dropout.js';
import { flattenKind } from './flatten.js';
import { maxPool2dKind } from './max-pool-2d.js';
import type { Layer } from './layer.js';
import type { LayerKind } from './layer-kind.js';
import type { LayerSpec } from './layer-spec.js';

/**
 * The layer kinds scratchnet ships, one line each. A new layer type is its
 * own file (the layer class and its `LayerKind`) plus one line here.
 */
const BUILTIN_KINDS = [
  denseKind,
  dropoutKind,
  reluKind,
  sigmoidKind,
  softmaxKind,
  linearKind,
  tanhKind,
  leakyReluKind,
  flattenKind,
  conv2dKind,
  maxPool2dKind,
] as const;

/** The spec type a kind declares. */
export type SpecOf<K> = K extends LayerKind<infer S> ? S : never;

/** The exact spec of every built-in layer type, as a union discriminated by `type`. */
export type BuiltinLayerSpec = SpecOf<(typeof BUILTIN_KINDS)[number]>;

/** The built-in spec of `type` (`BuiltinSpec<'Dense'>` is DenseSpec). */
export type BuiltinSpec<T extends BuiltinLayerSpec['type']> = Extract<BuiltinLayerSpec, { type: T }>;

const kinds = new Map<string, LayerKind>(BUILTIN_KINDS.map((kind) => [kind.type, kind as unknown as LayerKind]));

/**
 * Adds a layer type of your own, as Keras custom objects and TF.js'
 * `registerClass` do: models holding it then build, summarise, save and load
 * like any other (ONNX and TF.js export too, if the kind maps them).
 * A type name can be registered once; built-in names are taken.
 *
 * ```ts
 * registerLayer<ScaleSpec>({ type: 'Scale', parse: (r) => ({ type: 'Scale', factor: r.number('factor', 'finite') }),
 *   create: (spec) => new Scale(spec.factor), … });
 * ```
 */
export function registerLayer<S extends LayerSpec>(kind: LayerKind<S>): void {
  if (typeof kind?.type !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(kind.type)) {
    throw new ArgumentError(`registerLayer: type must be a name of letters, digits and _, received ${JSON.stringify(kind?.type)}`);
  }
  if (kinds.has(kind.type)) throw new ArgumentError(`registerLayer: layer type "${kind.type}" is registered already`);
  kinds.set(kind.type, kind as unknown as LayerKind);
}

/** The kind registered for `type`, or undefined. */
export function findLayerKind(type: string): LayerKind | undefined {
  return kinds.get(type);
}

/** The kind registered for `type`; an ArgumentError naming the known types otherwise. */
export function layerKind(type: string, where = 'layer'): LayerKind {
  const kind = kinds.get(type);
  if (kind === undefined) {
    throw new ArgumentError(`${where} has unknown type ${JSON.stringify(type)} (known: ${layerTypes().join(', ')}; register others with registerLayer)`);
  }
  return kind;
}

/** Every registered type name, built-ins first. */
export function layerTypes(): string[] {
  return [...kinds.keys()];
}

/** Every registered kind, built-ins first. */
export function layerKinds(): LayerKind[] {
  return [...kinds.values()];
}

/** Builds the layer a spec describes (weights freshly initialised). */
export function layerFromSpec(spec: LayerSpec, index = 0): Layer {
  return layerKind(spec.type, `layers[${index}]`).create(spec);
}
