import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StandardScaler } from '../../src/data/preprocessing/standard-scaler.js';
import { loadModel } from '../../src/io/model-file.js';
import { RegressionAccuracy } from '../../src/metrics/regression-accuracy.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { temporaryFolder } from '../temporary-folder.js';
import { runCli } from './run-cli.js';

const dir = temporaryFolder('scratchnet-cli-evaluate-', { per: 'file' });

interface House {
  rooms: number;
  age: number;
  zone: string;
  price: number;
}

/** Deterministic houses: price from rooms, age and zone plus a wobble. */
function houses(from: number, count: number): House[] {
  const zones = ['north', 'south', 'east'];
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const rooms = 1 + ((i * 7) % 8);
    const age = (i * 13) % 61;
    const zone = zones[(i * 5) % 3];
    const price = 50000 + 30000 * rooms - 500 * age + (zone === 'north' ? 20000 : zone === 'east' ? 10000 : 0) + 4000 * Math.sin(i);
    return { rooms, age, zone, price: Math.round(price) };
  });
}

function housesCsv(rows: House[], gaps: readonly number[] = []): string {
  const lines = rows.map((h, i) => `${h.rooms},${gaps.includes(i) ? '' : h.age},${h.zone},${h.price}`);
  return `rooms,age,zone,price\n${lines.join('\n')}\n`;
}

/** `label (n samples): accuracy a, loss l[, RMSE r, MAE m, R² q]` as numbers. */
function parseLine(stdout: string): { label: string; samples: number; values: Record<string, number> } {
  const match = /^(.+) \((\d+) samples\): (.*)\n$/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  const values = Object.fromEntries(match![3].split(', ').map((part) => {
    const [name, value] = part.split(' ');
    return [name, Number(value)];
  }));
  return { label: match![1], samples: Number(match![2]), values };
}

