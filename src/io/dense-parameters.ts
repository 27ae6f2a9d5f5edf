import { ArgumentError, ShapeError, formatShape } from '../errors.js';
import type { LayerSpec, ModelSpec } from '../model/architecture.js';
import type { Tensor } from '../tensor/tensor.js';

/** Tensors by name, as `model.namedParameters()` lists them: `layers.<i>.weights`, `layers.<i>.biases`. */
export type NamedTensors = ReadonlyMap<string, Tensor>;

type DenseSpec = Extract<LayerSpec, { type: 'Dense' }>;

/**
 * The weights [nIn, nOut] and biases [1, nOut] of Dense layer `index`,
 * checked against the spec, so exporters never write a file whose shapes
 * disagree with its architecture.
 */
export function denseParameters(
  owner: string,
  layer: DenseSpec,
  index: number,
  tensors: NamedTensors,
): { weights: Tensor; biases: Tensor } {
  const expected = {
    weights: [layer.inputs, layer.units],
    biases: [1, layer.units],
  };
  const found = { weights: undefined as Tensor | undefined, biases: undefined as Tensor | undefined };
  for (const kind of ['weights', 'biases'] as const) {
    const name = `layers.${index}.${kind}`;
    const tensor = tensors.get(name);
    if (tensor === undefined) {
      throw new ArgumentError(`${owner}: tensor ${name} of Dense(${layer.inputs}→${layer.units}) is missing`);
    }
    const shape = expected[kind];
    if (tensor.shape.length !== 2 || tensor.shape[0] !== shape[0] || tensor.shape[1] !== shape[1]) {
      throw new ShapeError(
        `${owner}: tensor ${name} of Dense(${layer.inputs}→${layer.units}) must have shape ${formatShape(shape)}, received ${formatShape(tensor.shape)}`,
      );
    }
    found[kind] = tensor;
  }
  return { weights: found.weights as Tensor, biases: found.biases as Tensor };
}

/**
 * Checks that consecutive Dense layers agree on widths and returns the
 * model's input and output widths (an exported graph declares both).
 */
export function denseWidths(owner: string, spec: ModelSpec): { inputs: number; outputs: number } {
  let inputs: number | undefined;
  let width: number | undefined;
  spec.layers.forEach((layer, index) => {
    if (layer.type !== 'Dense') return;
    if (width === undefined) inputs = layer.inputs;
    else if (layer.inputs !== width) {
      throw new ShapeError(
        `${owner}: layers.${index} Dense(${layer.inputs}→${layer.units}) expects ${layer.inputs} inputs, but the previous Dense layer gives ${width}`,
      );
    }
    width = layer.units;
  });
  if (inputs === undefined || width === undefined) {
    throw new ArgumentError(`${owner}: the model needs at least one Dense layer to define its input width, received layers [${spec.layers.map((l) => l.type).join(', ')}]`);
  }
  return { inputs, outputs: width };
}
