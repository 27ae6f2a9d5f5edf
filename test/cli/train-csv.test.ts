import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/io/model-file.js';
import { temporaryFolder } from '../temporary-folder.js';
import { runCli } from './run-cli.js';

const iris = join(process.cwd(), 'data', 'iris.csv');
const irisArgs = ['train', '--csv', iris, '--target', 'species'];

/** The number after `<label> accuracy: ` in train's output. */
function accuracyOf(stdout: string, label: string): number {
  const match = new RegExp(`\\n${label.replace(/[()]/g, '\\$&')} accuracy: (\\d\\.\\d{4}), loss: \\d+\\.\\d{4}\\n`).exec(stdout);
  expect(match, stdout).not.toBeNull();
  return Number(match![1]);
}

const dir = temporaryFolder('scratchnet-cli-csv-', { per: 'file' });

describe('scratchnet train --csv: defaults that train a small table', () => {
  it('trains iris for at least 2000 steps by default, and reaches a high test accuracy', async () => {
    const result = await runCli([...irisArgs, '--drop', 'id'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('epochs: 500, so that 120 rows (4 steps per epoch) train for at least 2000 steps (--epochs sets them)');
    expect(lines[1]).toBe('training on iris.csv: 120 samples, Dense(4→64) ReLU Dense(64→64) ReLU Dense(64→3) Softmax');
    expect(lines.filter((line) => line.startsWith('epoch '))).toHaveLength(500);
    // 20 epochs (80 steps), the preset before, ended at 0.5667 on this split
    expect(accuracyOf(result.stdout, 'test')).toBeGreaterThanOrEqual(0.95);
    expect(result.stdout).toContain('\nmodel not saved: add --out <file>.safetensors to keep it\n');
  });

  it('--epochs still sets the epochs', async () => {
    const result = await runCli([...irisArgs, '--drop', 'id', '--epochs', '3'], { cwd: dir() });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('training on iris.csv: 120 samples')).toBe(true);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('epoch '))).toHaveLength(3);
  });
});

describe('scratchnet train --csv: columns', () => {
  it('--drop and --features choose the feature columns; the model records them', async () => {
    const dropped = await runCli([...irisArgs, '--drop', 'id,sepal_width', '--epochs', '1', '--out', 'drop.safetensors'], { cwd: dir() });
    expect(dropped.code).toBe(0);
    expect((await loadModel(join(dir(), 'drop.safetensors'))).metadata.featureNames).toEqual(['sepal_length', 'petal_length', 'petal_width']);
    const kept = await runCli([...irisArgs, '--features', 'petal_width,petal_length', '--epochs', '1', '--out', 'features.safetensors'], { cwd: dir() });
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('Dense(2→64)');
    expect((await loadModel(join(dir(), 'features.safetensors'))).metadata.featureNames).toEqual(['petal_length', 'petal_width']);
  });

  it('names a --drop or --features column the file does not have (exit 2)', async () => {
    const result = await runCli([...irisArgs, '--features', 'petal_width,colour'], { cwd: dir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --features names column "colour", which is not in ' + iris + ' (columns: id, sepal_length, sepal_width, petal_length, petal_width, species)\n',
    );
  });

  it('drops a text column with more than --max-categories distinct values, with a line saying so', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `user${i},${i % 7},${i % 2 ? 'yes' : 'no'}`);
    await writeFile(join(dir(), 'users.csv'), `name,visits,label\n${rows.join('\n')}\n`);
    const result = await runCli(['train', '--csv', 'users.csv', '--target', 'label', '--max-categories', '50', '--epochs', '1', '--out', 'users.safetensors'], { cwd: dir() });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'dropped column "name": more than 50 distinct values, too many to one-hot encode (--max-categories raises the limit)',
    );
    expect((await loadModel(join(dir(), 'users.safetensors'))).metadata.featureNames).toEqual(['visits']);
    const kept = await runCli(['train', '--csv', 'users.csv', '--target', 'label', '--max-categories', '60', '--epochs', '1'], { cwd: dir() });
    expect(kept.stdout).toContain('training on users.csv: 48 samples, Dense(61→64)');
  });
});

