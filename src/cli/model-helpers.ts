import type { Shape } from '../layers/layer-spec.js';
import { inferShapes, labelOf, requiredInputShape } from '../layers/shape-inference.js';
import type { Model } from '../model/model.js';
import type { Tensor, NumericArray } from '../tensor/tensor.js';

/**
 * Samples per forward pass when evaluate and predict go through many: it
 * bounds the memory a layer's buffers take (a CNN's im2col rows for all 10 000
 * Fashion-MNIST test images at once would need over 2 GB); the results are
 * the same as in one pass.
 */
export const INFERENCE_BATCH = 1000;

/** The layers on one line: `Dense(784→128) ReLU Dense(128→10) Softmax`. */
export function describeLayers(model: Model): string {
  return model.toSpec().layers.map(labelOf).join(' ');
}

/** The per-sample shape the model takes: its `inputShape`, else as far as its first layers tell (`[?, ?, 1]`). */
export function modelInputShape(model: Model): Shape {
  const { layers, inputShape } = model.toSpec();
  return inputShape ?? requiredInputShape(layers);
}

/** True when samples of shape `sample` are what `required` asks for (`?` sizes match any). */
export function fitsShape(required: Shape, sample: readonly number[]): boolean {
  return required === null || (required.length === sample.length && required.every((d, i) => d === null || d === sample[i]));
}

/** Values per sample of a shape; 0 where not known. */
function width(shape: Shape): number {
  return shape === null || shape.includes(null) ? 0 : (shape as number[]).reduce((a, b) => a * b, 1);
}

/** The values per sample the model takes and gives (`inputs` 784 for [28, 28, 1]); 0 where not known. */
export function modelWidths(model: Model): { inputs: number; outputs: number } {
  const input = modelInputShape(model);
  return { inputs: width(input), outputs: width(inferShapes('model', model.toSpec().layers, input).at(-1) ?? input) };
}

/**
 * `x` in the per-sample shape the model takes when it holds as many values
 * per sample: rows [N, 784] become images [N, 28, 28, 1] for a CNN whose
 * input shape is [28, 28, 1] (or `[?, ?, 1]`, before it has seen data, given
 * the data's `image` shape), and images become rows for a Dense model. A
 * reshape, nothing is copied. Anything else comes back as it is, for the
 * model's own shape check to report.
 */
export function samplesFor<T extends NumericArray>(model: Model, x: Tensor<T>, image?: readonly number[]): Tensor<T> {
  const required = modelInputShape(model);
  const sample = x.shape.slice(1);
  if (fitsShape(required, sample)) return x;
  const target = width(required) > 0 ? (required as number[]) : image !== undefined && fitsShape(required, image) ? image : undefined;
  return target !== undefined && width(target) === width(sample) ? x.reshape([x.shape[0], ...target]) : x;
}

/** Class ids (argmax of the output activation) for each row of `x`. */
export function predictClasses(model: Model, x: Tensor): NumericArray {
  const output = model.predict(x);
  const activation = model.outputActivation;
  return activation === undefined ? output.data : activation.predictions(output).data;
}
