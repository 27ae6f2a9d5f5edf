import type { Tensor } from '../tensor/tensor.js';
import type { Layer } from './layer.js';
import type { LayerSpec, Shape } from './layer-spec.js';
import type { SpecReader } from './spec-reader.js';

/** The name and shape of one parameter tensor a layer of some spec owns (`weights` [kh, kw, in, out]). */
export interface ParameterShape {
  readonly name: string;
  readonly shape: readonly number[];
}

/** An ONNX node attribute: a float, an int or a list of ints. */
export type OnnxAttribute = { float: number } | { int: number } | { ints: readonly number[] };

/** What a layer kind writes its ONNX nodes with (implemented by the ONNX exporter). */
export interface OnnxGraphBuilder {
  /** `layers.<index>`: the prefix of this layer's node and initializer names. */
  readonly name: string;
  /** The layer's input shape per sample, fully known (NHWC for images). */
  readonly inputShape: readonly number[];
  /**
   * Appends a node fed by the current value (then `extraInputs`); its output
   * becomes the current value. `suffix` tells apart several nodes of one layer.
   */
  node(opType: string, extraInputs?: readonly string[], attributes?: Readonly<Record<string, OnnxAttribute>>, suffix?: string): void;
  /** Adds a float32 initializer `<name>.<suffix>` and returns its name. */
  floatInitializer(suffix: string, dims: readonly number[], values: ArrayLike<number>): string;
  /** Adds an int64 initializer `<name>.<suffix>` (e.g. a Reshape target) and returns its name. */
  int64Initializer(suffix: string, dims: readonly number[], values: readonly number[]): string;
  /** The layer's parameter `name`, already checked against the spec's shapes. */
  parameter(name: string): Tensor;
}

/** What a layer kind writes its TF.js (Keras) layer with (implemented by the TF.js exporter). */
export interface TfjsLayerEncoder {
  /** The Keras layer name for a class prefix: `dense` → `dense_3` (3 = the layer's index). */
  layerName(prefix: string): string;
  /** Adds weight `<layer name>/<suffix>` (e.g. `kernel`) to the manifest, values row-major. */
  weight(layerName: string, suffix: string, shape: readonly number[], values: ArrayLike<number>): void;
  /** The layer's parameter `name`, already checked against the spec's shapes. */
  parameter(name: string): Tensor;
}

/** What a layer kind reads a TF.js (Keras) layer with (implemented by the TF.js importer). */
export interface TfjsLayerDecoder {
  /** The Keras layer's name (`dense_1`); its weights are `<name>/kernel`, `<name>/bias`. */
  readonly name: string;
  /** `layer conv2d_1 (Conv2D)`, for messages. */
  readonly described: string;
  /** The per-sample shape arriving at this layer, as far as known. */
  readonly inputShape: Shape;
  /** The Keras config's fields, checked as they are read; errors name the layer. */
  readonly config: SpecReader;
  /** Weight `<layer name>/<suffix>` of the manifest, marked as used; fails when missing. */
  weight(suffix: string): Tensor;
  /** The spec of the scratchnet activation whose Keras name is `name` (`'relu'`), or fail naming the supported ones. */
  activation(name: unknown): LayerSpec;
}

/** A layer decoded from TF.js: its spec and its parameters by name (`weights`, `biases`). */
export interface DecodedLayer {
  spec: LayerSpec;
  parameters?: Readonly<Record<string, Tensor>>;
}

/** How a kind maps to Keras layers in the TF.js layers format. */
export interface TfjsMapping<S extends LayerSpec> {
  /** Set on plain activation functions: the Keras `Activation` layer's name for it (`'relu'`). */
  readonly activation?: string;
  /** The Keras classes that decode to this kind (besides `Activation` with the name above). */
  readonly classNames: readonly string[];
  /** The Keras class and config for `spec`; weights go through the encoder. */
  encode(spec: S, encoder: TfjsLayerEncoder): { className: string; config: Record<string, unknown> };
  /** scratchnet layers for one Keras layer of a class in `classNames` (Keras fuses activations, hence a list). */
  decode(decoder: TfjsLayerDecoder): DecodedLayer[];
}

/**
 * Everything the rest of scratchnet knows about a layer type, declared once
 * in the layer's own file and collected by the registry (src/layers/registry.ts),
 * as Keras' `get_config`/`from_config`/`compute_output_shape` and TF.js'
 * `registerClass` do. Model, model files, the CLI, the playground and the
 * exporters ask the kind; none of them names a layer type.
 *
 * ```ts
 * export const flattenKind: LayerKind<FlattenSpec> = {
 *   type: 'Flatten', parse: () => ({ type: 'Flatten' }), create: () => new Flatten(), …
 * };
 * ```
 */
export interface LayerKind<S extends LayerSpec = LayerSpec> {
  /** The type name model files store (`spec.type`). */
  readonly type: S['type'];
  /** Checks an untrusted spec's fields (beyond `type`) and returns the spec. */
  parse(reader: SpecReader): S;
  /**
   * The fields a hand-written config (`--config`) may leave out, with their
   * defaults, given the fields it has (MaxPool2D's stride defaults to its
   * pool size). Model files always store every field.
   */
  defaults(fields: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>;
  /** A new layer for `spec`, weights freshly initialised. */
  create(spec: S): Layer;
  /**
   * The per-sample input shape this layer needs, as far as its spec tells,
   * given what the layers after it need from its output (`next`): Dense needs
   * `[inputs]` whatever follows, an activation needs what follows it needs.
   */
  inputShape(spec: S, next: Shape): Shape;
  /**
   * The per-sample output shape for `input`. A shape it cannot take throws
   * `mismatch('expects 800 columns')` (from shape-checks.ts); the caller adds
   * which layers and shapes were involved.
   */
  outputShape(spec: S, input: Shape): Shape;
  /** How summaries and messages name it: `Dense(784→128)`, `MaxPool2D(2×2)`. */
  label(spec: S): string;
  /** The parameter tensors a layer of this spec owns, in `parameters()` order (none for activations). */
  parameters(spec: S): ParameterShape[];
  /** TypeScript that builds the layer with the public API: `new Dense(2, 64, { scale: 0.1 })`. */
  source(spec: S): string;
  /** Writes the layer's inference nodes; `null` when ONNX export does not support it. */
  readonly onnx: ((spec: S, graph: OnnxGraphBuilder) => void) | null;
  /** The TF.js layers-format mapping; `null` when it has none. */
  readonly tfjs: TfjsMapping<S> | null;
}

/** True when `spec` is of `kind`'s type, narrowing it to that kind's spec: `isSpecOf(spec, denseKind) && spec.units`. */
export function isSpecOf<S extends LayerSpec>(spec: LayerSpec, kind: LayerKind<S>): spec is S {
  return spec.type === kind.type;
}
