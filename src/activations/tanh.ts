import { getBackend } from '../backend/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { activationKind } from './activation-kind.js';
import { ActivationBase } from './base.js';

/**
 * Hyperbolic tangent: y = tanh x; dInputs = dValues · (1 − y²), from the saved output.
 * Shapes: any; output has the input's shape. Predictions are the outputs.
 *
 * ```ts
 * const activation1 = new Tanh();
 * activation1.forward(dense1.output);       // values in (−1, 1)
 * ```
 */
export class Tanh extends ActivationBase {
  readonly type = 'Tanh' as const;

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().tanh(inputs.data, output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().tanhBackward(dValues.data, this.output.data, dInputs.data);
  }
}

/** Tanh as model files and the exporters know it: ONNX `Tanh`, Keras activation 'tanh'. */
export const tanhKind = activationKind('Tanh', { create: () => new Tanh(), onnxOp: 'Tanh', keras: 'tanh' });
