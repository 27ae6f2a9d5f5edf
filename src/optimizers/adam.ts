import type { Backend } from '../backend/backend.js';
import { checkNumber, checkOptions } from '../errors.js';
import type { OptimizerSpec } from '../model/architecture.js';
import type { FloatArray } from '../tensor/tensor.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

export interface AdamOptions extends OptimizerOptions {
  /** Added to the root of the corrected cache so steps never divide by zero (> 0). */
  epsilon?: number;
  /** Decay of the gradient average (momentum), in [0, 1). */
  beta1?: number;
  /** Decay of the squared-gradient average (cache), in [0, 1). */
  beta2?: number;
}

/**
 * Adam, the book's `Optimizer_Adam`: momentum plus an RMSprop cache, both
 * bias-corrected for their zero start. For θ with gradient g at step t
 * (t = iterations, from 0):
 *
 * ```text
 * η_t = learningRate / (1 + decay · t)
 * m   ← β1 · m + (1 − β1) · g                (starts at 0, slot "momentums")
 * v   ← β2 · v + (1 − β2) · g²               (starts at 0, slot "cache")
 * m̂   = m / (1 − β1^(t+1))
 * v̂   = v / (1 − β2^(t+1))
 * θ   ← θ − η_t · m̂ / (√v̂ + ε)
 * ```
 *
 * Defaults: learningRate 0.001, decay 0, epsilon 1e-7, beta1 0.9, beta2 0.999.
 *
 * ```ts
 * const optimizer = new Adam({ learningRate: 0.05, decay: 5e-7 });
 * optimizer.preUpdateParams(); optimizer.updateParams(dense1); optimizer.postUpdateParams();
 * ```
 */
export class Adam extends Optimizer {
  readonly epsilon: number;
  readonly beta1: number;
  readonly beta2: number;

  constructor(options: AdamOptions = {}) {
    checkOptions('Adam', options, ['learningRate', 'decay', 'epsilon', 'beta1', 'beta2']);
    super('Adam', { learningRate: options.learningRate ?? 0.001, decay: options.decay ?? 0 });
    this.epsilon = checkNumber('Adam', 'epsilon', options.epsilon ?? 1e-7, 'positive');
    this.beta1 = checkNumber('Adam', 'beta1', options.beta1 ?? 0.9, 'probability');
    this.beta2 = checkNumber('Adam', 'beta2', options.beta2 ?? 0.999, 'probability');
  }

  toSpec(): OptimizerSpec {
    return {
      type: 'Adam',
      learningRate: this.learningRate,
      decay: this.decay,
      epsilon: this.epsilon,
      beta1: this.beta1,
      beta2: this.beta2,
    };
  }

  protected slotNames(): readonly string[] {
    return ['momentums', 'cache'];
  }

  protected update(backend: Backend, param: FloatArray, grad: FloatArray, slots: Record<string, FloatArray>): void {
    // The kernel's step counts from 1: the book corrects with iterations + 1.
    backend.adamUpdate(param, grad, slots.momentums, slots.cache, this.currentLearningRate, this.beta1, this.beta2, this.epsilon, this.iterations + 1);
  }
}
