import { Softmax } from '../activations/softmax.js';
import { getBackend } from '../backend/registry.js';
import { checkNotDisposed } from '../errors.js';
import { widest } from '../layers/precision.js';
import { Tensor, checkTensor, type NumericArray } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { classTargets } from './targets.js';

/**
 * Softmax and categorical cross-entropy together, for the faster, better
 * conditioned backward: ∂L/∂z = (softmax(z) − onehot(y)) / batch, instead of
 * CCE's −t/ŷ pushed through the softmax Jacobian.
 * Shapes: inputs z [batch, classes]; yTrue class ids [batch] or one-hot
 * [batch, classes]; `output` the probabilities [batch, classes].
 *
 * ```ts
 * const lossActivation = new SoftmaxCategoricalCrossentropy();
 * const loss = lossActivation.forward(dense2.output, y);   // mean loss; probabilities in lossActivation.output
 * ```
 */
export class SoftmaxCategoricalCrossentropy {
  readonly activation = new Softmax();
  readonly loss = new CategoricalCrossentropy();
  /** The softmax probabilities of the last forward. */
  output: Tensor = Tensor.zeros([0]);
  /** ∂(mean loss)/∂inputs from the last backward. */
  dInputs: Tensor = Tensor.zeros([0]);
  private readonly dInputsSpace = new Workspace();
  private disposed = false;

  /** Softmax of `inputs` into `output`; returns the mean cross-entropy against `yTrue`. */
  forward(inputs: Tensor, yTrue: Tensor<NumericArray>): number {
    checkNotDisposed(this.disposed, 'SoftmaxCategoricalCrossentropy', 'loss');
    checkTensor('SoftmaxCategoricalCrossentropy.forward', 'inputs', inputs);
    checkTensor('SoftmaxCategoricalCrossentropy.forward', 'yTrue', yTrue);
    this.output = this.activation.forward(inputs);
    return this.loss.calculate(this.output, yTrue);
  }

  /** dInputs = (dValues − onehot(yTrue)) / batch, where dValues are the softmax outputs. */
  backward(dValues: Tensor, yTrue: Tensor<NumericArray>): Tensor {
    checkNotDisposed(this.disposed, 'SoftmaxCategoricalCrossentropy', 'loss');
    const { sparse } = classTargets('SoftmaxCategoricalCrossentropy', dValues, yTrue);
    const [rows, cols] = dValues.shape;
    this.dInputs = this.dInputsSpace.get(dValues.shape, widest(dValues.data));
    getBackend().softmaxCrossentropyBackward(dValues.data, yTrue.data, sparse, rows, cols, this.dInputs.data);
    return this.dInputs;
  }

  /** Releases the softmax's, the loss's and its own buffers; a second call does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.activation.dispose();
    this.loss.dispose();
    this.dInputsSpace.dispose();
    this.output = Tensor.zeros([0]);
    this.dInputs = Tensor.zeros([0]);
  }
}
