import { ArgumentError, ShapeError, formatShape } from '../errors.js';
import { formatBatchShape, type LayerSpec } from '../layers/layer-spec.js';
import { layerKind } from '../layers/registry.js';
import { inferShapes, labelOf, requiredInputShape } from '../layers/shape-inference.js';
import type { ModelSpec } from '../model/architecture.js';
import type { Tensor } from '../tensor/tensor.js';

/** Tensors by name, as `model.namedParameters()` lists them: `layers.<i>.weights`, `layers.<i>.biases`. */
export type NamedTensors = ReadonlyMap<string, Tensor>;

/**
 * The parameters of layer `index` by name (`weights`, `biases`), checked
 * against the shapes its kind declares, so exporters never write a file whose
 * shapes disagree with its architecture.
 */
export function layerParameters(owner: string, layer: LayerSpec, index: number, tensors: NamedTensors): Map<string, Tensor> {
  const found = new Map<string, Tensor>();
  for (const { name, shape } of layerKind(layer.type).parameters(layer)) {
    const key = `layers.${index}.${name}`;
    const tensor = tensors.get(key);
    if (tensor === undefined) throw new ArgumentError(`${owner}: tensor ${key} of ${labelOf(layer)} is missing`);
    if (formatShape(tensor.shape) !== formatShape(shape)) {
      throw new ShapeError(`${owner}: tensor ${key} of ${labelOf(layer)} must have shape ${formatShape(shape)}, received ${formatShape(tensor.shape)}`);
    }
    found.set(name, tensor);
  }
  return found;
}

/**
 * The per-sample input shape and every layer's output shape, all fully known
 * (an exported graph declares them): from `spec.inputShape`, else from what
 * the first layer requires.
 */
export function exportShapes(owner: string, spec: ModelSpec): { input: number[]; outputs: number[][] } {
  const input = spec.inputShape ?? requiredInputShape(spec.layers);
  if (input === null || input.includes(null)) {
    throw new ArgumentError(
      `${owner}: the model's input shape ${formatBatchShape(input)} is not fully known; set model.inputShape (e.g. [28, 28, 1]) or train the model first`,
    );
  }
  const outputs = inferShapes(owner, spec.layers, input).map((shape, index) => {
    if (shape === null || shape.includes(null)) {
      throw new ArgumentError(`${owner}: layers.${index} ${labelOf(spec.layers[index])} has no registered kind that gives its output shape`);
    }
    return shape as number[];
  });
  return { input: input as number[], outputs };
}
