import type { Model } from '../model/model.js';
import type { Tensor, NumericArray } from '../tensor/tensor.js';

/** The layers on one line: `Dense(784→128) ReLU Dense(128→10) Softmax`. */
export function describeLayers(model: Model): string {
  return model
    .toSpec()
    .layers.map((layer) => {
      if (layer.type === 'Dense') return `Dense(${layer.inputs}→${layer.units})`;
      if (layer.type === 'Dropout') return `Dropout(${layer.rate})`;
      return layer.type;
    })
    .join(' ');
}

/** The inputs of the first Dense layer and the units of the last (0 and 0 without Dense layers). */
export function denseWidths(model: Model): { inputs: number; outputs: number } {
  const dense = model.toSpec().layers.flatMap((layer) => (layer.type === 'Dense' ? [layer] : []));
  return { inputs: dense[0]?.inputs ?? 0, outputs: dense.at(-1)?.units ?? 0 };
}

/** Class ids (argmax of the output activation) for each row of `x`. */
export function predictClasses(model: Model, x: Tensor): NumericArray {
  const output = model.predict(x);
  const activation = model.outputActivation;
  return activation === undefined ? output.data : activation.predictions(output).data;
}
