import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandardScaler } from '../../src/data/preprocessing/standard-scaler.js';
import { loadModel } from '../../src/io/model-file.js';
import { importTfjs } from '../../src/io/tfjs.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { runCli } from './run-cli.js';

let dir: string;
/** Raw feature rows (columns a, b) and what `predict --out` wrote for them: [rows, 2] probabilities. */
const rows = [[0.1, 0.05], [0.95, 0.9], [0.2, 0.7], [0.6, 0.5]];
let predicted: number[][];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-cli-export-'));
  const lines = ['a,b,label'];
  for (let i = 0; i < 200; i++) {
    const a = ((i * 37) % 101) / 100;
    const b = ((i * 59) % 103) / 102;
    // Features far from mean 0 / scale 1, so a missing standardization would show.
    lines.push(`${100 + 50 * a},${-20 + 8 * b},${a + b > 1 ? 'big' : 'small'}`);
  }
  await writeFile(join(dir, 'points.csv'), `${lines.join('\n')}\n`);
  const train = await runCli(['train', '--csv', 'points.csv', '--target', 'label', '--epochs', '10', '--out', 'points.safetensors'], { cwd: dir });
  expect(train.code).toBe(0);
  await writeFile(join(dir, 'new.csv'), `a,b\n${rows.map(([a, b]) => `${100 + 50 * a},${-20 + 8 * b}`).join('\n')}\n`);
  const predict = await runCli(['predict', 'points.safetensors', '--csv', 'new.csv', '--out', 'predictions.csv'], { cwd: dir });
  expect(predict.code).toBe(0);
  const records = parse(await readFile(join(dir, 'predictions.csv'), 'utf8')) as string[][];
  predicted = records.slice(1).map((record) => [Number(record[1]), Number(record[2])]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function rawFeatures(): Float32Array {
  return Float32Array.from(rows.flatMap(([a, b]) => [100 + 50 * a, -20 + 8 * b]));
}

describe('scratchnet export', () => {
  it('writes ONNX that takes raw features and gives what predict gives (ONNX Runtime)', async () => {
    const result = await runCli(['export', 'points.safetensors', '--format', 'onnx', '-o', 'onnx/points.onnx'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'ONNX model written to onnx/points.onnx (feature standardization built in: it takes raw feature values)\ninputs, in this order: a, b\n',
    );
    const session = await ort.InferenceSession.create(join(dir, 'onnx', 'points.onnx'));
    const { output } = await session.run({ input: new ort.Tensor('float32', rawFeatures(), [rows.length, 2]) });
    expect(output.dims).toEqual([rows.length, 2]);
    const onnx = output.data as Float32Array;
    rows.forEach((_, i) => {
      expect(Math.abs(onnx[2 * i] - predicted[i][0])).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(onnx[2 * i + 1] - predicted[i][1])).toBeLessThanOrEqual(1e-5);
    });
  });

  it('writes the TF.js layers format, which takes standardized features and says so', async () => {
    const result = await runCli(['export', 'points.safetensors', '--format', 'tfjs', '-o', 'web'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^TensorFlow\.js model written to web\/model\.json\nnote: standardize the inputs first, as in training: \(x - mean\) \/ scale with \{"type":"StandardScaler"/);
    expect((await readdir(join(dir, 'web'))).sort()).toEqual(['model.json', 'weights.bin']);
    const imported = await importTfjs(join(dir, 'web'));
    const { featureScaler } = (await loadModel(join(dir, 'points.safetensors'))).metadata;
    const output = imported.predict(StandardScaler.fromJSON(featureScaler).transform(new Tensor([rows.length, 2], rawFeatures())));
    rows.forEach((_, i) => {
      expect(Math.abs(output.data[2 * i] - predicted[i][0])).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(output.data[2 * i + 1] - predicted[i][1])).toBeLessThanOrEqual(1e-5);
    });
  });
});
