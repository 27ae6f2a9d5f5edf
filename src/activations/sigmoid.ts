import { getBackend } from '../backend/registry.js';
import { checkTensor, type NumericArray, type Tensor } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import { activationKind } from './activation-kind.js';
import { ActivationBase } from './base.js';

/**
 * Logistic sigmoid: y = 1 / (1 + e^−x); dInputs = dValues · y · (1 − y), from
 * the saved output. Predictions are 0/1 (y > 0.5), for binary logistic regression.
 * Shapes: any; output has the input's shape.
 *
 * ```ts
 * const activation2 = new Sigmoid();
 * activation2.forward(dense2.output);       // values in (0, 1)
 * ```
 */
export class Sigmoid extends ActivationBase {
  readonly type = 'Sigmoid' as const;
  private readonly predictionSpace = new Workspace();

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().sigmoid(inputs.data, output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().sigmoidBackward(dValues.data, this.output.data, dInputs.data);
  }

  /** 1 where the output is > 0.5, else 0: a float32 tensor of the outputs' shape. */
  override predictions(outputs: Tensor): Tensor<NumericArray> {
    this.checkUsable();
    checkTensor('Sigmoid.predictions', 'outputs', outputs);
    const result = this.predictionSpace.get(outputs.shape);
    getBackend().greaterThan(outputs.data, 0.5, result.data);
    return result;
  }

  /** Also releases the predictions buffer. */
  override dispose(): void {
    super.dispose();
    this.predictionSpace.dispose();
  }
}

/** Sigmoid as model files and the exporters know it: ONNX `Sigmoid`, Keras activation 'sigmoid'. */
export const sigmoidKind = activationKind('Sigmoid', { create: () => new Sigmoid(), onnxOp: 'Sigmoid', keras: 'sigmoid' });
