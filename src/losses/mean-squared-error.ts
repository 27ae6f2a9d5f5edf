import { getBackend } from '../backend/registry.js';
import type { LossSpec } from '../model/architecture.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { Loss } from './loss.js';
import { valueTargets } from './targets.js';

/**
 * Mean squared error (L2 loss): L_i = mean_j (t_ij − ŷ_ij)².
 * Backward: dInputs = −2·(t − ŷ) / outputs / batch.
 * Shapes: yPred [batch, outputs], yTrue the same (or [batch] for one output);
 * per-sample losses [batch].
 *
 * ```ts
 * const lossFunction = new MeanSquaredError();
 * lossFunction.calculate(activation3.output, y);          // sine regression
 * ```
 */
export class MeanSquaredError extends Loss {
  forward(yPred: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { rows, cols } = valueTargets('MeanSquaredError', yPred, yTrue);
    const losses = this.lossesFor(yPred, rows);
    getBackend().meanSquaredError(yPred.data, yTrue.data, rows, cols, losses.data);
    return losses;
  }

  backward(dValues: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { rows, cols } = valueTargets('MeanSquaredError', dValues, yTrue);
    this.dInputsFor(dValues);
    getBackend().meanSquaredErrorBackward(dValues.data, yTrue.data, rows, cols, this.dInputs.data);
    return this.dInputs;
  }

  toSpec(): LossSpec {
    return { type: 'MeanSquaredError' };
  }
}
