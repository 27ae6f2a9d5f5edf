import { getBackend } from '../backend/registry.js';
import { checkMatrix, mismatch } from '../layers/shape-checks.js';
import { Tensor, type NumericArray } from '../tensor/tensor.js';
import { activationKind } from './activation-kind.js';
import { ActivationBase } from './base.js';

/**
 * Row-wise softmax: y_ij = e^(x_ij − max_j x_ij) / Σ_k e^(x_ik − max_j x_ij).
 * Subtracting the row max first keeps e^x from overflowing and leaves y unchanged.
 * Backward multiplies each row by the Jacobian diag(y) − y·yᵀ, which reduces to
 * dInputs = y ⊙ (dValues − ⟨dValues, y⟩) per row. Predictions are the argmax class ids.
 * Shapes: [batch, classes] in and out.
 *
 * ```ts
 * const activation2 = new Softmax();
 * activation2.forward(dense2.output);       // each row sums to 1
 * ```
 */
export class Softmax extends ActivationBase {
  readonly type = 'Softmax' as const;
  private classIds = new Int32Array(0);

  protected override checkInputs(inputs: Tensor): void {
    checkMatrix('Softmax', 'inputs', inputs);
  }

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().softmax(inputs.data, inputs.shape[0], inputs.shape[1], output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().softmaxBackward(dValues.data, this.output.data, dValues.shape[0], dValues.shape[1], dInputs.data);
  }

  /** The class with the largest probability per row: an Int32Array tensor [batch]. */
  override predictions(outputs: Tensor): Tensor<NumericArray> {
    this.checkUsable();
    checkMatrix('Softmax.predictions', 'outputs', outputs);
    const rows = outputs.shape[0];
    if (this.classIds.length !== rows) this.classIds = new Int32Array(rows);
    getBackend().argmaxRows(outputs.data, rows, outputs.shape[1], this.classIds);
    return new Tensor([rows], this.classIds);
  }
}

/**
 * Softmax as model files and the exporters know it: one row of classes per
 * sample; ONNX `Softmax` over axis −1, Keras activation 'softmax' or a Keras
 * `Softmax` layer over axis −1.
 */
export const softmaxKind = activationKind('Softmax', {
  create: () => new Softmax(),
  onnxOp: 'Softmax',
  onnxAttributes: { axis: { int: -1 } },
  keras: 'softmax',
  outputShape(_spec, input) {
    if (input !== null && input.length !== 1) mismatch('expects one row of classes per sample (add a Flatten before it)');
    return input;
  },
  kerasClass: {
    classNames: ['Softmax'],
    decode({ config, described }) {
      const axis = config.fields.axis ?? -1;
      if (axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1)) {
        config.fail(`${described} must normalise axis -1, received axis ${JSON.stringify(axis)}`);
      }
      return [{ spec: { type: 'Softmax' } }];
    },
  },
});
