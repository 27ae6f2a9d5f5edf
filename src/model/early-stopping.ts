import { ArgumentError, checkInteger, checkNumber, checkOptions } from '../errors.js';
import type { Callback } from './callback.js';
import type { EpochLog } from './history.js';
import type { Model } from './model.js';

export interface EarlyStoppingOptions {
  /** The EpochLog field to watch; lower is better for losses, higher for accuracies. */
  monitor?: 'loss' | 'validationLoss' | 'accuracy' | 'validationAccuracy';
  /** Epochs without improvement before stopping (default 5). */
  patience?: number;
  /** The smallest change that counts as an improvement (default 0). */
  minDelta?: number;
}

/**
 * Stops training when the monitored value has not improved by more than
 * `minDelta` for `patience` epochs.
 *
 * ```ts
 * await model.train(X, y, { epochs: 100, validationData: [Xv, yv], callbacks: [new EarlyStopping({ patience: 3 })] });
 * ```
 */
export class EarlyStopping implements Callback {
  readonly monitor: NonNullable<EarlyStoppingOptions['monitor']>;
  readonly patience: number;
  readonly minDelta: number;
  /** The epoch at which training was stopped, if it was. */
  stoppedEpoch: number | null = null;
  private best = Number.NaN;
  private wait = 0;

  constructor(options: EarlyStoppingOptions = {}) {
    checkOptions('EarlyStopping', options, ['monitor', 'patience', 'minDelta']);
    const monitor = options.monitor ?? 'validationLoss';
    if (!['loss', 'validationLoss', 'accuracy', 'validationAccuracy'].includes(monitor)) {
      throw new ArgumentError(`EarlyStopping: monitor must be loss, validationLoss, accuracy or validationAccuracy, received ${monitor}`);
    }
    this.monitor = monitor;
    this.patience = checkInteger('EarlyStopping', 'patience', options.patience ?? 5, 1);
    this.minDelta = checkNumber('EarlyStopping', 'minDelta', options.minDelta ?? 0, 'nonNegative');
  }

  onTrainBegin(): void {
    this.best = Number.NaN;
    this.wait = 0;
    this.stoppedEpoch = null;
  }

  onEpochEnd(log: EpochLog, model: Model): void {
    const value = log[this.monitor];
    if (value === undefined) {
      throw new ArgumentError(`EarlyStopping: monitor "${this.monitor}" needs validationData in train()`);
    }
    const sign = this.monitor.endsWith('ccuracy') ? -1 : 1;
    if (Number.isNaN(this.best) || sign * (this.best - value) > this.minDelta) {
      this.best = value;
      this.wait = 0;
      return;
    }
    this.wait++;
    if (this.wait >= this.patience) {
      this.stoppedEpoch = log.epoch;
      model.stopTraining = true;
    }
  }
}
