import { checkNotDisposed } from '../errors.js';
import type { LayerSpec } from '../layers/layer-spec.js';
import type { NumericArray } from '../tensor/tensor.js';
import { Tensor, checkTensor } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import type { Activation } from '../layers/layer.js';
import { widest } from '../layers/precision.js';
import { checkGradientShape } from '../layers/shape-checks.js';

/**
 * The bookkeeping every activation shares: keep `inputs`, take `output` and
 * `dInputs` from reused buffers, check dValues against the output's shape.
 * Subclasses supply the math (`compute`, `computeBackward`) and, when not the
 * identity, `predictions`.
 */
export abstract class ActivationBase implements Activation {
  abstract readonly type: string;
  /** The inputs of the last forward, kept for backward (not copied). */
  inputs: Tensor = Tensor.zeros([0]);
  output: Tensor = Tensor.zeros([0]);
  dInputs: Tensor = Tensor.zeros([0]);

  private readonly outputSpace = new Workspace();
  private readonly dInputsSpace = new Workspace();
  private forwardDone = false;
  private disposed = false;

  forward(inputs: Tensor): Tensor {
    this.checkUsable();
    checkTensor(`${this.type}.forward`, 'inputs', inputs);
    this.checkInputs(inputs);
    this.inputs = inputs;
    this.output = this.outputSpace.get(inputs.shape, widest(inputs.data));
    this.compute(inputs, this.output);
    this.forwardDone = true;
    return this.output;
  }

  backward(dValues: Tensor): Tensor {
    this.checkUsable();
    checkGradientShape(this.type, this.forwardDone ? this.output : null, dValues);
    this.dInputs = this.dInputsSpace.get(dValues.shape, widest(dValues.data, this.output.data));
    this.computeBackward(dValues, this.dInputs);
    return this.dInputs;
  }

  /** The outputs themselves (regression); classifiers override. */
  predictions(outputs: Tensor): Tensor<NumericArray> {
    this.checkUsable();
    checkTensor(`${this.type}.predictions`, 'outputs', outputs);
    return outputs;
  }

  /** Releases the output and gradient buffers; the tensor fields become empty. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.outputSpace.dispose();
    this.dInputsSpace.dispose();
    this.inputs = Tensor.zeros([0]);
    this.output = Tensor.zeros([0]);
    this.dInputs = Tensor.zeros([0]);
  }

  toSpec(): LayerSpec {
    return { type: this.type };
  }

  /** Throws a DisposedError once `dispose` has run. */
  protected checkUsable(): void {
    checkNotDisposed(this.disposed, this.type, 'layer');
  }

  /** Throws a ShapeError for inputs this activation cannot take; any shape by default. */
  protected checkInputs(inputs: Tensor): void {
    void inputs;
  }

  /** Writes the activation of `inputs` into `output` (same shape). */
  protected abstract compute(inputs: Tensor, output: Tensor): void;
  /** Writes ∂L/∂inputs into `dInputs` from dValues and what forward saved. */
  protected abstract computeBackward(dValues: Tensor, dInputs: Tensor): void;
}
