import { getBackend } from '../backend/registry.js';
import type { LossSpec } from '../model/architecture.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { CROSS_ENTROPY_EPSILON } from './categorical-crossentropy.js';
import { Loss } from './loss.js';
import { valueTargets } from './targets.js';

/**
 * Binary cross-entropy, one independent yes/no per output:
 * L_i = mean_j −(t_ij·log ŷ_ij + (1 − t_ij)·log(1 − ŷ_ij)), ŷ clipped to
 * [ε, 1 − ε] (CROSS_ENTROPY_EPSILON). Backward: dInputs = −(t/ŷ − (1 − t)/(1 − ŷ)) / outputs / batch.
 * Shapes: yPred [batch, outputs] (sigmoid outputs), yTrue 0/1 of the same
 * shape (or [batch] for one output); per-sample losses [batch].
 *
 * ```ts
 * const lossFunction = new BinaryCrossentropy();
 * lossFunction.calculate(activation2.output, y);          // y: [batch, 1] of 0/1
 * ```
 */
export class BinaryCrossentropy extends Loss {
  forward(yPred: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { rows, cols } = valueTargets('BinaryCrossentropy', yPred, yTrue);
    const losses = this.lossesFor(yPred, rows);
    getBackend().binaryCrossentropy(yPred.data, yTrue.data, rows, cols, CROSS_ENTROPY_EPSILON, losses.data);
    return losses;
  }

  backward(dValues: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { rows, cols } = valueTargets('BinaryCrossentropy', dValues, yTrue);
    this.dInputsFor(dValues);
    getBackend().binaryCrossentropyBackward(dValues.data, yTrue.data, rows, cols, CROSS_ENTROPY_EPSILON, this.dInputs.data);
    return this.dInputs;
  }

  toSpec(): LossSpec {
    return { type: 'BinaryCrossentropy' };
  }
}
