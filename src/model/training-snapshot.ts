import type { Parameter } from '../layers/layer.js';
import type { OptimizerState } from '../optimizers/optimizer.js';
import type { GeneratorState } from '../random/generator.js';
import type { FloatArray } from '../tensor/tensor.js';
import type { Model } from './model.js';

/**
 * The training state at the start of an epoch, what a checkpoint stores: a
 * copy of every parameter, the optimizer's state and base learning rate, and
 * the training generator's state. `Model.train` takes one before each epoch
 * and restores it when training stops in the middle of that epoch, so an
 * epoch is either done whole or not at all: `model.epoch`, checkpoints and a
 * later `train()` then continue exactly as a run that was never stopped.
 *
 * Taken every epoch, so it allocates once and then copies into its own
 * buffers. Parameters and optimizer state can be left out for an epoch of
 * one step: that can only be stopped before its step, when nothing but the
 * generator (shuffling) and the learning rate (a schedule) may have changed.
 *
 * ```ts
 * const snapshot = new TrainingSnapshot(model);
 * snapshot.capture({ parameters: true });
 * // … some training steps …
 * snapshot.restore();   // back to where capture() was
 * ```
 */
export class TrainingSnapshot {
  readonly #model: Model;
  readonly #named: [string, Parameter][];
  readonly #parameters: FloatArray[];
  #optimizer: OptimizerState | undefined;
  #learningRate = 0;
  #generator: GeneratorState | undefined;
  #withParameters = false;

  /** A snapshot of `model`, whose parameters must stay the same tensors while it is used (they do during `train`). */
  constructor(model: Model) {
    this.#model = model;
    this.#named = model.namedParameters();
    this.#parameters = this.#named.map(([, parameter]) => parameter.value.data.slice());
  }

  /** Copies the training state; `parameters: false` leaves out the parameters and the optimizer's buffers. */
  capture(options: { parameters: boolean }): void {
    const model = this.#model;
    this.#withParameters = options.parameters;
    if (options.parameters) {
      this.#named.forEach(([, parameter], i) => this.#parameters[i].set(parameter.value.data));
      if (model.optimizer !== undefined) this.#optimizer = model.optimizer.getState(this.#named, this.#optimizer);
    }
    if (model.optimizer !== undefined) this.#learningRate = model.optimizer.learningRate;
    this.#generator = model.trainingGenerator.getState(this.#generator);
  }

  /** Puts what `capture` copied back into the model. */
  restore(): void {
    const model = this.#model;
    if (this.#withParameters) {
      this.#named.forEach(([, parameter], i) => parameter.value.data.set(this.#parameters[i]));
      if (model.optimizer !== undefined && this.#optimizer !== undefined) model.optimizer.setState(this.#named, this.#optimizer);
    }
    if (model.optimizer !== undefined) model.optimizer.learningRate = this.#learningRate;
    if (this.#generator !== undefined) model.trainingGenerator.setState(this.#generator);
  }
}
