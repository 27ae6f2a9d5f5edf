/** What one epoch of training measured. Losses are means over the epoch's samples. */
export interface EpochLog {
  /** 1-based epoch number (continues across resumed runs). */
  epoch: number;
  /** dataLoss + regularizationLoss. */
  loss: number;
  dataLoss: number;
  regularizationLoss: number;
  accuracy: number;
  /** The optimizer's current (decayed) learning rate after the epoch. */
  learningRate: number;
  validationLoss?: number;
  validationAccuracy?: number;
  /** Wall-clock seconds the epoch's training steps took (not validation). */
  seconds: number;
  samplesPerSecond: number;
}

/** What `model.train` returns: one log per epoch, in order. */
export interface History {
  epochs: EpochLog[];
  /**
   * Set when training was stopped in the middle of an epoch: how far that
   * epoch got before its steps were undone (it is not in `epochs`, and
   * `model.epoch` is the epoch before it).
   */
  discardedEpoch?: { epoch: number; stepsDone: number; stepsPerEpoch: number };
}
