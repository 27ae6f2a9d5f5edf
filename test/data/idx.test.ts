import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, readIdxFile } from '../../src/data/idx.js';
import { DataError } from '../../src/data/data-error.js';
import { makeIdx } from './make-idx.js';

describe('parseIdx', () => {
  const pixels = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);

  it('decodes dimensions and bytes of a plain file', () => {
    const { dims, data } = parseIdx(makeIdx(IDX_IMAGES_MAGIC, [2, 3, 4], pixels), 'x', IDX_IMAGES_MAGIC);
    expect(dims).toEqual([2, 3, 4]);
    expect(Array.from(data)).toEqual(Array.from(pixels));
  });

  it('readIdxFile inflates a gzipped file and names a broken one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scratchnet-idxfile-'));
    try {
      const file = path.join(dir, 'labels.gz');
      const gz = gzipSync(makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(7, 0, 9)));
      writeFileSync(file, gz);
      const { dims, data } = await readIdxFile(file, IDX_LABELS_MAGIC);
      expect(dims).toEqual([3]);
      expect(Array.from(data)).toEqual([7, 0, 9]);
      writeFileSync(file, gz.subarray(0, 12));
      await expect(readIdxFile(file, IDX_LABELS_MAGIC)).rejects.toThrow(`${file}: not a valid gzip file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a wrong magic number, naming the file', () => {
    const bytes = makeIdx(IDX_LABELS_MAGIC, [2, 3, 4], pixels);
    expect(() => parseIdx(bytes, 'train-images-idx3-ubyte', IDX_IMAGES_MAGIC)).toThrow(
      new DataError('train-images-idx3-ubyte: expected IDX magic number 2051, received 2049'),
    );
  });

  it('rejects a truncated file', () => {
    const bytes = makeIdx(IDX_IMAGES_MAGIC, [2, 3, 4], pixels).subarray(0, 16 + 20);
    expect(() => parseIdx(bytes, 'imgs', IDX_IMAGES_MAGIC)).toThrow(
      'imgs: truncated, dimensions [2, 3, 4] need 24 data bytes, received 20',
    );
  });

  it('rejects trailing bytes', () => {
    const bytes = makeIdx(IDX_LABELS_MAGIC, [2], Uint8Array.of(1, 2, 3));
    expect(() => parseIdx(bytes, 'lbls', IDX_LABELS_MAGIC)).toThrow(
      'lbls: has trailing bytes, dimensions [2] need 2 data bytes, received 3',
    );
  });

  it('rejects a header cut short and a file too short for a magic number', () => {
    const bytes = makeIdx(IDX_IMAGES_MAGIC, [2, 3, 4], pixels).subarray(0, 10);
    expect(() => parseIdx(bytes, 'imgs', IDX_IMAGES_MAGIC)).toThrow(
      'imgs: IDX header needs 16 bytes for 3 dimensions, received 10',
    );
    expect(() => parseIdx(Uint8Array.of(0, 0), 'tiny', IDX_IMAGES_MAGIC)).toThrow(
      'tiny: too short for an IDX header, received 2 bytes',
    );
  });
});
