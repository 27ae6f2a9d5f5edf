import type { Layer } from '../layers/layer.js';
import type { LayerKind, OnnxAttribute, TfjsMapping } from '../layers/layer-kind.js';

/** The spec of an activation without options: its type alone. */
export type PlainSpec<T extends string> = { type: T };

/** What sets one plain activation kind apart from another. */
export interface ActivationKindOptions<T extends string> {
  create(): Layer;
  /** Its ONNX operator (attribute-free), or `null` for the identity, which adds no node. */
  onnxOp: string | null;
  onnxAttributes?: Readonly<Record<string, OnnxAttribute>>;
  /** Its name as a Keras activation (`'relu'`): Dense's fused `activation` and the `Activation` layer. */
  keras: string;
  /** A Keras class of its own that also decodes to it (`ReLU`), with the config checks it needs. */
  kerasClass?: Pick<TfjsMapping<PlainSpec<T>>, 'classNames' | 'decode'>;
  /** When it takes only some input shapes (Softmax: one row of classes per sample). */
  outputShape?: LayerKind<PlainSpec<T>>['outputShape'];
}

/**
 * The kind of an activation function without options: any shape in, the same
 * shape out, no parameters, `new ReLU()`; ONNX `onnxOp`; Keras `Activation`.
 */
export function activationKind<T extends string>(type: T, options: ActivationKindOptions<T>): LayerKind<PlainSpec<T>> {
  return {
    type,
    parse: () => ({ type }),
    defaults: () => ({}),
    create: () => options.create(),
    inputShape: (_spec, next) => next,
    outputShape: options.outputShape ?? ((_spec, input) => input),
    label: () => type,
    parameters: () => [],
    source: () => `new ${type}()`,
    onnx: (_spec, graph) => {
      if (options.onnxOp !== null) graph.node(options.onnxOp, [], options.onnxAttributes);
    },
    tfjs: {
      activation: options.keras,
      classNames: options.kerasClass?.classNames ?? [],
      encode: (_spec, encoder) => ({ className: 'Activation', config: { name: encoder.layerName('activation'), activation: options.keras } }),
      decode: options.kerasClass?.decode ?? (() => [{ spec: { type } }]),
    },
  };
}
