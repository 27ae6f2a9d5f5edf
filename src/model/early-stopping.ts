import { ArgumentError, checkInteger, checkNumber, checkOptions } from '../errors.js';
import type { Callback, TrainBeginInfo } from './callback.js';
import type { EpochLog } from './history.js';
import type { Model } from './model.js';

export interface EarlyStoppingOptions {
  /** The EpochLog field to watch; lower is better for losses, higher for accuracies. */
  monitor?: 'loss' | 'validationLoss' | 'accuracy' | 'validationAccuracy';
  /** Epochs without improvement before stopping (default 5). */
  patience?: number;
  /** The smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /**
   * When this callback stops training, put back the weights of the best
   * epoch (the one with the best monitored value), as Keras'
   * `restore_best_weights`. The optimizer state and the epoch count stay
   * those of the last epoch. Training that ends otherwise (all its epochs
   * done, another callback, Ctrl-C in the CLI, whose checkpoint must hold
   * the last state to resume exactly) keeps its last weights.
   * Default false: the model always keeps its last weights.
   */
  restoreBestWeights?: boolean;
}

/**
 * Stops training when the monitored value has not improved by more than
 * `minDelta` for `patience` epochs; with `restoreBestWeights`, the model it
 * stops ends with the parameters of its best epoch (a copy of every
 * parameter is kept each time the value improves).
 *
 * ```ts
 * const stopper = new EarlyStopping({ patience: 3, restoreBestWeights: true });
 * await model.train(X, y, { epochs: 100, validationData: [Xv, yv], callbacks: [stopper] });
 * stopper.bestEpoch;   // the epoch whose weights the model now holds
 * ```
 */
export class EarlyStopping implements Callback {
  readonly monitor: NonNullable<EarlyStoppingOptions['monitor']>;
  readonly patience: number;
  readonly minDelta: number;
  readonly restoreBestWeights: boolean;
  /** The epoch at which training was stopped, if it was. */
  stoppedEpoch: number | null = null;
  /** The epoch with the best monitored value so far (null before the first epoch ends). */
  bestEpoch: number | null = null;
  /** The best monitored value so far (NaN before the first epoch ends). */
  best = Number.NaN;
  /** True once `restoreBestWeights` has put the best epoch's weights back. */
  restored = false;
  private wait = 0;
  private model: Model | undefined;
  /** The parameters' values at `bestEpoch`, by parameter name (only with restoreBestWeights). */
  private bestWeights: Map<string, Float32Array | Float64Array> | undefined;

  constructor(options: EarlyStoppingOptions = {}) {
    checkOptions('EarlyStopping', options, ['monitor', 'patience', 'minDelta', 'restoreBestWeights']);
    const monitor = options.monitor ?? 'validationLoss';
    if (!['loss', 'validationLoss', 'accuracy', 'validationAccuracy'].includes(monitor)) {
      throw new ArgumentError(`EarlyStopping: monitor must be loss, validationLoss, accuracy or validationAccuracy, received ${monitor}`);
    }
    this.monitor = monitor;
    this.patience = checkInteger('EarlyStopping', 'patience', options.patience ?? 5, 1);
    this.minDelta = checkNumber('EarlyStopping', 'minDelta', options.minDelta ?? 0, 'nonNegative');
    const restore = options.restoreBestWeights ?? false;
    if (typeof restore !== 'boolean') {
      throw new ArgumentError(`EarlyStopping: restoreBestWeights must be true or false, received ${String(restore)}`);
    }
    this.restoreBestWeights = restore;
  }

  onTrainBegin(info: TrainBeginInfo): void {
    this.best = Number.NaN;
    this.bestEpoch = null;
    this.wait = 0;
    this.stoppedEpoch = null;
    this.restored = false;
    this.bestWeights = undefined;
    this.model = info.model;
  }

  onEpochEnd(log: EpochLog, model: Model): void {
    const value = log[this.monitor];
    if (value === undefined) {
      throw new ArgumentError(`EarlyStopping: monitor "${this.monitor}" needs validationData in train()`);
    }
    const sign = this.monitor.endsWith('ccuracy') ? -1 : 1;
    if (Number.isNaN(this.best) || sign * (this.best - value) > this.minDelta) {
      this.best = value;
      this.bestEpoch = log.epoch;
      this.wait = 0;
      if (this.restoreBestWeights) {
        this.bestWeights = new Map(model.namedParameters().map(([name, p]) => [name, p.value.data.slice()]));
      }
      return;
    }
    this.wait++;
    if (this.wait >= this.patience) {
      this.stoppedEpoch = log.epoch;
      model.stopTraining = true;
    }
  }

  onTrainEnd(): void {
    if (this.bestWeights === undefined || this.model === undefined) return;
    if (this.stoppedEpoch !== null && this.bestEpoch !== this.model.epoch) {
      for (const [name, p] of this.model.namedParameters()) {
        const saved = this.bestWeights.get(name);
        if (saved !== undefined) p.value.data.set(saved);
      }
      this.restored = true;
    }
    this.bestWeights = undefined;
  }
}