describe('scratchnet train --csv: test and validation sets', () => {
  it('--test-size holds out that share; --stratify keeps the class shares', async () => {
    const result = await runCli([...irisArgs, '--drop', 'id', '--test-size', '0.4', '--stratify', '--epochs', '1', '--json'], { cwd: dir() });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { samples: number; test: { samples: number } };
    expect(json.samples).toBe(90);
    expect(json.test.samples).toBe(60);
  });

  it('--test-csv tests on another file, prepared as the training rows, and holds out no training row', async () => {
    const text = await readFile(iris, 'utf8');
    const [header, ...rows] = text.trimEnd().split('\n');
    // every fifth row is the test file, the others train
    await writeFile(join(dir(), 'iris-train.csv'), [header, ...rows.filter((_, i) => i % 5 !== 0)].join('\n') + '\n');
    await writeFile(join(dir(), 'iris-test.csv'), [header, ...rows.filter((_, i) => i % 5 === 0)].join('\n') + '\n');
    const result = await runCli(['train', '--csv', 'iris-train.csv', '--target', 'species', '--drop', 'id', '--test-csv', 'iris-test.csv'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('training on iris-train.csv: 120 samples,');
    expect(accuracyOf(result.stdout, 'test (iris-test.csv)')).toBeGreaterThanOrEqual(0.9);
  });

  it('early stopping watches a validation split of the training rows, restores the best weights, and reports the test set apart', async () => {
    const result = await runCli([...irisArgs, '--drop', 'id', '--early-stopping', '3', '--lr', '0.05', '--out', 'early.safetensors'], { cwd: dir() });
    expect(result.code).toBe(0);
    // 20 % of the 120 training rows watched; the 30 test rows untouched
    expect(result.stdout).toContain('training on iris.csv: 96 samples, 24 held out for validation,');
    const stopped = /\nearly stopping after epoch (\d+): the validation loss has not improved for 3 epochs\nrestored the weights of epoch (\d+), the lowest validation loss \((\d\.\d{4})\)\n/.exec(result.stdout);
    expect(stopped, result.stdout).not.toBeNull();
    const [stoppedEpoch, bestEpoch] = [Number(stopped![1]), Number(stopped![2])];
    expect(bestEpoch).toBe(stoppedEpoch - 3);
    // the validation line is the restored epoch's validation loss
    expect(result.stdout).toMatch(new RegExp(`\\nvalidation accuracy: \\d\\.\\d{4}, loss: ${stopped![3]}\\ntest accuracy: `));
    const bestLine = result.stdout.split('\n').find((line) => line.startsWith(`epoch ${bestEpoch}/`));
    expect(bestLine).toContain(`val_loss ${stopped![3]}`);
    // evaluate on the test set gives what train printed for it
    const evaluated = await runCli(['evaluate', 'early.safetensors', '--csv', iris], { cwd: dir() });
    expect(evaluated.code).toBe(0);
  });

  it('refuses early stopping on the test set (--validation-split 0)', async () => {
    const result = await runCli([...irisArgs, '--early-stopping', '3', '--validation-split', '0'], { cwd: dir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --early-stopping watches a validation split of the training rows, never the test set: --validation-split must be > 0, received 0\n',
    );
  });
});

describe('scratchnet train: --class-weights, --hidden none, --json, --version', () => {
  it('--class-weights balanced prints the weights by class; a list must give one per class', async () => {
    const result = await runCli([...irisArgs, '--drop', 'id', '--class-weights', 'balanced', '--epochs', '1'], { cwd: dir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^class weights \(balanced\): setosa [\d.]+, versicolor [\d.]+, virginica [\d.]+\n/);
    const listed = await runCli([...irisArgs, '--drop', 'id', '--class-weights', '1,2,3', '--epochs', '1'], { cwd: dir() });
    expect(listed.stdout).toMatch(/^class weights: setosa 1, versicolor 2, virginica 3\n/);
    const wrong = await runCli([...irisArgs, '--class-weights', '1,2', '--epochs', '1'], { cwd: dir() });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('error: --class-weights must give one weight per class, 3 for iris.csv (setosa, versicolor, virginica), received 2\n');
  });

  it('--hidden none trains a linear model', async () => {
    const result = await runCli(['train', 'spiral', '--hidden', 'none', '--epochs', '1'], { cwd: dir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('training on spiral: 3000 samples, Dense(2→3) Softmax\n');
    const regression = await runCli(['train', 'sine', '--hidden', '', '--epochs', '1'], { cwd: dir() });
    expect(regression.code).toBe(0);
    expect(regression.stdout).toContain('training on sine: 1000 samples, Dense(1→1) Linear\n');
  });

  it('--json prints only the results on stdout, the lines on stderr', async () => {
    const result = await runCli(['train', 'sine', '--hidden', '4', '--epochs', '2', '--json'], { cwd: dir() });
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    const json = JSON.parse(result.stdout) as Record<string, unknown> & { test: Record<string, number>; history: Record<string, number>[] };
    expect(json).toMatchObject({ command: 'train', dataset: 'sine', task: 'regression', epochs: 2, model: null });
    expect(Object.keys(json.test)).toEqual(['samples', 'loss', 'accuracy', 'rootMeanSquaredError', 'meanAbsoluteError', 'coefficientOfDetermination']);
    expect(json.history).toHaveLength(2);
    expect(json.history[1]).toHaveProperty('validationRootMeanSquaredError');
    expect(result.stderr).toContain('training on sine: 1000 samples');
    expect(result.stderr).toMatch(/\ntest RMSE: /);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });
});

describe('scratchnet train: failed runs leave no empty folders', () => {
  it('removes the folders it created when training fails', async () => {
    // --lr 1e6 with SGD makes the loss non-finite: the run fails after the checkpoint folder was made
    const result = await runCli(
      ['train', 'sine', '--optimizer', 'sgd', '--lr', '1e30', '--epochs', '5', '--checkpoint-every', '2', '--out', 'deep/er/model.safetensors', '--plot', 'plots/x'],
      { cwd: dir() },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Model\.train: /);
    const entries = await readdir(dir());
    expect(entries).not.toContain('deep');
    expect(entries).not.toContain('plots');
  });
});
