import { ShapeError } from '../errors.js';
import type { LayerKind } from './layer-kind.js';
import { formatBatchShape, type LayerSpec, type Shape } from './layer-spec.js';
import { findLayerKind } from './registry.js';
import { ShapeMismatch } from './shape-checks.js';

/** The label of a spec (`Dense(2→64)`), or its bare type when no kind is registered for it. */
export function labelOf(spec: LayerSpec): string {
  return findLayerKind(spec.type)?.label(spec) ?? spec.type;
}

/**
 * The per-sample input shape a chain of layers needs, as far as its specs
 * tell (`[784]` for Dense(784→…), `[?, ?, 1]` for Conv2D(1→…)): walked from
 * the last layer back, so layers that keep shapes (Dropout, activations)
 * pass on what the layer after them needs.
 */
export function requiredInputShape(specs: readonly LayerSpec[]): Shape {
  let needed: Shape = null;
  for (let i = specs.length - 1; i >= 0; i--) needed = findLayerKind(specs[i].type)?.inputShape(specs[i], needed) ?? null;
  return needed;
}

/**
 * Walks a chain of layers from a per-sample `input` shape (by default the one
 * the first layer requires) with each kind's `outputShape`, and returns every
 * layer's output shape. A layer that cannot take what the one before it gives
 * throws a ShapeError naming both layers and both shapes:
 * `Model: Flatten → Dense(800→128) (layers 6 → 7): Flatten gives [batch, 1352], Dense expects 800 columns`.
 * A layer type without a registered kind gives an unknown (`null`) shape.
 */
export function inferShapes(owner: string, specs: readonly LayerSpec[], input: Shape = requiredInputShape(specs)): Shape[] {
  const outputs: Shape[] = [];
  let shape = input;
  specs.forEach((spec, index) => {
    const kind: LayerKind | undefined = findLayerKind(spec.type);
    try {
      shape = kind === undefined ? null : kind.outputShape(spec, shape);
    } catch (error) {
      if (!(error instanceof ShapeMismatch)) throw error;
      const before = index === 0 ? 'the input' : labelOf(specs[index - 1]);
      const from = index === 0 ? 'input' : labelOf(specs[index - 1]);
      const where = index === 0 ? `layer 0` : `layers ${index - 1} → ${index}`;
      throw new ShapeError(
        `${owner}: ${from} → ${labelOf(spec)} (${where}): ${before} gives ${formatBatchShape(shape)}, ${spec.type} ${error.message}`,
      );
    }
    outputs.push(shape);
  });
  return outputs;
}
