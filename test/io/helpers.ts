import type { LayerSpec, ModelSpec } from '../../src/model/architecture.js';
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

/** A spec plus random tensors of order 1 (not the book's 0.01, so activations see varied inputs). */
export function randomModel(layers: LayerSpec[], seed = 0): { spec: ModelSpec; tensors: Map<string, Tensor> } {
  const generator = new RandomGenerator(seed);
  const tensors = new Map<string, Tensor>();
  layers.forEach((layer, i) => {
    if (layer.type !== 'Dense') return;
    tensors.set(`layers.${i}.weights`, new Tensor([layer.inputs, layer.units], generator.randn(layer.inputs * layer.units)));
    tensors.set(`layers.${i}.biases`, new Tensor([1, layer.units], generator.randn(layer.units)));
  });
  return { spec: { format: 'scratchnet', version: 1, layers }, tensors };
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
