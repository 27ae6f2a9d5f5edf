import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProgressDisplay, formatEpochSummary, readingProgress } from '../../src/cli/progress.js';

const log = {
  epoch: 3, loss: 0.45213, dataLoss: 0.44, regularizationLoss: 0.01213, accuracy: 0.834,
  learningRate: 0.000998003992, validationLoss: 0.49, validationAccuracy: 0.82, seconds: 2.14, samplesPerSecond: 28571.4,
};

describe('formatEpochSummary', () => {
  it('prints loss, accuracy, validation metrics, learning rate and throughput on one line', () => {
    expect(formatEpochSummary(log, 10)).toBe(
      'epoch 3/10  loss 0.4521 (data 0.4400, reg 0.0121)  acc 0.8340  val_loss 0.4900  val_acc 0.8200  lr 0.000998  2.1 s  28571 samples/s',
    );
  });

  it('puts what a regression adds after the validation columns', () => {
    expect(formatEpochSummary(log, 10, 'val_rmse 68784  val_mae 44709  val_r2 0.6372')).toBe(
      'epoch 3/10  loss 0.4521 (data 0.4400, reg 0.0121)  acc 0.8340  val_loss 0.4900  val_acc 0.8200  val_rmse 68784  val_mae 44709  val_r2 0.6372  lr 0.000998  2.1 s  28571 samples/s',
    );
  });

  it('leaves out what the run does not have', () => {
    const { validationLoss: _l, validationAccuracy: _a, ...plain } = log;
    expect(formatEpochSummary({ ...plain, regularizationLoss: 0 }, 3)).toBe(
      'epoch 3/3  loss 0.4521  acc 0.8340  lr 0.000998  2.1 s  28571 samples/s',
    );
  });
});

describe('ProgressDisplay', () => {
  it('draws a bar on a terminal and prints a summary line per epoch', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let drawn = '';
    stream.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const lines: string[] = [];
    const display = new ProgressDisplay((line) => lines.push(line), stream as unknown as NodeJS.WriteStream);
    display.onTrainBegin({ epochs: 2, stepsPerEpoch: 4, samples: 400 });
    display.onEpochBegin(1);
    for (let step = 0; step < 4; step++) display.onStepEnd({ step, loss: 1 / (step + 1), accuracy: step / 4 });
    display.onEpochEnd({ ...log, epoch: 1 });
    expect(drawn).toContain('epoch 1/2');
    // running means over the epoch's 4 steps: loss (1 + 1/2 + 1/3 + 1/4) / 4, accuracy (0 + 1/4 + 2/4 + 3/4) / 4
    expect(drawn).toContain('4/4 steps | loss 0.5208 | acc 0.3750 |');
    expect(lines).toEqual([formatEpochSummary({ ...log, epoch: 1 }, 2)]);
  });

  it('draws nothing but the summary lines when stderr is not a terminal', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false });
    let drawn = '';
    stream.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const lines: string[] = [];
    const display = new ProgressDisplay((line) => lines.push(line), stream as unknown as NodeJS.WriteStream);
    display.onTrainBegin({ epochs: 1, stepsPerEpoch: 1, samples: 10 });
    display.onEpochBegin(1);
    display.onStepEnd({ step: 0, loss: 1, accuracy: 0 });
    display.onEpochEnd({ ...log, epoch: 1 });
    expect(drawn).toBe('');
    expect(lines).toHaveLength(1);
  });
});

describe('readingProgress', () => {
  it('draws the bytes read of a file on a terminal, nothing elsewhere', () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let drawn = '';
    terminal.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const progress = readingProgress('big.csv', terminal as unknown as NodeJS.WriteStream);
    progress.onProgress(50_000_000, 200_000_000);
    progress.stop();
    expect(drawn).toContain('reading big.csv [');
    expect(drawn).toContain('] 25% | 50.0/200.0 MB');
    const pipe = Object.assign(new PassThrough(), { isTTY: false });
    let piped = '';
    pipe.on('data', (chunk: Buffer) => (piped += chunk.toString()));
    const quiet = readingProgress('big.csv', pipe as unknown as NodeJS.WriteStream);
    quiet.onProgress(1, 2);
    quiet.stop();
    expect(piped).toBe('');
  });
});
