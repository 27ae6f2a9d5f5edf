import { getBackend } from '../backend/registry.js';
import { checkNotDisposed } from '../errors.js';
import type { TrainableLayer } from '../layers/layer.js';
import { widest } from '../layers/precision.js';
import type { LossSpec } from '../model/architecture.js';
import { Tensor, type NumericArray } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import { regularizationPenalty } from './regularization.js';

/** Data loss and regularization loss, as `calculate(…, { includeRegularization: true })` returns them. */
export interface LossParts {
  dataLoss: number;
  regularizationLoss: number;
}

/** Options of `Loss.calculate` and `Loss.calculateAccumulated`. */
export interface CalculateOptions {
  /** Also return the regularization loss of the remembered trainable layers. */
  includeRegularization?: boolean;
  /**
   * One weight per sample (class weights): the data loss becomes
   * Σ wᵢ·lossᵢ / n, as Keras' `class_weight` weighs it.
   */
  sampleWeights?: Tensor<Float32Array> | null;
}

/**
 * The common part of every loss, like the book's final `Loss` class.
 *
 * `forward(yPred, yTrue)` gives the per-sample losses [batch]; `calculate` their
 * mean, the data loss, and also adds them to running sums, so after a pass over
 * many batches `calculateAccumulated()` gives the mean over all samples seen
 * since `newPass()`. The regularization loss is
 * Σ_layers λw1·Σ|w| + λw2·Σw² + λb1·Σ|b| + λb2·Σb² (see `regularizationPenalty`).
 * Subclasses start `forward` and `backward` with `checkUsable()` and write
 * into the reused buffers of `lossesFor` and `dInputsFor`, which `dispose()`
 * gives back to the backend.
 *
 * ```ts
 * const lossFunction = new CategoricalCrossentropy();
 * const loss = lossFunction.calculate(activation2.output, y);   // mean loss
 * ```
 */
export abstract class Loss {
  /** ∂(mean loss)/∂yPred from the last `backward`. */
  dInputs: Tensor = Tensor.zeros([0]);

  private trainableLayers: TrainableLayer[] = [];
  private accumulatedSum = 0;
  private accumulatedCount = 0;
  private readonly lossSpace = new Workspace();
  private readonly dInputsSpace = new Workspace();
  private disposed = false;

  /** Per-sample losses, a tensor [batch]. */
  abstract forward(yPred: Tensor, yTrue: Tensor<NumericArray>): Tensor;
  /** Sets and returns `dInputs` = ∂(mean loss)/∂yPred, from dValues = the predictions. */
  abstract backward(dValues: Tensor, yTrue: Tensor<NumericArray>): Tensor;
  /** The JSON description model files store. */
  abstract toSpec(): LossSpec;

  /** The layers whose regularization `regularizationLoss()` sums (the book's `remember_trainable_layers`). */
  rememberTrainableLayers(layers: readonly TrainableLayer[]): void {
    this.trainableLayers = [...layers];
  }

  /** The mean per-sample loss of this batch (and adds it to the running sums). */
  calculate(output: Tensor, y: Tensor<NumericArray>): number;
  calculate(output: Tensor, y: Tensor<NumericArray>, options: CalculateOptions & { includeRegularization: true }): LossParts;
  calculate(output: Tensor, y: Tensor<NumericArray>, options?: CalculateOptions): number | LossParts;
  calculate(output: Tensor, y: Tensor<NumericArray>, options: CalculateOptions = {}): number | LossParts {
    const sampleLosses = this.forward(output, y);
    const backend = getBackend();
    if (options.sampleWeights) backend.mul(sampleLosses.data, options.sampleWeights.data, sampleLosses.data);
    const total = backend.sum(sampleLosses.data);
    this.accumulatedSum += total;
    this.accumulatedCount += sampleLosses.size;
    const dataLoss = total / sampleLosses.size;
    if (!options.includeRegularization) return dataLoss;
    return { dataLoss, regularizationLoss: this.regularizationLoss() };
  }

  /** The mean loss over every sample since `newPass()`. */
  calculateAccumulated(): number;
  calculateAccumulated(options: { includeRegularization: true }): LossParts;
  calculateAccumulated(options?: CalculateOptions): number | LossParts;
  calculateAccumulated(options: CalculateOptions = {}): number | LossParts {
    const dataLoss = this.accumulatedSum / this.accumulatedCount;
    if (!options.includeRegularization) return dataLoss;
    return { dataLoss, regularizationLoss: this.regularizationLoss() };
  }

  /** Resets the running sums, at the start of an epoch or an evaluation. */
  newPass(): void {
    this.accumulatedSum = 0;
    this.accumulatedCount = 0;
  }

  /**
   * The L1/L2 penalty of one layer (as the early chapters call it), or of all
   * remembered trainable layers when called without one.
   */
  regularizationLoss(layer?: TrainableLayer): number {
    return regularizationPenalty(layer ? [layer] : this.trainableLayers);
  }

  /**
   * Releases the per-sample loss and gradient buffers; `forward`, `backward`
   * and `calculate` throw a DisposedError afterwards. A second call does nothing.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lossSpace.dispose();
    this.dInputsSpace.dispose();
    this.dInputs = Tensor.zeros([0]);
    this.trainableLayers = [];
  }

  /** Throws a DisposedError once `dispose` has run; `forward` and `backward` start with it. */
  protected checkUsable(): void {
    checkNotDisposed(this.disposed, this.toSpec().type, 'loss');
  }

  /** The reused per-sample losses tensor [rows], in yPred's precision, for `forward`. */
  protected lossesFor(yPred: Tensor, rows: number): Tensor {
    return this.lossSpace.get([rows], widest(yPred.data));
  }

  /** Points `dInputs` at the reused gradient tensor of dValues' shape and precision, for `backward`. */
  protected dInputsFor(dValues: Tensor): Tensor {
    this.dInputs = this.dInputsSpace.get(dValues.shape, widest(dValues.data));
    return this.dInputs;
  }
}
