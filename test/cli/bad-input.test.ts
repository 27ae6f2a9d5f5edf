import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../src/io/model-file.js';
import { dense, randomModel } from '../io/helpers.js';
import { claimingPng } from '../data/make-png.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-cli-bad-'));
  await mkdir(join(dir, 'folder'));
  await writeFile(join(dir, 'not-a-model.safetensors'), 'this is not a model file at all');
  await writeFile(join(dir, 'model.txt'), 'this is not json');
  await writeFile(join(dir, 'rows.csv'), 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n');
  await writeFile(join(dir, 'other.csv'), 'c,d\n1,2\n');
  const { model } = randomModel([dense(2, 3), { type: 'Softmax' }]);
  model.metadata = { dataset: 'csv', featureNames: ['a', 'b'], classNames: ['x', 'y', 'z'] };
  await saveModel(model, join(dir, 'model.safetensors'));
  // A model as `train --csv rows.csv --target label` records it, and one trained on a built-in dataset.
  const { model: csvModel } = randomModel([dense(2, 2), { type: 'Softmax' }]);
  csvModel.metadata = { dataset: 'csv', target: 'label', task: 'classification', featureNames: ['a', 'b'], classNames: ['x', 'y'] };
  await saveModel(csvModel, join(dir, 'csv-model.safetensors'));
  const { model: plain } = randomModel([dense(2, 3), { type: 'Softmax' }]);
  plain.metadata = { dataset: 'spiral', classNames: ['0', '1', '2'] };
  await saveModel(plain, join(dir, 'plain.safetensors'));
  await writeFile(join(dir, 'features.csv'), 'a,b\n1,2\n');
  await writeFile(join(dir, 'huge.png'), claimingPng(20000, 20000));
  await writeFile(join(dir, 'words.csv'), 'a,b,label\n1,two,x\n');
  await writeFile(join(dir, 'classes.csv'), 'a,b,label\n1,2,x\n3,4,w\n');
  await writeFile(join(dir, 'wide.csv'), 'a,b,c,label\n1,2,3,0\n');
  await writeFile(join(dir, 'bad-config.json'), JSON.stringify({ layers: [{ type: 'Dense', inputs: 2, units: 3 }, { type: 'Conv9D' }] }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OUTPUTS = ['--out', 'out/model.safetensors', '--plot', 'plots'];

/** Bad command lines, what the one error line must say, and the exit code. */
const cases: [string, string[], string, number][] = [
  ['a CNN on data without images', ['train', 'sine', '--model', 'cnn', ...OUTPUTS], 'error: --model cnn needs a dataset of images (fashion-mnist), received "sine"', 2],
  ['an unknown dataset', ['train', 'mnist', ...OUTPUTS], 'error: dataset must be one of fashion-mnist, spiral, vertical, sine, california-housing, california-housing-sklearn, received "mnist"', 2],
  ['an unknown flag', ['train', 'spiral', '--learning-rate', '0.1', ...OUTPUTS], "error: unknown option '--learning-rate'", 2],
  ['an unknown command', ['fit', 'spiral'], "error: unknown command 'fit'", 2],
  ['an unknown flag holding control characters', ['train', 'spiral', '--x\u001b[2J', ...OUTPUTS], "error: unknown option '--x\\x1b[2J'", 2],
  ['--epochs 0', ['train', 'spiral', '--epochs', '0', ...OUTPUTS], 'error: --epochs must be an integer >= 1, received "0"', 2],
  ['--lr -1', ['train', 'spiral', '--lr', '-1', ...OUTPUTS], 'error: --lr must be a finite number > 0, received "-1"', 2],
  ['--lr NaN', ['train', 'spiral', '--lr', 'NaN', ...OUTPUTS], 'error: --lr must be a finite number > 0, received "NaN"', 2],
  ['--batch-size 0', ['train', 'spiral', '--batch-size', '0', ...OUTPUTS], 'error: --batch-size must be an integer >= 1, received "0"', 2],
  ['--seed past 32 bits', ['train', 'spiral', '--seed', '4294967296', ...OUTPUTS], 'error: --seed must be an integer in [0, 4294967295], received "4294967296"', 2],
  ['--resume with --lr', ['train', 'spiral', '--resume', 'c.safetensors', '--lr', '0.1', ...OUTPUTS], "error: --resume continues with the checkpoint's optimizer and its state, received --lr too", 2],
  ['--resume with --optimizer', ['train', 'spiral', '--resume', 'c.safetensors', '--optimizer', 'sgd', ...OUTPUTS], "error: --resume continues with the checkpoint's optimizer and its state, received --optimizer too", 2],
  ['a flag without its value', ['train', 'spiral', '--lr'], "error: option '--lr <number>' argument missing", 2],
  ['a directory for --out', ['train', 'spiral', '--out', 'folder'], 'error: --out must be a file path, received "folder" (a directory)', 2],
  ['a file for --plot', ['train', 'spiral', '--plot', 'bad-config.json'], 'error: --plot must be a directory, received "bad-config.json" (an existing file)', 2],
  ['a missing checkpoint', ['train', 'spiral', '--resume', 'missing.safetensors', ...OUTPUTS], 'error: --resume must be a readable file, received "missing.safetensors" (no such file)', 2],
  ['a config that is not JSON', ['train', 'spiral', '--config', 'model.txt', ...OUTPUTS], 'error: --config "model.txt" is not valid JSON (Unexpected token \'h\', "this is not json" is not valid JSON)', 2],
  ['a config with an unknown layer', ['train', 'spiral', '--config', 'bad-config.json', ...OUTPUTS], 'error: --config bad-config.json: architecture layer 1 has unknown type "Conv9D" (known: Dense, Dropout, ReLU, Sigmoid, Softmax, Linear, Tanh, LeakyReLU, Flatten, Conv2D, MaxPool2D)', 2],
  ['a missing model file', ['summary', 'missing.safetensors'], 'error: model must be a readable file, received "missing.safetensors" (no such file)', 2],
  ['a directory for a model', ['evaluate', 'folder', 'spiral'], 'error: model must be a readable file, received "folder" (a directory)', 2],
  ['an unknown dataset to evaluate on', ['evaluate', 'not-a-model.safetensors', 'iris'], 'error: dataset must be one of fashion-mnist, spiral, vertical, sine, california-housing, california-housing-sklearn, received "iris"', 2],
  ['a missing CSV file', ['train', '--csv', 'missing.csv', '--target', 'y', ...OUTPUTS], 'error: --csv must be a readable file, received "missing.csv" (no such file)', 2],
  ['a directory for a CSV file', ['train', '--csv', 'folder', '--target', 'y', ...OUTPUTS], 'error: --csv must be a readable file, received "folder" (a directory)', 2],
  ['--csv without --target', ['train', '--csv', 'rows.csv', ...OUTPUTS], 'error: --csv needs --target <column>, received none', 2],
  ['a missing target column', ['train', '--csv', 'rows.csv', '--target', 'price', ...OUTPUTS], 'error: rows.csv: target column "price" not found (columns: a, b, label)', 1],
  ['an unknown task', ['train', '--csv', 'rows.csv', '--target', 'label', '--task', 'ranking', ...OUTPUTS], 'error: --task must be one of classification, regression, received "ranking"', 2],
  ['a dataset and --csv', ['train', 'spiral', '--csv', 'rows.csv', '--target', 'label', ...OUTPUTS], 'error: give either a dataset or --csv, received both "spiral" and --csv "rows.csv"', 2],
  ['--target without --csv', ['train', 'spiral', '--target', 'label', ...OUTPUTS], 'error: --target only applies with --csv, received dataset "spiral"', 2],
  ['an unknown backend', ['train', 'spiral', '--backend', 'gpu', ...OUTPUTS], 'error: --backend must be one of wasm, js, received "gpu"', 2],
  ['an unknown backend to predict on', ['predict', 'model.safetensors', '--csv', 'rows.csv', '--backend', 'webgpu'], 'error: --backend must be one of wasm, js, received "webgpu"', 2],
  ['export without --format', ['export', 'model.safetensors', '-o', 'model.onnx'], 'error: export needs --format onnx|tfjs, received none', 2],
  ['an unknown export format', ['export', 'model.safetensors', '--format', 'pmml', '-o', 'model.pmml'], 'error: --format must be one of onnx, tfjs, received "pmml"', 2],
  ['export without -o', ['export', 'model.safetensors', '--format', 'onnx'], 'error: export needs -o <path>, received none', 2],
  ['a directory for the ONNX file', ['export', 'model.safetensors', '--format', 'onnx', '-o', 'folder'], 'error: -o must be a file path, received "folder" (a directory)', 2],
  ['a file for the TF.js folder', ['export', 'model.safetensors', '--format', 'tfjs', '-o', 'rows.csv'], 'error: -o must be a directory, received "rows.csv" (an existing file)', 2],
  ['predict without rows', ['predict', 'model.safetensors'], 'error: predict needs --csv <file> or --image <file>, received neither', 2],
  ['predict with both --csv and --image', ['predict', 'model.safetensors', '--csv', 'rows.csv', '--image', 'rows.csv'], 'error: predict takes --csv or --image, received both', 2],
  ['--out with --image', ['predict', 'model.safetensors', '--image', 'rows.csv', '--out', 'p.csv'], 'error: --out only applies with --csv, received --image "rows.csv"', 2],
  ['--top 0', ['predict', 'model.safetensors', '--csv', 'rows.csv', '--top', '0'], 'error: --top must be an integer >= 1, received "0"', 2],
  ['rows without a column the model was trained with', ['predict', 'model.safetensors', '--csv', 'other.csv', '--out', 'p.csv'], 'error: --csv other.csv: missing column "a" the model was trained with (columns: c, d)', 1],
  ['evaluate a CSV-trained model without --csv', ['evaluate', 'csv-model.safetensors'], 'error: evaluate needs --csv <file>: csv-model.safetensors was trained on a CSV file (target "label"), received none', 2],
  ['evaluate on a dataset and --csv', ['evaluate', 'csv-model.safetensors', 'spiral', '--csv', 'rows.csv'], 'error: give either a dataset or --csv, received both "spiral" and --csv "rows.csv"', 2],
  ['evaluate --target without --csv', ['evaluate', 'csv-model.safetensors', '--target', 'label'], 'error: --target only applies with --csv, received no --csv', 2],
  ['evaluate on a missing CSV file', ['evaluate', 'csv-model.safetensors', '--csv', 'missing.csv'], 'error: --csv must be a readable file, received "missing.csv" (no such file)', 2],
  ['evaluate with another task than the model\'s', ['evaluate', 'csv-model.safetensors', '--csv', 'rows.csv', '--task', 'regression'], 'error: --task must be the model\'s: csv-model.safetensors is a classification model, received "regression"', 2],
  ['evaluate --csv when the model records no target', ['evaluate', 'plain.safetensors', '--csv', 'rows.csv'], 'error: --csv needs --target <column>: plain.safetensors records no target column, received none', 2],
  ['evaluate on rows without a feature column', ['evaluate', 'csv-model.safetensors', '--csv', 'other.csv'], 'error: --csv other.csv: missing column "a" the model was trained with (columns: c, d)', 1],
  ['evaluate on rows without the target column', ['evaluate', 'csv-model.safetensors', '--csv', 'features.csv'], 'error: --csv features.csv: missing target column "label" (columns: a, b)', 1],
  ['evaluate on a non-numeric feature', ['evaluate', 'csv-model.safetensors', '--csv', 'words.csv'], 'error: --csv words.csv: row 1, column "b" must be a number, received "two"', 1],
  ['evaluate on a class the model does not know', ['evaluate', 'csv-model.safetensors', '--csv', 'classes.csv'], 'error: --csv classes.csv: row 2, target column "label" must hold one of the model\'s classes (x, y), received "w"', 1],
  ['evaluate on the wrong number of features', ['evaluate', 'plain.safetensors', '--csv', 'wide.csv', '--target', 'label'], 'error: --csv wide.csv: the model takes 2 features, received 3 columns (a, b, c)', 1],
  ['an image that is not an image', ['predict', 'model.safetensors', '--image', 'rows.csv'], 'error: loadImageForPrediction: rows.csv is not an image this library reads; accepted formats: PNG, JPEG', 1],
  ['an image claiming 20000×20000 pixels', ['predict', 'model.safetensors', '--image', 'huge.png'], 'error: loadImageForPrediction: huge.png is a PNG of 20000×20000 = 400000000 pixels, more than the limit of 50000000 (option maxPixels raises it)', 1],
  ['--max-pixels that is not a count', ['predict', 'model.safetensors', '--image', 'rows.csv', '--max-pixels', '0'], 'error: --max-pixels must be an integer >= 1, received "0"', 2],
  ['--max-pixels with --csv', ['predict', 'model.safetensors', '--csv', 'rows.csv', '--max-pixels', '10'], 'error: --max-pixels only applies with --image, received --csv "rows.csv"', 2],
];
describe('bad input: one line on stderr, exit code, no stack, no files', () => {
  it.concurrent.each(cases)('rejects %s', async (_name, args, line, code) => {
    const before = (await readdir(dir)).sort();
    const result = await runCli(args, { cwd: dir });
    expect(result.stderr).toBe(`${line}\n`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(code);
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('names a file that is not a model (exit 1, no stack)', async () => {
    const result = await runCli(['summary', 'not-a-model.safetensors'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: not-a-model\.safetensors: /);
  });

  it('prints the stack only with --verbose', async () => {
    const result = await runCli(['evaluate', 'not-a-model.safetensors', '--verbose'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: not-a-model\.safetensors: .*\n/);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

});
