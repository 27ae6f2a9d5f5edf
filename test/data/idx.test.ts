import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from '../../src/data/idx.js';
import { DataError } from '../../src/data/data-error.js';
import { makeIdx } from './make-idx.js';

describe('parseIdx', () => {
  const pixels = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);

  it('decodes dimensions and bytes of a plain file', () => {
    const { dims, data } = parseIdx(makeIdx(IDX_IMAGES_MAGIC, [2, 3, 4], pixels), 'x', IDX_IMAGES_MAGIC);
    expect(dims).toEqual([2, 3, 4]);
    expect(Array.from(data)).toEqual(Array.from(pixels));
  });

  it('inflates a gzipped file', () => {
    const gz = gzipSync(makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(7, 0, 9)));
    const { dims, data } = parseIdx(gz, 'labels.gz', IDX_LABELS_MAGIC);
    expect(dims).toEqual([3]);
    expect(Array.from(data)).toEqual([7, 0, 9]);
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

  it('rejects broken gzip', () => {
    const gz = gzipSync(makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(7, 0, 9))).subarray(0, 12);
    expect(() => parseIdx(gz, 'labels.gz', IDX_LABELS_MAGIC)).toThrow(/^labels\.gz: not a valid gzip file/);
  });
});
