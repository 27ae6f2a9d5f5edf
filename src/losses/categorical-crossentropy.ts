import { getBackend } from '../backend/registry.js';
import type { LossSpec } from '../model/architecture.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { Loss } from './loss.js';
import { classTargets } from './targets.js';

/**
 * Where predictions are clipped before the log: [ε, 1 − ε] with ε = 1e-7, the
 * book's value. Clipping both ends keeps −log(0) = ∞ out of the loss without
 * pulling the mean towards either side.
 */
export const CROSS_ENTROPY_EPSILON = 1e-7;

/**
 * Categorical cross-entropy: L_i = −log ŷ_i,y_i (class ids), or
 * −log Σ_j ŷ_ij·t_ij (one-hot), with ŷ clipped to [ε, 1 − ε].
 * Backward: dInputs = −t / ŷ / batch (unclipped, as the book).
 * Shapes: yPred [batch, classes]; yTrue class ids [batch] in any numeric array
 * or one-hot [batch, classes]; per-sample losses [batch].
 *
 * ```ts
 * const lossFunction = new CategoricalCrossentropy();
 * lossFunction.calculate(softmaxOutputs, classTargets);   // 0.38506088005216804 for the book's example
 * ```
 */
export class CategoricalCrossentropy extends Loss {
  forward(yPred: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { sparse } = classTargets('CategoricalCrossentropy', yPred, yTrue);
    const [rows, cols] = yPred.shape;
    const losses = this.lossesFor(yPred, rows);
    getBackend().categoricalCrossentropy(yPred.data, yTrue.data, sparse, rows, cols, CROSS_ENTROPY_EPSILON, losses.data);
    return losses;
  }

  backward(dValues: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    this.checkUsable();
    const { sparse } = classTargets('CategoricalCrossentropy', dValues, yTrue);
    const [rows, cols] = dValues.shape;
    this.dInputsFor(dValues);
    getBackend().categoricalCrossentropyBackward(dValues.data, yTrue.data, sparse, rows, cols, this.dInputs.data);
    return this.dInputs;
  }

  toSpec(): LossSpec {
    return { type: 'CategoricalCrossentropy' };
  }
}
