import { getBackend } from '../backend/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { ActivationBase } from './base.js';

/**
 * Rectified linear unit: y = max(0, x); dInputs = dValues where x > 0, else 0.
 * At x = 0 the subgradient is taken as 0, as the book does (`inputs <= 0`).
 * Shapes: any; output has the input's shape. Predictions are the outputs.
 *
 * ```ts
 * const activation1 = new ReLU();
 * activation1.forward(dense1.output);       // negatives become 0
 * ```
 */
export class ReLU extends ActivationBase {
  readonly type = 'ReLU' as const;

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().relu(inputs.data, output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().reluBackward(dValues.data, this.inputs.data, dInputs.data);
  }
}
