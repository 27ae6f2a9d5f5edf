import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../src/errors.js';
import { MAX_MODEL_JSON_BYTES, exportTfjs, importTfjs, readTfjs } from '../../src/io/tfjs.js';
import { temporaryFolder } from '../temporary-folder.js';
import { DEV_ZERO, makeFifo } from '../special-files.js';
import { dense, randomModel } from './helpers.js';

const folder = temporaryFolder('scratchnet-tfjs-limits-');

type ModelJson = Record<string, unknown> & {
  modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> | null }[] } };
  weightsManifest: { paths: string[]; weights: Record<string, unknown>[] }[];
};

async function exported(): Promise<{ dir: string; json: ModelJson }> {
  const { model } = randomModel([dense(2, 3), { type: 'ReLU' }, dense(3, 1)]);
  const dir = join(folder(), 'model');
  await exportTfjs(model, dir);
  return { dir, json: JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson };
}

async function rewrite(dir: string, json: object | string): Promise<void> {
  await writeFile(join(dir, 'model.json'), typeof json === 'string' ? json : JSON.stringify(json));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelFileError);
  return error as Error;
}

describe('importTfjs reads only regular files, bounded in size', () => {
  it('refuses a model.json that is a FIFO, without blocking on it', async () => {
    const fifo = makeFifo(folder(), 'model.json');
    expect((await rejection(importTfjs(fifo))).message).toBe(
      `importTfjs: "${fifo}" is a FIFO (named pipe), not a regular file; only regular files are read`,
    );
  });

  it('refuses /dev/zero as model.json before reading a byte', async () => {
    expect((await rejection(readTfjs(DEV_ZERO))).message).toBe(
      `importTfjs: "${DEV_ZERO}" is a character device, not a regular file; only regular files are read`,
    );
  });

  it('refuses a model.json above the limit from its size alone', async () => {
    const { dir } = await exported();
    const { truncate } = await import('node:fs/promises');
    await truncate(join(dir, 'model.json'), MAX_MODEL_JSON_BYTES + 1);
    expect((await rejection(readTfjs(dir))).message).toBe(
      `importTfjs: "${join(dir, 'model.json')}" holds ${MAX_MODEL_JSON_BYTES + 1} bytes, more than the limit of ${MAX_MODEL_JSON_BYTES} bytes (the limit for model files)`,
    );
  });

  it('refuses weights files that are FIFOs or folders, naming the file and its first weight', async () => {
    const { dir, json } = await exported();
    makeFifo(dir, 'pipe.bin');
    json.weightsManifest[0].paths = ['pipe.bin'];
    await rewrite(dir, json);
    expect((await rejection(readTfjs(dir))).message).toMatch(
      /^importTfjs: weights file "pipe\.bin" \(weight dense_0\/kernel\): ".*pipe\.bin" is a FIFO \(named pipe\), not a regular file; only regular files are read$/,
    );
    await mkdir(join(dir, 'shards'));
    json.weightsManifest[0].paths = ['shards'];
    await rewrite(dir, json);
    expect((await rejection(readTfjs(dir))).message).toMatch(
      /^importTfjs: weights file "shards" \(weight dense_0\/kernel\): ".*shards" is a folder, not a regular file; only regular files are read$/,
    );
  });

  it('refuses model.json nested deeper than the limit, with a typed error', async () => {
    const { dir } = await exported();
    await rewrite(dir, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect((await rejection(readTfjs(dir))).message).toBe('importTfjs: model.json is nested deeper than 64 levels (the limit)');
    await rewrite(dir, '{"format": ');
    expect((await rejection(readTfjs(dir))).message).toMatch(/^importTfjs: model\.json is not valid JSON \([^\n]*\)$/);
  });
});

describe('importTfjs refuses non-finite weights and malformed layers, naming them', () => {
  it('refuses NaN and Infinity in a weight unless allowNonFinite', async () => {
    const { dir } = await exported();
    const bytes = new Uint8Array(await readFile(join(dir, 'weights.bin')));
    const view = new DataView(bytes.buffer);
    view.setFloat32(4 * 7, Number.NaN, true); // dense_0/kernel has 6 values, then 3 biases: index 1 of dense_0/bias
    await writeFile(join(dir, 'weights.bin'), bytes);
    expect((await rejection(importTfjs(dir))).message).toBe(
      'importTfjs: weight dense_0/bias holds NaN at index 1; non-finite values are refused (option allowNonFinite: true loads them)',
    );
    view.setFloat32(4 * 7, 1, true);
    view.setFloat32(0, Number.NEGATIVE_INFINITY, true);
    await writeFile(join(dir, 'weights.bin'), bytes);
    expect((await rejection(importTfjs(dir))).message).toBe(
      'importTfjs: weight dense_0/kernel holds -Infinity at index 0; non-finite values are refused (option allowNonFinite: true loads them)',
    );
    const model = await importTfjs(dir, { allowNonFinite: true });
    expect(model.namedParameters()[0][1].value.data[0]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses config: null, absurd units and out-of-range layer parameters', async () => {
    const { dir, json } = await exported();
    const layers = json.modelTopology.config.layers;
    const original = structuredClone(layers);
    layers[0].config = null;
    await rewrite(dir, json);
    expect((await rejection(readTfjs(dir))).message).toBe('importTfjs: layer #0 (Dense) units must be an integer >= 1, received nothing');
    layers[0] = structuredClone(original[0]);
    (layers[0].config as Record<string, unknown>).units = 1e300;
    await rewrite(dir, json);
    expect((await rejection(readTfjs(dir))).message).toBe('importTfjs: layer dense_0 (Dense) units must be an integer >= 1, received 1e+300');
    layers[0] = structuredClone(original[0]);
    layers[1] = { class_name: 'LeakyReLU', config: { name: 'leaky', alpha: 1e308 } };
    await rewrite(dir, json);
    expect((await rejection(readTfjs(dir))).message).toBe('importTfjs: layer leaky (LeakyReLU) alpha must be a number in [0, 1], received 1e+308');
    layers[1] = { class_name: 'ReLU', config: { name: 'leaky_re_lu_1', alpha: 0.2 } }; // "LeakyReLU" with "Leaky" cut out
    await rewrite(dir, json);
    expect((await rejection(readTfjs(dir))).message).toBe(
      'importTfjs: layer leaky_re_lu_1 (ReLU) has alpha 0.2, a LeakyReLU field; a ReLU layer has only max_value, threshold and negative_slope',
    );
    layers[1] = { class_name: 'Dropout', config: { name: 'drop', rate: 5 } };
    await rewrite(dir, json);
    expect((await rejection(readTfjs(dir))).message).toBe('importTfjs: layer drop (Dropout) rate must be a number in [0, 1), received 5');
  });

  it('refuses a model.json that is JSON null', async () => {
    const { dir } = await exported();
    await rewrite(dir, 'null');
    expect((await rejection(readTfjs(dir))).message).toBe('importTfjs: only Sequential models can be imported, received model class undefined');
  });
});
