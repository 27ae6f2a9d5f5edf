import { describe, expect, it } from 'vitest';
import { describeContents } from '../../src/io/file-contents.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('describeContents', () => {
  it('names the kinds of file people pick by mistake by their magic numbers', () => {
    expect(describeContents(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('a PNG image');
    expect(describeContents(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('a JPEG image');
    expect(describeContents(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('gzip-compressed data');
    expect(describeContents(new Uint8Array([0x50, 0x4b, 3, 4, 20]))).toBe('a ZIP archive (a PyTorch .pt, Keras .keras or NumPy .npz file is one)');
    expect(describeContents(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d]))).toBe('an HDF5 file (a Keras .h5 model is one)');
  });

  it('shows the start of text: the first line of a CSV, JSON with its line breaks folded, a TF.js model.json by name', () => {
    expect(describeContents(text('x,y,label\n1,2,0\n'))).toBe('text starting "x,y,label"');
    expect(describeContents(text('\uFEFFhello'))).toBe('text starting "hello"');
    expect(describeContents(text('{\n  "a": 1,\n  "b": [2, 3]\n}\n'))).toBe('JSON text starting "{ \\"a\\": 1, \\"b\\": [2, 3] }"');
    expect(describeContents(text('{\n  "format": "layers-model",\n  "modelTopology": {}\n}'))).toBe(
      'JSON text starting "{ \\"format\\": \\"layers-model\\", \\"modelTopolo…" (a TF.js model.json: importTfjs reads it)',
    );
    expect(describeContents(text('a'.repeat(50)))).toBe(`text starting "${'a'.repeat(40)}…"`);
  });

  it('shows the first bytes of anything else, and says when there are none', () => {
    expect(describeContents(new Uint8Array([0, 1, 2, 250, 4, 5, 6, 7, 8, 9]))).toBe('binary data starting 00 01 02 fa 04 05 06 07 …');
    expect(describeContents(new Uint8Array([7, 0]))).toBe('binary data starting 07 00');
    expect(describeContents(new Uint8Array(0))).toBe('no bytes at all');
  });
});
