import type { EpochLog, History } from './history.js';
import type { Model } from './model.js';

/** Facts about a training run, given to `onTrainBegin`. */
export interface TrainBeginInfo {
  model: Model;
  /** The epoch training will stop after (absolute, so resumed runs count on). */
  epochs: number;
  /** The first epoch this run trains (1, or later when resuming). */
  firstEpoch: number;
  stepsPerEpoch: number;
  samples: number;
  /** Batch size (the sample count for full-batch training). */
  batchSize: number;
  fullBatch: boolean;
  printEvery: number;
}

/** One optimisation step, as `onStepEnd` sees it. */
export interface StepInfo {
  epoch: number;
  /** 0-based step within the epoch. */
  step: number;
  stepsPerEpoch: number;
  loss: number;
  dataLoss: number;
  regularizationLoss: number;
  accuracy: number;
  learningRate: number;
}

/**
 * Hooks into `model.train`. Every method is optional; async ones are awaited
 * (except `onStepEnd`, which must stay cheap: it runs every step). A callback
 * stops training by setting `model.stopTraining = true` (from `onEpochEnd`
 * after that epoch; set earlier, the epoch in progress is undone, see `Model.train`).
 * The reporter that prints progress is a Callback too.
 */
export interface Callback {
  onTrainBegin?(info: TrainBeginInfo): void | Promise<void>;
  onEpochBegin?(epoch: number): void | Promise<void>;
  onStepEnd?(info: StepInfo): void;
  onEpochEnd?(log: EpochLog, model: Model): void | Promise<void>;
  onTrainEnd?(history: History): void | Promise<void>;
}
