import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrainingData } from '../../src/cli/datasets.js';
import { readTrainingHistory } from '../../src/model/training-history.js';
import { loadModel } from '../../src/io/model-file.js';
import { init } from '../../src/random/default.js';
import { pngSize, svgSize } from '../viz/png.js';
import { temporaryFolder } from '../temporary-folder.js';
import { runCli } from './run-cli.js';

/** The epoch lines from epoch `from` on, without their timings. */
const epochLines = (text: string, from: number): string[] =>
  text.split('\n').filter((line) => line.startsWith('epoch ') && Number(line.split(/[ /]/)[1]) >= from)
    .map((line) => line.replace(/  [\d.]+ s  \d+ samples\/s$/, ''));

const dir = temporaryFolder('scratchnet-cli-train-', { per: 'file' });

describe('scratchnet train', () => {
  it('trains on spiral data, prints an epoch line each epoch and the test accuracy, writes the plots', async () => {
    const result = await runCli(['train', 'spiral', '--epochs', '3', '--hidden', '16', '--plot', 'plots'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('training on spiral: 3000 samples, Dense(2→16) ReLU Dense(16→3) Softmax');
    for (let epoch = 1; epoch <= 3; epoch++) {
      expect(lines[epoch]).toMatch(
        new RegExp(`^epoch ${epoch}/3  loss \\d\\.\\d{4} \\(data \\d\\.\\d{4}, reg \\d\\.\\d{4}\\)  acc \\d\\.\\d{4}  val_loss \\d\\.\\d{4}  val_acc \\d\\.\\d{4}  lr [\\d.e-]+  \\d+\\.\\d s  \\d+ samples/s$`),
      );
    }
    expect(lines[4]).toMatch(/^test accuracy: (0|1)\.\d{4}, loss: \d+\.\d{4}$/);
    // without --out the model is not kept, and the run says so
    expect(lines[5]).toBe('model not saved: add --out <file>.safetensors to keep it');
    expect(lines[6]).toBe(`plots written to plots (open ${join('plots', 'report.html')})`);
    const files = (await readdir(join(dir(), 'plots'))).sort();
    expect(files).toEqual([
      'accuracy.png', 'accuracy.svg', 'confusion-matrix.png', 'confusion-matrix.svg', 'decision-boundary.png', 'decision-boundary.svg',
      'loss.png', 'loss.svg', 'report.html',
    ]);
    expect(svgSize(await readFile(join(dir(), 'plots', 'decision-boundary.svg'), 'utf8'))).toEqual({ width: 640, height: 400 });
    expect(pngSize(await readFile(join(dir(), 'plots', 'loss.png')))).toEqual({ width: 640, height: 400 });
    const report = await readFile(join(dir(), 'plots', 'report.html'), 'utf8');
    expect(report).toContain('<th>dataset</th><td>spiral</td>');
    expect(report).toContain('<th>test accuracy</th>');
  });

  it('is reproducible: the same seed gives the same numbers', async () => {
    const args = ['train', 'vertical', '--epochs', '2', '--hidden', '8', '--seed', '3', '--validation-split', '0.2'];
    const [first, second] = [await runCli(args, { cwd: dir() }), await runCli(args, { cwd: dir() })];
    expect(first.code).toBe(0);
    const numbers = (text: string): string => text.replace(/\d+\.\d s  \d+ samples\/s/g, '');
    expect(numbers(first.stdout)).toBe(numbers(second.stdout));
    expect(first.stdout).toContain('training on vertical: 2400 samples');
    expect(first.stdout).toMatch(/\nvalidation accuracy: /);
  });

  it('runs on the backend --backend names, and records it in the report', async () => {
    for (const backend of ['js', 'wasm']) {
      const result = await runCli(['train', 'spiral', '--epochs', '1', '--hidden', '8', '--backend', backend, '--plot', `plots-${backend}`], { cwd: dir() });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(await readFile(join(dir(), `plots-${backend}`, 'report.html'), 'utf8')).toContain(`<th>backend</th><td>${backend}</td>`);
    }
  });

  it('fits sine data (regression), prints RMSE, MAE and R², and draws the fit', async () => {
    const result = await runCli(['train', 'sine', '--epochs', '2', '--hidden', '8,8', '--plot', 'sine-plots'], { cwd: dir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dense(1→8) ReLU Dense(8→8) ReLU Dense(8→1) Linear');
    // RMSE, MAE and R² lead; the book's precision accuracy is the second line
    expect(result.stdout).toMatch(
      /\ntest RMSE: [\d.e-]+, MAE: [\d.e-]+, R²: -?\d+\.\d{4}\ntest accuracy \(the book's \|ŷ − y\| < std\(y\)\/250\): \d\.\d{4}, loss: \d+\.\d{4}\n/,
    );
    // and every epoch line has them, measured on the data its val_ columns measure
    const epochs = result.stdout.split('\n').filter((line) => line.startsWith('epoch '));
    expect(epochs).toHaveLength(2);
    for (const line of epochs) expect(line).toMatch(/  val_acc \d\.\d{4}  val_rmse [\d.e-]+  val_mae [\d.e-]+  val_r2 -?\d+\.\d{4}  lr /);
    const report = await readFile(join(dir(), 'sine-plots', 'report.html'), 'utf8');
    for (const metric of ['test RMSE', 'test MAE', 'test R²']) expect(report).toContain(`<th>${metric}</th>`);
    expect((await readdir(join(dir(), 'sine-plots'))).sort()).toEqual([
      'accuracy.png', 'accuracy.svg', 'loss.png', 'loss.svg', 'predicted-vs-actual.png', 'predicted-vs-actual.svg',
      'regression-errors.png', 'regression-errors.svg', 'regression-fit.png', 'regression-fit.svg', 'regression-r2.png', 'regression-r2.svg', 'report.html',
    ]);
    // the charts lead with the errors: loss, RMSE/MAE, R², then the book's accuracy
    const order = ['loss.svg', 'regression-errors.svg', 'regression-r2.svg', 'accuracy.svg'].map((file) => report.indexOf(file));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  });

  it('measures a standardized regression target in its own units', async () => {
    // price = 1000 + 50·x + a wobble: the target's scale is far from 1, so standardized and raw metrics differ.
    const lines = ['x,price'];
    for (let i = 0; i < 200; i++) lines.push(`${i / 10},${1000 + 50 * (i / 10) + 30 * Math.sin(i)}`);
    await writeFile(join(dir(), 'prices.csv'), `${lines.join('\n')}\n`);
    const result = await runCli(['train', '--csv', 'prices.csv', '--target', 'price', '--epochs', '5', '--hidden', '16', '--out', 'prices.safetensors'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const printed = /\ntest RMSE: ([\d.e+-]+), MAE: ([\d.e+-]+), R²: (-?\d+\.\d{4})\n/.exec(result.stdout);
    expect(printed).not.toBeNull();

    // The same test rows in-process: predictions and targets back in dollars, the metrics by hand in float64.
    init(0);
    const data = await loadTrainingData({ kind: 'csv', path: join(dir(), 'prices.csv'), target: 'price', task: 'regression' });
    const model = await loadModel(join(dir(), 'prices.safetensors'));
    // The run's curves are recorded in the file, epoch by epoch.
    const recorded = readTrainingHistory(model.metadata)!;
    expect(recorded.map((point) => point.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(recorded.every((point) => Number.isFinite(point.loss) && point.validationLoss !== undefined)).toBe(true);
    const { mean: [mean], scale: [scale] } = model.metadata.targetScaler as { mean: number[]; scale: number[] };
    const predicted = Array.from(model.predict(data.test!.x).data, (z) => z * scale + mean);
    const actual = Array.from(data.test!.y.data, (z) => z * scale + mean);
    const n = actual.length;
    const average = actual.reduce((a, b) => a + b, 0) / n;
    const squares = predicted.reduce((sum, p, i) => sum + (p - actual[i]) ** 2, 0);
    const rootMeanSquaredError = Math.sqrt(squares / n);
    const meanAbsoluteError = predicted.reduce((sum, p, i) => sum + Math.abs(p - actual[i]), 0) / n;
    const r2 = 1 - squares / actual.reduce((sum, a) => sum + (a - average) ** 2, 0);
    expect(rootMeanSquaredError).toBeGreaterThan(5); // dollars, not standard deviations
    expect(Math.abs(Number(printed![1]) / rootMeanSquaredError - 1)).toBeLessThan(1e-4);
    expect(Math.abs(Number(printed![2]) / meanAbsoluteError - 1)).toBeLessThan(1e-4);
    expect(Number(printed![3])).toBeCloseTo(r2, 3);
  });

  it('saves the model, checkpoints, and resumes exactly where an uninterrupted run would be', async () => {
    const common = ['train', 'spiral', '--batch-size', '200', '--seed', '5'];
    const full = await runCli([...common, '--hidden', '8', '--epochs', '4', '--out', 'full/model.safetensors'], { cwd: dir() });
    expect(full.code).toBe(0);
    expect(full.stdout).toContain(`model written to ${join('full', 'model.safetensors')}`);

    const first = await runCli([...common, '--hidden', '8', '--epochs', '2', '--checkpoint-every', '2', '--out', 'part/model.safetensors'], { cwd: dir() });
    expect(first.code).toBe(0);
    expect((await readdir(join(dir(), 'part'))).sort()).toEqual(['model.checkpoint.safetensors', 'model.safetensors']);
    const resumed = await runCli(
      [...common, '--epochs', '4', '--resume', join('part', 'model.checkpoint.safetensors'), '--out', 'part/resumed.safetensors'],
      { cwd: dir() },
    );
    expect(resumed.code).toBe(0);
    const resumedLines = epochLines(resumed.stdout, 3);
    expect(resumedLines).toHaveLength(2);
    expect(resumedLines).toEqual(epochLines(full.stdout, 3));

    // the resumed model and the uninterrupted one give the same test metrics
    const [a, b] = [
      await runCli(['evaluate', join('full', 'model.safetensors')], { cwd: dir() }),
      await runCli(['evaluate', join('part', 'resumed.safetensors')], { cwd: dir() }),
    ];
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^spiral test set \(300 samples\): accuracy \d\.\d{4}, loss \d\.\d{4}\n$/);
    expect(b.stdout).toBe(a.stdout);

    const summary = await runCli(['summary', join('full', 'model.safetensors')], { cwd: dir() });
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/\n0\s+Dense\(2→8\)\s+\[batch, 8\]\s+24\n/);
    expect(summary.stdout).toMatch(/\n2\s+Dense\(8→3\)\s+\[batch, 3\]\s+27\n/);
    expect(summary.stdout).toContain('total parameters: 51');
    expect(summary.stdout).toContain('epochs trained: 4');
    expect(summary.stdout).toContain('dataset: spiral');
  });

  it('saves a checkpoint on Ctrl-C and exits with 130', async () => {
    let sent = false;
    const result = await runCli(['train', 'sine', '--epochs', '100000', '--hidden', '4', '--out', 'sigint/model.safetensors'], {
      cwd: dir(),
      onStdout: (text, child) => {
        if (!sent && text.includes('epoch 2/')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(result.code).toBe(130);
    const checkpoint = join('sigint', 'model.checkpoint.safetensors');
    expect(result.stderr).toMatch(new RegExp(`^interrupted: saving a checkpoint.*\ncheckpoint of epoch \\d+ saved to ${checkpoint.replace('.', '\\.')}; continue with --resume`));
    expect((await stat(join(dir(), checkpoint))).size).toBeGreaterThan(0);
    // no model file: training did not finish
    expect(await readdir(join(dir(), 'sigint'))).toEqual(['model.checkpoint.safetensors']);
    const summary = await runCli(['summary', checkpoint], { cwd: dir() });
    expect(summary.stdout).toMatch(/epochs trained: \d+/);
  });

  it('Ctrl-C mid-epoch undoes that epoch; --resume trains it again and ends where an uninterrupted run does', async () => {
    // 3000 steps of one sample per epoch: the first epoch takes far longer than the signal needs to arrive.
    const common = ['train', 'spiral', '--batch-size', '1', '--seed', '5', '--epochs', '3'];
    let sent = false;
    const interrupted = await runCli([...common, '--hidden', '16', '--out', 'mid/model.safetensors'], {
      cwd: dir(),
      onStdout: (text, child) => {
        if (!sent && text.startsWith('training on')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(interrupted.code).toBe(130);
    const checkpoint = join('mid', 'model.checkpoint.safetensors');
    const stopped = new RegExp(
      `^interrupted: saving a checkpoint \\(Ctrl-C again to quit at once\\)\n` +
        `epoch (\\d+) stopped after (\\d+) of 3000 steps: its steps are undone, and --resume trains it again from its start\n` +
        `checkpoint of epoch (\\d+) saved to ${checkpoint.replaceAll('.', '\\.')}; continue with --resume`,
    ).exec(interrupted.stderr);
    expect(stopped, interrupted.stderr).not.toBeNull();
    const [epoch, steps, saved] = stopped!.slice(1).map(Number);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(3000);
    expect(saved).toBe(epoch - 1);
    // only whole epochs were printed, and the checkpoint counts only those
    expect(epochLines(interrupted.stdout, 1)).toHaveLength(saved);
    expect((await runCli(['summary', checkpoint], { cwd: dir() })).stdout).toContain(`epochs trained: ${saved}\n`);

    const resumed = await runCli([...common, '--resume', checkpoint, '--out', 'mid/resumed.safetensors'], { cwd: dir() });
    const full = await runCli([...common, '--hidden', '16', '--out', 'mid/full.safetensors'], { cwd: dir() });
    expect(resumed.code).toBe(0);
    expect(full.code).toBe(0);
    expect(epochLines(resumed.stdout, 1)).toEqual(epochLines(full.stdout, epoch));
    const [a, b] = [
      await runCli(['evaluate', join('mid', 'full.safetensors')], { cwd: dir() }),
      await runCli(['evaluate', join('mid', 'resumed.safetensors')], { cwd: dir() }),
    ];
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('stops early when the validation loss stops improving', async () => {
    const result = await runCli(['train', 'vertical', '--early-stopping', '1', '--epochs', '50', '--lr', '1', '--hidden', '4'], { cwd: dir() });
    expect(result.code).toBe(0);
    const stopped = /early stopping after epoch (\d+): the validation loss has not improved for 1 epochs/.exec(result.stdout);
    expect(stopped).not.toBeNull();
    const epochs = result.stdout.split('\n').filter((line) => line.startsWith('epoch '));
    expect(epochs).toHaveLength(Number(stopped![1]));
    expect(epochs.length).toBeLessThan(50);
  });
});
