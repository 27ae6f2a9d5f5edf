import type { Callback, StepInfo, TrainBeginInfo } from './callback.js';
import type { EpochLog } from './history.js';

/**
 * Prints training progress the way the book does. Full-batch training prints
 * one line every `printEvery` epochs (chapter 18):
 *
 *     epoch: 100, acc: 0.713, loss: 0.672 (data_loss: 0.600, reg_loss: 0.072), lr: 0.04999752512250644
 *
 * Mini-batch training prints `epoch: N`, a `step:` line every `printEvery`
 * steps and on the last step, then the epoch summary (`training, …`) and the
 * validation line (chapter 19). `printEvery: 0` prints nothing.
 */
export class ConsoleReporter implements Callback {
  private info: TrainBeginInfo | null = null;

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  onTrainBegin(info: TrainBeginInfo): void {
    this.info = info;
  }

  onEpochBegin(epoch: number): void {
    if (this.info && this.info.printEvery > 0 && !this.info.fullBatch) this.write(`epoch: ${epoch}`);
  }

  onStepEnd(step: StepInfo): void {
    const info = this.info;
    if (!info || info.printEvery <= 0) return;
    if (info.fullBatch) {
      if (step.epoch % info.printEvery === 0) {
        this.write(`epoch: ${step.epoch}, ${formatMetrics(step)}`);
      }
    } else if (step.step % info.printEvery === 0 || step.step === step.stepsPerEpoch - 1) {
      this.write(`step: ${step.step}, ${formatMetrics(step)}`);
    }
  }

  onEpochEnd(log: EpochLog): void {
    const info = this.info;
    if (!info || info.printEvery <= 0) return;
    if (!info.fullBatch) this.write(`training, ${formatMetrics(log)}`);
    const due = !info.fullBatch || log.epoch % info.printEvery === 0;
    if (due && log.validationLoss !== undefined && log.validationAccuracy !== undefined) {
      this.write(`validation, acc: ${log.validationAccuracy.toFixed(3)}, loss: ${log.validationLoss.toFixed(3)}`);
    }
  }
}

function formatMetrics(m: { accuracy: number; loss: number; dataLoss: number; regularizationLoss: number; learningRate: number }): string {
  return (
    `acc: ${m.accuracy.toFixed(3)}, loss: ${m.loss.toFixed(3)} ` +
    `(data_loss: ${m.dataLoss.toFixed(3)}, reg_loss: ${m.regularizationLoss.toFixed(3)}), lr: ${m.learningRate}`
  );
}
