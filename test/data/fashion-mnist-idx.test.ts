import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadFashionMnist } from '../../src/data/fashion-mnist.js';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../../src/data/idx.js';
import { makeIdx } from './make-idx.js';

let dir: string;
const trainPixels = Uint8Array.from({ length: 3 * 784 }, (_, i) => (i * 7) % 256);
const testPixels = Uint8Array.from({ length: 2 * 784 }, (_, i) => (i * 3) % 256);

function write(folder: string, name: string, bytes: Uint8Array, gz: boolean): void {
  writeFileSync(path.join(folder, gz ? `${name}.gz` : name), gz ? gzipSync(bytes) : bytes);
}

function writeSet(folder: string, overrides: { trainLabels?: Uint8Array; trainImages?: Uint8Array } = {}): void {
  write(folder, 'train-images-idx3-ubyte', overrides.trainImages ?? makeIdx(IDX_IMAGES_MAGIC, [3, 28, 28], trainPixels), true);
  write(folder, 'train-labels-idx1-ubyte', overrides.trainLabels ?? makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(9, 0, 3)), true);
  write(folder, 't10k-images-idx3-ubyte', makeIdx(IDX_IMAGES_MAGIC, [2, 28, 28], testPixels), false);
  write(folder, 't10k-labels-idx1-ubyte', makeIdx(IDX_LABELS_MAGIC, [2], Uint8Array.of(1, 2)), false);
}

function freshDir(): string {
  return mkdtempSync(path.join(dir, 'set-'));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'scratchnet-idx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadFashionMnist from IDX files', () => {
  it('reads gzipped and plain files, scales pixels to [-1, 1] as (p - 127.5) / 127.5', async () => {
    const folder = freshDir();
    writeSet(folder);
    const { train, test, classNames, origin } = await loadFashionMnist({ source: { idxDir: folder } });
    expect(train.x.shape).toEqual([3, 784]);
    expect(Array.from(train.y.data)).toEqual([9, 0, 3]);
    expect(test.x.shape).toEqual([2, 784]);
    expect(Array.from(test.y.data)).toEqual([1, 2]);
    for (const i of [0, 1, 100, 2351]) {
      expect(train.x.data[i]).toBe(Math.fround((trainPixels[i] - 127.5) / 127.5));
    }
    expect(test.x.data[5]).toBe(Math.fround((testPixels[5] - 127.5) / 127.5));
    expect(classNames[9]).toBe('Ankle boot');
    expect(origin.source).toBe('idx');
  });

  it('scales to [0, 1] or keeps raw bytes on request', async () => {
    const folder = freshDir();
    writeSet(folder);
    const unit = await loadFashionMnist({ source: { idxDir: folder }, scale: '[0,1]' });
    expect(unit.train.x.data[1]).toBe(Math.fround(trainPixels[1] / 255));
    const raw = await loadFashionMnist({ source: { idxDir: folder }, scale: 'none' });
    expect(raw.train.x.data[1]).toBe(trainPixels[1]);
  });

  it('names the missing file', async () => {
    const folder = freshDir();
    await expect(loadFashionMnist({ source: { idxDir: folder } })).rejects.toThrow(
      `loadFashionMnist: ${folder} holds neither train-images-idx3-ubyte.gz nor train-images-idx3-ubyte`,
    );
  });

  it('rejects labels that do not match the image count', async () => {
    const folder = freshDir();
    writeSet(folder, { trainLabels: makeIdx(IDX_LABELS_MAGIC, [2], Uint8Array.of(1, 2)) });
    await expect(loadFashionMnist({ source: { idxDir: folder } })).rejects.toThrow(
      `${path.join(folder, 'train-labels-idx1-ubyte.gz')}: holds 2 labels but ${path.join(folder, 'train-images-idx3-ubyte.gz')} holds 3 images`,
    );
  });

  it('rejects images that are not 28×28, a wrong magic number and labels above 9', async () => {
    const small = freshDir();
    writeSet(small, { trainImages: makeIdx(IDX_IMAGES_MAGIC, [3, 2, 2], new Uint8Array(12)) });
    await expect(loadFashionMnist({ source: { idxDir: small } })).rejects.toThrow(
      'train-images-idx3-ubyte.gz: expected 28×28 images, received 2×2',
    );
    const swapped = freshDir();
    writeSet(swapped, { trainImages: makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(1, 2, 3)) });
    await expect(loadFashionMnist({ source: { idxDir: swapped } })).rejects.toThrow(
      'train-images-idx3-ubyte.gz: expected IDX magic number 2051, received 2049',
    );
    const label = freshDir();
    writeSet(label, { trainLabels: makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(1, 12, 3)) });
    await expect(loadFashionMnist({ source: { idxDir: label } })).rejects.toThrow(
      'train-labels-idx1-ubyte.gz: label 1 must be 0…9, received 12',
    );
  });

  it('rejects a truncated gzipped image file', async () => {
    const folder = freshDir();
    writeSet(folder, { trainImages: makeIdx(IDX_IMAGES_MAGIC, [3, 28, 28], trainPixels).subarray(0, 1000) });
    await expect(loadFashionMnist({ source: { idxDir: folder } })).rejects.toThrow(
      'train-images-idx3-ubyte.gz: truncated, dimensions [3, 28, 28] need 2352 data bytes, received 984',
    );
  });

  it('rejects unknown options and bad sources', async () => {
    await expect(loadFashionMnist({ scale: '[0,255]' as never })).rejects.toThrow(
      "loadFashionMnist: scale must be '[-1,1]', '[0,1]' or 'none', received [0,255]",
    );
    await expect(loadFashionMnist({ source: 'web' as never })).rejects.toThrow(
      `loadFashionMnist: source must be 'npm' or { idxDir: folder path or file: URL }, received "web"`,
    );
    await expect(loadFashionMnist({ cache: 'x' } as never)).rejects.toThrow('loadFashionMnist: unknown option "cache"');
  });
});
