import type { LayerSpec } from '../../src/layers/layer-spec.js';
import type { ModelSpec } from '../../src/model/architecture.js';
import { Model } from '../../src/model/model.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** A Dense layer spec with the book's initializer and no regularization. */
export function dense(inputs: number, units: number): LayerSpec {
  return {
    type: 'Dense',
    inputs,
    units,
    initializer: { kind: 'book', scale: 0.01 },
    weightRegularizerL1: 0,
    weightRegularizerL2: 0,
    biasRegularizerL1: 0,
    biasRegularizerL2: 0,
  };
}

/**
 * A scratchnet Model of `layers` whose weights and biases are standard normal
 * (not the book's 0.01, so every activation sees inputs of order 1), with
 * its spec and named tensors as the exporters take them.
 */
export function randomModel(layers: LayerSpec[], seed = 0): { model: Model; spec: ModelSpec; tensors: Map<string, Tensor> } {
  const spec: ModelSpec = { format: 'scratchnet', version: 1, layers };
  const model = Model.fromSpec(spec);
  const generator = new RandomGenerator(seed);
  const tensors = new Map<string, Tensor>();
  for (const [name, parameter] of model.namedParameters()) {
    parameter.value.data.set(generator.randn(parameter.value.data.length));
    tensors.set(name, parameter.value);
  }
  return { model, spec: model.toSpec(), tensors };
}

/** Random float32 inputs [rows, columns] with entries of order `scale`. */
export function randomInputs(rows: number, columns: number, seed = 1, scale = 1): Tensor<Float32Array> {
  const data = new RandomGenerator(seed).randn(rows * columns);
  for (let i = 0; i < data.length; i++) data[i] *= scale;
  return new Tensor([rows, columns], data);
}

/** Largest |a − b| over two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Random float32 NHWC images [count, height, width, channels] with entries of order `scale`. */
export function randomImages(shape: readonly [number, number, number, number], seed = 1, scale = 1): Tensor<Float32Array> {
  const data = new RandomGenerator(seed).randn(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] *= scale;
  return new Tensor([...shape], data);
}
