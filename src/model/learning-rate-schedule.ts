import type { Callback } from './callback.js';
import type { Model } from './model.js';

/**
 * Sets the optimizer's base learning rate at the start of each epoch from
 * `schedule(epoch, currentRate)`; the optimizer's own `decay` still applies.
 *
 * ```ts
 * new LearningRateSchedule((epoch, lr) => (epoch % 10 === 0 ? lr / 2 : lr))
 * ```
 */
export class LearningRateSchedule implements Callback {
  private model: Model | null = null;

  constructor(private readonly schedule: (epoch: number, learningRate: number) => number) {}

  onTrainBegin(info: { model: Model }): void {
    this.model = info.model;
  }

  onEpochBegin(epoch: number): void {
    const optimizer = this.model?.optimizer;
    if (!optimizer) return;
    const next = this.schedule(epoch, optimizer.learningRate);
    optimizer.learningRate = next;
  }
}
