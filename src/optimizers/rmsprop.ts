import type { Backend } from '../backend/backend.js';
import { checkNumber, checkOptions } from '../errors.js';
import type { OptimizerSpec } from '../model/architecture.js';
import type { FloatArray } from '../tensor/tensor.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

export interface RMSpropOptions extends OptimizerOptions {
  /** Added to √cache so the first steps never divide by zero (> 0). */
  epsilon?: number;
  /** Decay of the squared-gradient average, in [0, 1). */
  rho?: number;
}

/**
 * RMSprop, the book's `Optimizer_RMSprop`: like Adagrad, but the cache is a
 * moving average of squared gradients, so steps do not shrink forever. For θ
 * with gradient g at step t:
 *
 * ```text
 * η_t   = learningRate / (1 + decay · t)
 * cache ← ρ · cache + (1 − ρ) · g²           (starts at 0, slot "cache")
 * θ     ← θ − η_t · g / (√cache + ε)
 * ```
 *
 * Defaults: learningRate 0.001, decay 0, epsilon 1e-7, rho 0.9.
 *
 * ```ts
 * const optimizer = new RMSprop({ learningRate: 0.02, decay: 1e-5, rho: 0.999 });
 * optimizer.preUpdateParams(); optimizer.updateParams(dense1); optimizer.postUpdateParams();
 * ```
 */
export class RMSprop extends Optimizer {
  readonly epsilon: number;
  readonly rho: number;

  constructor(options: RMSpropOptions = {}) {
    checkOptions('RMSprop', options, ['learningRate', 'decay', 'epsilon', 'rho']);
    super('RMSprop', { learningRate: options.learningRate ?? 0.001, decay: options.decay ?? 0 });
    this.epsilon = checkNumber('RMSprop', 'epsilon', options.epsilon ?? 1e-7, 'positive');
    this.rho = checkNumber('RMSprop', 'rho', options.rho ?? 0.9, 'probability');
  }

  toSpec(): OptimizerSpec {
    return { type: 'RMSprop', learningRate: this.learningRate, decay: this.decay, epsilon: this.epsilon, rho: this.rho };
  }

  protected slotNames(): readonly string[] {
    return ['cache'];
  }

  protected update(backend: Backend, param: FloatArray, grad: FloatArray, slots: Record<string, FloatArray>): void {
    backend.rmspropUpdate(param, grad, slots.cache, this.currentLearningRate, this.rho, this.epsilon);
  }
}
