import type { Backend } from '../backend/backend.js';
import { checkNumber, checkOptions } from '../errors.js';
import type { OptimizerSpec } from '../model/architecture.js';
import type { FloatArray } from '../tensor/tensor.js';
import { Optimizer, type OptimizerOptions } from './optimizer.js';

export interface AdagradOptions extends OptimizerOptions {
  /** Added to √cache so the first steps never divide by zero (> 0). */
  epsilon?: number;
}

/**
 * Adagrad, the book's `Optimizer_Adagrad`: each parameter's step shrinks with
 * the sum of its squared gradients so far. For θ with gradient g at step t:
 *
 * ```text
 * η_t   = learningRate / (1 + decay · t)
 * cache ← cache + g²                         (starts at 0, slot "cache")
 * θ     ← θ − η_t · g / (√cache + ε)
 * ```
 *
 * Defaults: learningRate 1.0, decay 0, epsilon 1e-7.
 *
 * ```ts
 * const optimizer = new Adagrad({ decay: 1e-4 });
 * optimizer.preUpdateParams(); optimizer.updateParams(dense1); optimizer.postUpdateParams();
 * ```
 */
export class Adagrad extends Optimizer {
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    checkOptions('Adagrad', options, ['learningRate', 'decay', 'epsilon']);
    super('Adagrad', { learningRate: options.learningRate ?? 1.0, decay: options.decay ?? 0 });
    this.epsilon = checkNumber('Adagrad', 'epsilon', options.epsilon ?? 1e-7, 'positive');
  }

  toSpec(): OptimizerSpec {
    return { type: 'Adagrad', learningRate: this.learningRate, decay: this.decay, epsilon: this.epsilon };
  }

  protected slotNames(): readonly string[] {
    return ['cache'];
  }

  protected update(backend: Backend, param: FloatArray, grad: FloatArray, slots: Record<string, FloatArray>): void {
    backend.adagradUpdate(param, grad, slots.cache, this.currentLearningRate, this.epsilon);
  }
}
