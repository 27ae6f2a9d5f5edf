import { getBackend } from '../backend/registry.js';
import { checkNumber } from '../errors.js';
import type { LayerSpec } from '../model/architecture.js';
import type { Tensor } from '../tensor/tensor.js';
import { ActivationBase } from './base.js';

/**
 * Leaky ReLU: y = x for x > 0, else alpha·x; dInputs = dValues · (x > 0 ? 1 : alpha).
 * A small slope for negative inputs keeps their gradient from dying.
 * Shapes: any; output has the input's shape. Predictions are the outputs.
 *
 * ```ts
 * const activation1 = new LeakyReLU(0.01);
 * activation1.forward(dense1.output);       // negatives scaled by 0.01
 * ```
 */
export class LeakyReLU extends ActivationBase {
  readonly type = 'LeakyReLU' as const;
  /** The slope for negative inputs (default 0.01). */
  readonly alpha: number;

  constructor(alpha = 0.01) {
    super();
    this.alpha = checkNumber('LeakyReLU', 'alpha', alpha, 'nonNegative');
  }

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().leakyRelu(inputs.data, this.alpha, output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().leakyReluBackward(dValues.data, this.inputs.data, this.alpha, dInputs.data);
  }

  override toSpec(): LayerSpec {
    return { type: 'LeakyReLU', alpha: this.alpha };
  }
}
