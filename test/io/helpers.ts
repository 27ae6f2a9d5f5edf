import { headerChecksum } from '../../src/io/header-checksum.js';
import { encodeModelFile, type ModelFileContents } from '../../src/io/model-file.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import type { LayerSpec } from '../../src/layers/layer-spec.js';
import type { ModelSpec } from '../../src/model/architecture.js';
import { Model } from '../../src/model/model.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor, type NumericArray } from '../../src/tensor/tensor.js';

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

/** A Conv2D layer spec [kh, kw] with the book's initializer and no regularization. */
export function conv2d(
  inChannels: number,
  filters: number,
  kernelSize: [number, number],
  options: { stride?: [number, number]; padding?: 'valid' | 'same' } = {},
): LayerSpec {
  return {
    type: 'Conv2D',
    inChannels,
    filters,
    kernelSize,
    stride: options.stride ?? [1, 1],
    padding: options.padding ?? 'valid',
    initializer: { kind: 'book', scale: 0.01 },
    weightRegularizerL1: 0,
    weightRegularizerL2: 0,
    biasRegularizerL1: 0,
    biasRegularizerL2: 0,
  };
}

/** A MaxPool2D layer spec; the stride defaults to the pool size. */
export function maxPool2d(poolSize: [number, number], options: { stride?: [number, number]; padding?: 'valid' | 'same' } = {}): LayerSpec {
  return { type: 'MaxPool2D', poolSize, stride: options.stride ?? poolSize, padding: options.padding ?? 'valid' };
}

/**
 * A scratchnet Model of `layers` whose weights and biases are standard normal
 * (not the book's 0.01, so every activation sees inputs of order 1), with
 * its spec and named tensors as the exporters take them. `inputShape` is the
 * per-sample shape of image models (`[12, 12, 1]`), which exporters need.
 */
export function randomModel(layers: LayerSpec[], seed = 0, inputShape?: number[]): { model: Model; spec: ModelSpec; tensors: Map<string, Tensor> } {
  const spec: ModelSpec = { format: 'scratchnet', version: 1, layers, ...(inputShape === undefined ? {} : { inputShape }) };
  const model = Model.fromSpec(spec);
  const generator = new RandomGenerator(seed);
  const tensors = new Map<string, Tensor>();
  for (const [name, parameter] of model.namedParameters()) {
    parameter.value.data.set(generator.randn(parameter.value.data.length));
    tensors.set(name, parameter.value);
  }
  return { model, spec: model.toSpec(), tensors };
}

/**
 * `randomModel` for image models: the weights divided by √fan-in (every
 * dimension of a kernel but the last), so activations stay of order 1
 * through the layers and a closing softmax does not saturate to one-hot,
 * which would hide differences. Biases stay standard normal.
 */
export function randomCnn(layers: LayerSpec[], inputShape: number[], seed = 0): ReturnType<typeof randomModel> {
  const random = randomModel(layers, seed, inputShape);
  for (const [name, tensor] of random.tensors) {
    if (!name.endsWith('.weights')) continue;
    const scale = 1 / Math.sqrt(tensor.shape.slice(0, -1).reduce((a, b) => a * b, 1));
    for (let i = 0; i < tensor.data.length; i++) tensor.data[i] *= scale;
  }
  return random;
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

/**
 * A model file written by hand: `tensors` and `metadata` (typically a saved
 * file's, then edited) with the header checksum a scratchnet writer would
 * record, so a test reaches the check it is about rather than the checksum.
 */
export function handWritten(tensors: ReadonlyMap<string, Tensor<NumericArray>>, metadata: Readonly<Record<string, string>>): Uint8Array {
  return encodeSafetensors(tensors, { ...metadata, checksum: headerChecksum(metadata, tensors) });
}

/** A good model file (`encodeModelFile(contents)`) with its tensors and metadata changed by `edit`, written back by hand. */
export function editedModelFile(
  contents: ModelFileContents,
  edit: (tensors: Map<string, Tensor<NumericArray>>, metadata: Record<string, string>) => void,
): Uint8Array {
  const { tensors, metadata } = decodeSafetensors(encodeModelFile(contents));
  edit(tensors, metadata);
  return handWritten(tensors, metadata);
}
