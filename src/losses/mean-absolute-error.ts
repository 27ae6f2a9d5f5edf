import { getBackend } from '../backend/registry.js';
import type { LossSpec } from '../model/architecture.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { Loss } from './loss.js';
import { valueTargets } from './targets.js';

/**
 * Mean absolute error (L1 loss): L_i = mean_j |t_ij − ŷ_ij|.
 * Backward: dInputs = −sign(t − ŷ) / outputs / batch; the subgradient at t = ŷ is 0, as np.sign gives.
 * (The book's printed code drops the minus sign; the finite-difference check confirms this one.)
 * Shapes: yPred [batch, outputs], yTrue the same (or [batch] for one output);
 * per-sample losses [batch].
 *
 * ```ts
 * const lossFunction = new MeanAbsoluteError();
 * lossFunction.calculate(activation3.output, y);
 * ```
 */
export class MeanAbsoluteError extends Loss {
  forward(yPred: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { rows, cols } = valueTargets('MeanAbsoluteError', yPred, yTrue);
    const losses = this.lossesFor(yPred, rows);
    getBackend().meanAbsoluteError(yPred.data, yTrue.data, rows, cols, losses.data);
    return losses;
  }

  backward(dValues: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { rows, cols } = valueTargets('MeanAbsoluteError', dValues, yTrue);
    this.dInputsFor(dValues);
    getBackend().meanAbsoluteErrorBackward(dValues.data, yTrue.data, rows, cols, this.dInputs.data);
    return this.dInputs;
  }

  toSpec(): LossSpec {
    return { type: 'MeanAbsoluteError' };
  }
}