describe('scratchnet evaluate --csv', () => {
  it('evaluates a regression model trained on a CSV file on a held-out file, in the target units, as computed by hand', async () => {
    // Two empty "age" cells: training fills them with the median and records it.
    await writeFile(join(dir(), 'houses.csv'), housesCsv(houses(0, 200), [3, 17]));
    const held = houses(1000, 40);
    await writeFile(join(dir(), 'held-out.csv'), housesCsv(held));
    const train = await runCli(
      ['train', '--csv', 'houses.csv', '--target', 'price', '--epochs', '20', '--batch-size', '16', '--hidden', '16', '--out', 'houses.safetensors'],
      { cwd: dir() },
    );
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);

    const result = await runCli(['evaluate', 'houses.safetensors', '--csv', 'held-out.csv'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { label, samples, values } = parseLine(result.stdout);
    expect(label).toBe('held-out.csv');
    expect(samples).toBe(40);
    // regression leads with the errors in the target's units; the book's accuracy follows
    expect(Object.keys(values)).toEqual(['RMSE', 'MAE', 'R²', 'accuracy', 'loss']);

    // By hand: the recorded one-hot layout and scalers, then the metrics in float64.
    const model = await loadModel(join(dir(), 'houses.safetensors'));
    expect(model.metadata.featureNames).toEqual(['rooms', 'age', 'zone=east', 'zone=north', 'zone=south']);
    expect(model.metadata).toMatchObject({ target: 'price', task: 'regression', imputed: { age: expect.any(Number) } });
    const x = Tensor.from(held.map((h) => [h.rooms, h.age, h.zone === 'east' ? 1 : 0, h.zone === 'north' ? 1 : 0, h.zone === 'south' ? 1 : 0]));
    const z = model.predict(StandardScaler.fromJSON(model.metadata.featureScaler).transform(x)).data;
    const { mean: [mean], scale: [scale] } = model.metadata.targetScaler as { mean: number[]; scale: number[] };
    const actual = held.map((h) => h.price);
    const predicted = Array.from(z, (value) => value * scale + mean);
    const errors = predicted.map((p, i) => p - actual[i]);
    const average = actual.reduce((a, b) => a + b, 0) / actual.length;
    const squares = errors.reduce((sum, e) => sum + e * e, 0);
    const precision = (model.accuracy as RegressionAccuracy).precision!;
    const standardized = actual.map((a) => (a - mean) / scale);
    expect(values.loss).toBeCloseTo(standardized.reduce((sum, s, i) => sum + (z[i] - s) ** 2, 0) / actual.length, 3);
    expect(values.accuracy).toBeCloseTo(standardized.filter((s, i) => Math.abs(z[i] - s) < precision).length / actual.length, 3);
    expect(Math.abs(values.RMSE / Math.sqrt(squares / actual.length) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(values.MAE / (errors.reduce((sum, e) => sum + Math.abs(e), 0) / actual.length) - 1)).toBeLessThan(1e-4);
    expect(values['R²']).toBeCloseTo(1 - squares / actual.reduce((sum, a) => sum + (a - average) ** 2, 0), 3);
    expect(values.RMSE).toBeGreaterThan(100); // dollars, not standard deviations

    // The training file itself, empty cells and all, with the options train took.
    const same = await runCli(['evaluate', 'houses.safetensors', '--csv', 'houses.csv', '--target', 'price', '--task', 'regression'], { cwd: dir() });
    expect(same.stderr).toBe('');
    expect(same.code).toBe(0);
    expect(parseLine(same.stdout)).toMatchObject({ label: 'houses.csv', samples: 200 });

    await writeFile(join(dir(), 'priceless.csv'), 'rooms,age,zone,price\n3,10,north,100000\n4,12,south,n/a\n');
    const bad = await runCli(['evaluate', 'houses.safetensors', '--csv', 'priceless.csv'], { cwd: dir() });
    expect(bad.stderr).toBe('error: --csv priceless.csv: row 2, target column "price" must be a number, received "n/a"\n');
    expect(bad.stdout).toBe('');
    expect(bad.code).toBe(1);
  });

  it('evaluates a classification model on a CSV file: accuracy as its own predictions give it, no regression metrics', async () => {
    const rows = (from: number, count: number): string[] =>
      Array.from({ length: count }, (_, k) => {
        const i = from + k;
        const a = ((i * 37) % 101) / 100;
        const b = ((i * 59) % 103) / 102;
        return `${a},${b},${a + b > 1 ? 'big' : 'small'}`;
      });
    await writeFile(join(dir(), 'points.csv'), `a,b,label\n${rows(0, 300).join('\n')}\n`);
    const held = rows(500, 50);
    // The columns in another order, plus an id: they are picked by name.
    await writeFile(join(dir(), 'points-held.csv'), `label,id,b,a\n${held.map((line, i) => { const [a, b, label] = line.split(','); return `${label},${i},${b},${a}`; }).join('\n')}\n`);
    const train = await runCli(['train', '--csv', 'points.csv', '--target', 'label', '--epochs', '20', '--batch-size', '16', '--hidden', '16', '--out', 'points.safetensors'], { cwd: dir() });
    expect(train.code).toBe(0);

    const result = await runCli(['evaluate', 'points.safetensors', '--csv', 'points-held.csv'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^points-held\.csv \(50 samples\): accuracy \d\.\d{4}, loss \d+\.\d{4}\n$/);

    const model = await loadModel(join(dir(), 'points.safetensors'));
    const x = Tensor.from(held.map((line) => line.split(',').slice(0, 2).map(Number)));
    const probabilities = model.predict(StandardScaler.fromJSON(model.metadata.featureScaler).transform(x)).data;
    const names = model.metadata.classNames as string[];
    const correct = held.filter((line, i) => names[probabilities[2 * i] >= probabilities[2 * i + 1] ? 0 : 1] === line.split(',')[2]).length;
    expect(parseLine(result.stdout).values.accuracy).toBeCloseTo(correct / held.length, 4);
  });

  it('prints RMSE, MAE and R² for a built-in regression dataset', async () => {
    const train = await runCli(['train', 'sine', '--epochs', '2', '--hidden', '4', '--out', 'sine.safetensors'], { cwd: dir() });
    expect(train.code).toBe(0);
    const result = await runCli(['evaluate', 'sine.safetensors'], { cwd: dir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sine test set \(1000 samples\): RMSE [\d.e-]+, MAE [\d.e-]+, R² -?\d+\.\d{4}, accuracy \d\.\d{4}, loss \d+\.\d{4}\n$/);
    // The line train printed for the same model and rows.
    const errors = /\ntest (RMSE: .*)\n/.exec(train.stdout)![1].replaceAll(': ', ' ');
    const book = /\ntest accuracy \(the book's \|ŷ − y\| < std\(y\)\/250\): (.*)\n/.exec(train.stdout)![1].replaceAll(': ', ' ');
    expect(result.stdout).toBe(`sine test set (1000 samples): ${errors}, accuracy ${book}\n`);
  });
});
