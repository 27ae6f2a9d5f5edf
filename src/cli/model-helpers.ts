import type { Shape } from '../layers/layer-spec.js';
import { inferShapes, labelOf, requiredInputShape } from '../layers/shape-inference.js';
import type { Model } from '../model/model.js';
import type { Tensor, NumericArray } from '../tensor/tensor.js';

/** The layers on one line: `Dense(784→128) ReLU Dense(128→10) Softmax`. */
export function describeLayers(model: Model): string {
  return model.toSpec().layers.map(labelOf).join(' ');
}

/** The values per sample the model takes and gives (`inputs` 784 for [28, 28, 1]); 0 where not known. */
export function modelWidths(model: Model): { inputs: number; outputs: number } {
  const { layers, inputShape } = model.toSpec();
  const input = inputShape ?? requiredInputShape(layers);
  const width = (shape: Shape): number => (shape === null || shape.includes(null) ? 0 : (shape as number[]).reduce((a, b) => a * b, 1));
  return { inputs: width(input), outputs: width(inferShapes('model', layers, input).at(-1) ?? input) };
}

/** Class ids (argmax of the output activation) for each row of `x`. */
export function predictClasses(model: Model, x: Tensor): NumericArray {
  const output = model.predict(x);
  const activation = model.outputActivation;
  return activation === undefined ? output.data : activation.predictions(output).data;
}
