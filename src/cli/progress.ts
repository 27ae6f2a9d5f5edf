import { Presets, SingleBar } from 'cli-progress';
import type { EpochLog } from '../model/history.js';

/**
 * Training progress for a terminal: a bar per epoch on stderr (steps done,
 * the epoch's running mean loss/accuracy, samples per second; drawn only when stderr is a
 * terminal) and one summary line per epoch on stdout.
 */
export class ProgressDisplay {
  private bar: SingleBar | undefined;
  private epochs = 0;
  private stepsPerEpoch = 0;
  private samples = 0;
  private epochStart = 0;
  private lossSum = 0;
  private accuracySum = 0;

  /**
   * `describeEpoch` adds to each epoch's line (a regression's `val_rmse …`);
   * it runs once per epoch, before the line is printed.
   */
  constructor(
    private readonly print: (line: string) => void,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly describeEpoch?: (log: EpochLog) => string,
  ) {}

  onTrainBegin(info: { epochs: number; stepsPerEpoch: number; samples: number }): void {
    this.epochs = info.epochs;
    this.stepsPerEpoch = info.stepsPerEpoch;
    this.samples = info.samples;
  }

  onEpochBegin(epoch: number): void {
    this.epochStart = performance.now();
    this.lossSum = 0;
    this.accuracySum = 0;
    if (!this.stream.isTTY) return;
    this.bar = new SingleBar(
      {
        format: `epoch {epoch}/{epochs} [{bar}] {value}/{total} steps | loss {loss} | acc {accuracy} | {speed} samples/s`,
        stream: this.stream,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 24,
      },
      Presets.shades_classic,
    );
    this.bar.start(this.stepsPerEpoch, 0, {
      epoch,
      epochs: this.epochs,
      loss: '-',
      accuracy: '-',
      speed: '-',
    });
  }

  onStepEnd(info: { step: number; loss: number; accuracy: number }): void {
    if (this.bar === undefined) return;
    const stepsDone = Math.min(info.step + 1, this.stepsPerEpoch);
    // The bar shows the epoch's running means, steadier than one batch's values.
    this.lossSum += info.loss;
    this.accuracySum += info.accuracy;
    const seconds = (performance.now() - this.epochStart) / 1000;
    const samplesDone = (this.samples * stepsDone) / this.stepsPerEpoch;
    this.bar.update(stepsDone, {
      loss: (this.lossSum / stepsDone).toFixed(4),
      accuracy: (this.accuracySum / stepsDone).toFixed(4),
      speed: seconds > 0 ? Math.round(samplesDone / seconds).toString() : '-',
    });
  }

  onEpochEnd(log: EpochLog): void {
    this.stopBar();
    this.print(formatEpochSummary(log, this.epochs, this.describeEpoch?.(log)));
  }

  /** Removes the bar (end of training, Ctrl-C, an error). */
  stopBar(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/**
 * One line per epoch:
 * `epoch 3/10  loss 0.4521 (data 0.4400, reg 0.0121)  acc 0.8340  val_loss 0.4900  val_acc 0.8200  lr 0.000998  2.1 s  28571 samples/s`,
 * with `extra` (`val_rmse 68784  val_mae 44709  val_r2 0.6372`) after the validation columns.
 */
export function formatEpochSummary(log: EpochLog, epochs: number, extra?: string): string {
  const parts = [
    `epoch ${log.epoch}/${epochs}`,
    `loss ${log.loss.toFixed(4)}` +
      (log.regularizationLoss !== 0
        ? ` (data ${log.dataLoss.toFixed(4)}, reg ${log.regularizationLoss.toFixed(4)})`
        : ''),
    `acc ${log.accuracy.toFixed(4)}`,
  ];
  if (log.validationLoss !== undefined) parts.push(`val_loss ${log.validationLoss.toFixed(4)}`);
  if (log.validationAccuracy !== undefined) parts.push(`val_acc ${log.validationAccuracy.toFixed(4)}`);
  if (extra !== undefined && extra !== '') parts.push(extra);
  parts.push(`lr ${Number(log.learningRate.toPrecision(4))}`);
  parts.push(`${log.seconds.toFixed(1)} s`);
  parts.push(`${Math.round(log.samplesPerSecond)} samples/s`);
  return parts.join('  ');
}

/**
 * A bar on `stream` (drawn only on a terminal) while a file is read:
 * `reading houses.csv [████░░░░] 41% | 82.3/200.1 MB`. Pass `onProgress` as
 * loadCsv's option, and call `stop()` once the reading ends, however it ends.
 */
export function readingProgress(
  name: string,
  stream: NodeJS.WriteStream = process.stderr,
): { onProgress: (bytesRead: number, totalBytes: number) => void; stop: () => void } {
  let bar: SingleBar | undefined;
  const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(1);
  return {
    onProgress: (bytesRead, totalBytes) => {
      if (!stream.isTTY) return;
      if (bar === undefined) {
        bar = new SingleBar(
          { format: `reading ${name} [{bar}] {percentage}% | {read}/{size} MB`, stream, hideCursor: true, clearOnComplete: true, barsize: 24 },
          Presets.shades_classic,
        );
        bar.start(totalBytes, 0, { read: megabytes(0), size: megabytes(totalBytes) });
      }
      bar.update(bytesRead, { read: megabytes(bytesRead), size: megabytes(totalBytes) });
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
