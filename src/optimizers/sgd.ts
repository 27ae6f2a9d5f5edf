import type { Backend } from '../backend/backend.js';
import { checkNumber, checkOptions } from '../errors.js';
import type { OptimizerSpec } from '../model/architecture.js';
import type { FloatArray } from '../tensor/tensor.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

export interface SGDOptions extends OptimizerOptions {
  /** Fraction of the previous update kept, in [0, 1); 0 is plain SGD. */
  momentum?: number;
}

/**
 * Stochastic gradient descent, the book's `Optimizer_SGD`, with optional
 * momentum. For each parameter θ with gradient g, at step t (from 0):
 *
 * ```text
 * η_t = learningRate / (1 + decay · t)
 * without momentum:  θ ← θ − η_t · g
 * with momentum μ:   u ← μ · u − η_t · g      (u starts at 0, slot "momentums")
 *                    θ ← θ + u
 * ```
 *
 * Defaults: learningRate 1.0, decay 0, momentum 0.
 *
 * ```ts
 * const optimizer = new SGD({ learningRate: 1, decay: 1e-3, momentum: 0.9 });
 * optimizer.preUpdateParams(); optimizer.updateParams(dense1); optimizer.postUpdateParams();
 * ```
 */
export class SGD extends Optimizer {
  readonly momentum: number;

  constructor(options: SGDOptions = {}) {
    checkOptions('SGD', options, ['learningRate', 'decay', 'momentum']);
    super('SGD', { learningRate: options.learningRate ?? 1.0, decay: options.decay ?? 0 });
    this.momentum = checkNumber('SGD', 'momentum', options.momentum ?? 0, 'probability');
  }

  toSpec(): OptimizerSpec {
    return { type: 'SGD', learningRate: this.learningRate, decay: this.decay, momentum: this.momentum };
  }

  protected slotNames(): readonly string[] {
    return this.momentum === 0 ? [] : ['momentums'];
  }

  protected update(backend: Backend, param: FloatArray, grad: FloatArray, slots: Record<string, FloatArray>): void {
    if (this.momentum === 0) backend.sgdUpdate(param, grad, this.currentLearningRate);
    else backend.sgdMomentumUpdate(param, grad, slots.momentums, this.currentLearningRate, this.momentum);
  }
}
