import { getBackend } from '../backend/registry.js';
import { widest } from '../layers/precision.js';
import type { LossSpec } from '../model/architecture.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
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
  private readonly lossSpace = new Workspace();
  private readonly dInputsSpace = new Workspace();

  forward(yPred: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    const { rows, cols } = valueTargets('MeanSquaredError', yPred, yTrue);
    const losses = this.lossSpace.get([rows], widest(yPred.data));
    getBackend().meanSquaredError(yPred.data, yTrue.data, rows, cols, losses.data);
    return losses;
  }

  backward(dValues: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    const { rows, cols } = valueTargets('MeanSquaredError', dValues, yTrue);
    this.dInputs = this.dInputsSpace.get(dValues.shape, widest(dValues.data));
    getBackend().meanSquaredErrorBackward(dValues.data, yTrue.data, rows, cols, this.dInputs.data);
    return this.dInputs;
  }

  toSpec(): LossSpec {
    return { type: 'MeanSquaredError' };
  }
}
