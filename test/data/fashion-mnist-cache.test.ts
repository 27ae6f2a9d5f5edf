import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCache, writeCache } from '../../src/data/fashion-mnist-cache.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'scratchnet-cache-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const splits = {
  train: { pixels: Uint8Array.from({ length: 3 * 784 }, (_, i) => i % 251), labels: Uint8Array.of(4, 5, 6) },
  test: { pixels: Uint8Array.from({ length: 784 }, (_, i) => 255 - (i % 256)), labels: Uint8Array.of(9) },
};

describe('Fashion-MNIST binary cache', () => {
  it('round-trips pixels and labels, leaving only the cache file behind', async () => {
    const file = path.join(dir, 'a', 'cache.bin');
    await writeCache(file, splits);
    expect(readFileSync(file).length).toBe(32 + 4 * 785);
    expect(readdirSync(path.dirname(file))).toEqual(['cache.bin']);
    const read = await readCache(file);
    expect(read?.train.pixels).toEqual(splits.train.pixels);
    expect(read?.train.labels).toEqual(splits.train.labels);
    expect(read?.test.pixels).toEqual(splits.test.pixels);
    expect(read?.test.labels).toEqual(splits.test.labels);
  });

  it('reports a missing, truncated, corrupt or foreign file as absent so it gets rebuilt', async () => {
    expect(await readCache(path.join(dir, 'none.bin'))).toBeUndefined();
    const file = path.join(dir, 'b.bin');
    await writeCache(file, splits);
    const good = readFileSync(file);

    const flipped = Buffer.from(good);
    flipped[40] ^= 1;
    writeFileSync(file, flipped);
    expect(await readCache(file)).toBeUndefined();

    writeFileSync(file, good);
    truncateSync(file, good.length - 1);
    expect(await readCache(file)).toBeUndefined();

    const otherVersion = Buffer.from(good);
    otherVersion.writeUInt32LE(99, 8);
    writeFileSync(file, otherVersion);
    expect(await readCache(file)).toBeUndefined();

    writeFileSync(file, 'not a cache');
    expect(await readCache(file)).toBeUndefined();

    writeFileSync(file, good);
    expect((await readCache(file))?.test.labels).toEqual(splits.test.labels);
  });
});
