import { getBackend } from '../backend/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { activationKind } from './activation-kind.js';
import { ActivationBase } from './base.js';

/**
 * The identity, the output activation for regression: y = x; dInputs = dValues.
 * Both are copies, so later in-place work on one never changes the other.
 * Shapes: any; output has the input's shape. Predictions are the outputs.
 *
 * ```ts
 * const activation3 = new Linear();
 * activation3.forward(dense3.output);       // the values unchanged
 * ```
 */
export class Linear extends ActivationBase {
  readonly type = 'Linear' as const;

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().copy(inputs.data, output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().copy(dValues.data, dInputs.data);
  }
}

/** Linear as model files and the exporters know it: no ONNX node (the identity), Keras activation 'linear'. */
export const linearKind = activationKind('Linear', { create: () => new Linear(), onnxOp: null, keras: 'linear' });
