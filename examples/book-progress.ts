/**
 * Prints Model.train's progress in the numbering of the book's manual loops.
 *
 * Chapters 10–17 train with `for epoch in range(10001)`: 10 001 updates, and
 * the line printed at `epoch: k` is the forward pass *before* update k + 1,
 * with the learning rate the previous update used. Model.train counts epochs
 * from 1 (chapter 18), so its epoch k + 1 is the book's epoch k: train
 * `epochs + 1` epochs with this reporter and every line is the book's line,
 * computed from the same weights.
 *
 *     epoch: 100, acc: 0.670, loss: 0.705 (data_loss: 0.705, reg_loss: 0.000), lr: 0.04999752512250644
 */
import type { Callback, StepInfo, TrainBeginInfo } from '../src/node.js';

/** What a run printed at its last book epoch, for the comparison line. */
export interface BookEpoch {
  epoch: number;
  accuracy: number;
  loss: number;
}

export class BookProgress implements Callback {
  /** The last book epoch seen (printed or not). */
  last: BookEpoch | null = null;
  /** What the book prints as `lr`: the rate of the previous update (the initial rate at epoch 0). */
  private learningRate = Number.NaN;

  /** Prints every `printEvery` book epochs (0 prints nothing); full-batch training only. */
  constructor(
    private readonly printEvery: number,
    private readonly print: (line: string) => void = console.log,
  ) {}

  onTrainBegin(info: TrainBeginInfo): void {
    this.learningRate = info.model.optimizer?.currentLearningRate ?? Number.NaN;
  }

  onStepEnd(step: StepInfo): void {
    const epoch = step.epoch - 1;
    if (this.printEvery > 0 && epoch % this.printEvery === 0) {
      this.print(
        `epoch: ${epoch}, acc: ${step.accuracy.toFixed(3)}, loss: ${step.loss.toFixed(3)} ` +
          `(data_loss: ${step.dataLoss.toFixed(3)}, reg_loss: ${step.regularizationLoss.toFixed(3)}), lr: ${this.learningRate}`,
      );
    }
    this.last = { epoch, accuracy: step.accuracy, loss: step.loss };
    this.learningRate = step.learningRate;
  }
}

/** "acc 0.967, loss 0.074" */
export function accuracyAndLoss(result: { accuracy: number; loss: number }): string {
  return `acc ${result.accuracy.toFixed(3)}, loss ${result.loss.toFixed(3)}`;
}
