import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASS_NAMES } from '../../src/data/fashion-mnist.js';
import { loadImageForPrediction } from '../../src/data/image.js';
import { StandardScaler } from '../../src/data/preprocessing/standard-scaler.js';
import { loadModel, saveModel } from '../../src/io/model-file.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { dense, randomModel } from '../io/helpers.js';
import { temporaryFolder } from '../temporary-folder.js';
import { runCli } from './run-cli.js';

const dir = temporaryFolder('scratchnet-cli-predict-', { per: 'file' });

/** Two numeric features; the label says whether they sum to more than 1 (a line the network learns in a few epochs). */
function labelledRows(rows: number): string {
  const lines = ['a,b,label'];
  for (let i = 0; i < rows; i++) {
    // A fixed, evenly spread grid of points: no randomness needed.
    const a = ((i * 37) % 101) / 100;
    const b = ((i * 59) % 103) / 102;
    lines.push(`${a},${b},${a + b > 1 ? 'big' : 'small'}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('scratchnet train --csv and predict --csv', () => {
  it('trains on a CSV file, then predicts new rows with the class names and the training scaler', async () => {
    await writeFile(join(dir(), 'points.csv'), labelledRows(300));
    const train = await runCli(['train', '--csv', 'points.csv', '--target', 'label', '--epochs', '30', '--batch-size', '16', '--out', 'points.safetensors'], { cwd: dir() });
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    expect(train.stdout).toContain('training on points.csv: 240 samples, Dense(2→64) ReLU Dense(64→64) ReLU Dense(64→2) Softmax');
    expect(train.stdout).toMatch(/\ntest accuracy: \d\.\d{4}, loss: \d+\.\d{4}\n/);

    // The rows to predict carry an extra column (an id) and the features in another order.
    await writeFile(join(dir(), 'new.csv'), 'id,b,a\n1,0.05,0.1\n2,0.9,0.95\n3,0.1,0.2\n');
    const printed = await runCli(['predict', 'points.safetensors', '--csv', 'new.csv'], { cwd: dir() });
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^1: small \d+\.\d%, big \d+\.\d%$/);
    expect(lines[1]).toMatch(/^2: big \d+\.\d%, small \d+\.\d%$/);
    expect(lines[2]).toMatch(/^3: small \d+\.\d%, big \d+\.\d%$/);

    const written = await runCli(['predict', 'points.safetensors', '--csv', 'new.csv', '--out', 'preds/new.csv'], { cwd: dir() });
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('3 predictions written to preds/new.csv\n');
    const records = parse(await readFile(join(dir(), 'preds', 'new.csv'), 'utf8')) as string[][];
    expect(records[0]).toEqual(['prediction', 'probability_big', 'probability_small']);

    // The same numbers as the model itself on the rows standardized with the scaler saved at training.
    const model = await loadModel(join(dir(), 'points.safetensors'));
    expect(model.metadata.classNames).toEqual(['big', 'small']);
    expect(model.metadata.featureNames).toEqual(['a', 'b']);
    const scaler = StandardScaler.fromJSON(model.metadata.featureScaler);
    const expected = model.predict(scaler.transform(Tensor.from([[0.1, 0.05], [0.95, 0.9], [0.2, 0.1]])));
    expect(records.slice(1).map((row) => row[0])).toEqual(['small', 'big', 'small']);
    records.slice(1).forEach((row, i) => {
      expect(Number(row[1])).toBeCloseTo(expected.data[2 * i], 6);
      expect(Number(row[2])).toBeCloseTo(expected.data[2 * i + 1], 6);
    });
  });

  it('predicts a regression target in its own units', async () => {
    const lines = ['x,price'];
    for (let i = 0; i < 200; i++) lines.push(`${i / 10},${1000 + 50 * (i / 10)}`);
    await writeFile(join(dir(), 'prices.csv'), `${lines.join('\n')}\n`);
    const train = await runCli(['train', '--csv', 'prices.csv', '--target', 'price', '--epochs', '40', '--batch-size', '16', '--out', 'prices.safetensors'], { cwd: dir() });
    expect(train.code).toBe(0);
    expect(train.stdout).toContain('Dense(1→64) ReLU Dense(64→64) ReLU Dense(64→1) Linear');
    const model = await loadModel(join(dir(), 'prices.safetensors'));
    expect(model.metadata.task).toBe('regression');

    await writeFile(join(dir(), 'x.csv'), 'x\n5\n15\n');
    const result = await runCli(['predict', 'prices.safetensors', '--csv', 'x.csv'], { cwd: dir() });
    expect(result.code).toBe(0);
    const values = result.stdout.trimEnd().split('\n').map((line) => Number(line.replace(/^\d+: /, '')));
    // Trained on a standardized target: without the inverse transform these would be near 0.
    const fromModel = StandardScaler.fromJSON(model.metadata.targetScaler).inverseTransform(
      model.predict(StandardScaler.fromJSON(model.metadata.featureScaler).transform(Tensor.from([[5], [15]]))),
    );
    expect(values[0]).toBeCloseTo(fromModel.data[0], 2);
    expect(values[1]).toBeCloseTo(fromModel.data[1], 2);
    expect(values[0]).toBeGreaterThan(1000);
    expect(values[1]).toBeGreaterThan(values[0]);

    // --id-column carries the id through; values are the float32's shortest decimal, as printed
    await writeFile(join(dir(), 'ids.csv'), 'house,x\nh-5,5\nh-15,15\n');
    const written = await runCli(['predict', 'prices.safetensors', '--csv', 'ids.csv', '--id-column', 'house', '--out', 'prices-out.csv'], { cwd: dir() });
    expect(written.code).toBe(0);
    const csv = await readFile(join(dir(), 'prices-out.csv'), 'utf8');
    const shortest = (value: number): string => {
      for (let digits = 1; digits <= 9; digits++) {
        const text = String(Number(value.toPrecision(digits)));
        if (Math.fround(Number(text)) === value) return text;
      }
      return String(value);
    };
    expect(csv).toBe(`house,prediction\nh-5,${shortest(fromModel.data[0])}\nh-15,${shortest(fromModel.data[1])}\n`);
    const shown = await runCli(['predict', 'prices.safetensors', '--csv', 'ids.csv', '--id-column', 'house'], { cwd: dir() });
    expect(shown.stdout).toBe(`h-5: ${shortest(fromModel.data[0])}\nh-15: ${shortest(fromModel.data[1])}\n`);
    const json = await runCli(['predict', 'prices.safetensors', '--csv', 'ids.csv', '--id-column', 'house', '--json'], { cwd: dir() });
    expect(JSON.parse(json.stdout)).toEqual({
      command: 'predict', rows: 2,
      predictions: [{ house: 'h-5', prediction: fromModel.data[0] }, { house: 'h-15', prediction: fromModel.data[1] }],
    });
    expect(json.stderr).toBe(shown.stdout);
    const missing = await runCli(['predict', 'prices.safetensors', '--csv', 'ids.csv', '--id-column', 'id'], { cwd: dir() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: --csv ids.csv: missing --id-column "id" (columns: house, x)\n');

    const evaluated = await runCli(['evaluate', 'prices.safetensors', '--csv', 'prices.csv', '--json'], { cwd: dir() });
    expect(evaluated.code).toBe(0);
    expect(Object.keys(JSON.parse(evaluated.stdout) as object)).toEqual([
      'command', 'data', 'samples', 'task', 'rootMeanSquaredError', 'meanAbsoluteError', 'coefficientOfDetermination', 'accuracy', 'loss',
    ]);
  });

  it('refuses a category training never saw, and encodes it as zeros with --unknown-categories zeros', async () => {
    const rows = ['size,color,label'];
    for (let i = 0; i < 120; i++) rows.push(`${(i % 10) / 10},${i % 2 === 0 ? 'red' : 'blue'},${i % 2 === 0 ? 'warm' : 'cold'}`);
    await writeFile(join(dir(), 'colors.csv'), `${rows.join('\n')}\n`);
    const train = await runCli(['train', '--csv', 'colors.csv', '--target', 'label', '--epochs', '5', '--out', 'colors.safetensors'], { cwd: dir() });
    expect(train.code).toBe(0);
    await writeFile(join(dir(), 'unseen.csv'), 'size,color\n0.5,red\n0.5,green\n');

    const refused = await runCli(['predict', 'colors.safetensors', '--csv', 'unseen.csv'], { cwd: dir() });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'error: --csv unseen.csv: row 2, column "color" holds "green", a category not seen in training (known: blue, red); --unknown-categories zeros encodes it as all zeros\n',
    );
    await writeFile(join(dir(), 'unseen-labelled.csv'), 'size,color,label\n0.5,red,warm\n0.5,green,cold\n');
    const evaluateRefused = await runCli(['evaluate', 'colors.safetensors', '--csv', 'unseen-labelled.csv'], { cwd: dir() });
    expect(evaluateRefused.code).toBe(1);
    expect(evaluateRefused.stderr).toContain('row 2, column "color" holds "green", a category not seen in training');
    const evaluated = await runCli(['evaluate', 'colors.safetensors', '--csv', 'unseen-labelled.csv', '--unknown-categories', 'zeros'], { cwd: dir() });
    expect(evaluated.stderr).toBe('');
    expect(evaluated.code).toBe(0);

    const zeros = await runCli(['predict', 'colors.safetensors', '--csv', 'unseen.csv', '--unknown-categories', 'zeros'], { cwd: dir() });
    expect(zeros.stderr).toBe('');
    expect(zeros.code).toBe(0);
    expect(zeros.stdout.trimEnd().split('\n')).toHaveLength(2);

    const bad = await runCli(['predict', 'colors.safetensors', '--csv', 'unseen.csv', '--unknown-categories', 'skip'], { cwd: dir() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --unknown-categories must be one of error, zeros, received "skip"\n');
    const imageOnly = await runCli(['predict', 'colors.safetensors', '--image', 'unseen.csv', '--unknown-categories', 'zeros'], { cwd: dir() });
    expect(imageOnly.code).toBe(2);
    expect(imageOnly.stderr).toBe('error: --unknown-categories only applies with --csv, received --image "unseen.csv"\n');
  });
});

describe('scratchnet predict --image', () => {
  it('prints the three most probable Fashion-MNIST class names with their probabilities', async () => {
    const { model } = randomModel([dense(784, 16), { type: 'ReLU' }, dense(16, 10), { type: 'Softmax' }], 7);
    // Standard-normal weights saturate the softmax; scale them down so three classes get visible probabilities.
    for (const [, parameter] of model.namedParameters()) for (let i = 0; i < parameter.value.data.length; i++) parameter.value.data[i] *= 0.05;
    model.metadata = { dataset: 'fashion-mnist', classNames: [...FASHION_MNIST_CLASS_NAMES] };
    await saveModel(model, join(dir(), 'fashion.safetensors'));

    // A dark T-shirt-ish blob on a white background, larger than 28×28.
    const image = new Jimp({ width: 56, height: 56, color: 0xffffffff });
    for (let y = 8; y < 48; y++) for (let x = 14; x < 42; x++) image.setPixelColor(0x303030ff, x, y);
    await image.write(join(dir(), 'shirt.png') as `${string}.png`);

    const result = await runCli(['predict', 'fashion.safetensors', '--image', 'shirt.png'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const probabilities = model.predict(await loadImageForPrediction(join(dir(), 'shirt.png'))).data;
    const top = Array.from(probabilities, (p, id) => ({ p, id }))
      .sort((x, y) => y.p - x.p || x.id - y.id)
      .slice(0, 3)
      .map(({ p, id }) => `${FASHION_MNIST_CLASS_NAMES[id]} ${(100 * p).toFixed(1)}%`);
    expect(result.stdout).toBe(`${top.join(', ')}\n`);
  });
});
