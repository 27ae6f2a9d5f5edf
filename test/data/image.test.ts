import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jimp } from 'jimp';
import { loadImageForPrediction, MAX_IMAGE_PIXELS } from '../../src/data/image.js';
import { readImageHeader } from '../../src/data/image-header.js';
import { claimingPng } from './make-png.js';
import { DataError } from '../../src/data/data-error.js';
import { DEV_ZERO, makeFifo } from '../special-files.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'scratchnet-image-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A size×size image of `background` with a centered square of `foreground` covering the middle half. */
async function square(name: `${string}.${'png' | 'jpg'}`, size: number, background: number, foreground: number): Promise<string> {
  const image = new Jimp({ width: size, height: size, color: background });
  for (let y = size / 4; y < (3 * size) / 4; y++) {
    for (let x = size / 4; x < (3 * size) / 4; x++) image.setPixelColor(foreground, x, y);
  }
  const file = path.join(dir, name) as `${string}.${'png' | 'jpg'}`;
  await image.write(file);
  return file;
}

const WHITE = 0xffffffff;
const BLACK = 0x000000ff;
const center = 14 * 28 + 14;

describe('loadImageForPrediction', () => {
  it('resizes to 28×28, inverts a light background, scales to [-1, 1]', async () => {
    const x = await loadImageForPrediction(await square('dark-on-white.png', 112, WHITE, BLACK));
    expect(x.shape).toEqual([1, 784]);
    expect(x.data[0]).toBe(-1); // white border, inverted to 0
    expect(x.data[center]).toBe(1); // black square, inverted to 255
  });

  it('leaves a dark background as it is (the Fashion-MNIST look)', async () => {
    const x = await loadImageForPrediction(await square('light-on-black.png', 56, BLACK, WHITE));
    expect(x.data[0]).toBe(-1);
    expect(x.data[center]).toBe(1);
    const forced = await loadImageForPrediction(path.join(dir, 'light-on-black.png'), { invert: true });
    expect(forced.data[0]).toBe(1);
  });

  it("hands a CNN the same pixels as an NHWC image [1, 28, 28, 1] with layout 'images'", async () => {
    const file = await square('for-a-cnn.png', 56, WHITE, BLACK);
    const rows = await loadImageForPrediction(file);
    const image = await loadImageForPrediction(file, { layout: 'images' });
    expect(image.shape).toEqual([1, 28, 28, 1]);
    expect(Array.from(image.data)).toEqual(Array.from(rows.data));
    await expect(loadImageForPrediction(file, { layout: 'nchw' as never })).rejects.toThrow(
      "loadImageForPrediction: layout must be 'rows' or 'images', received nchw",
    );
  });

  it('reads JPEG (lossy, so within a few gray levels)', async () => {
    const x = await loadImageForPrediction(await square('dark-on-white.jpg', 56, WHITE, BLACK));
    expect(x.data[0]).toBeLessThan(-0.95);
    expect(x.data[center]).toBeGreaterThan(0.95);
  });

  it("converts color with OpenCV's gray weights and lays transparency over white", async () => {
    const red = await square('red.png', 28, 0xff0000ff, 0xff0000ff);
    const x = await loadImageForPrediction(red);
    // round(0.299 · 255) = 76; border 76 <= 127, so no inversion.
    expect(x.data[0]).toBe(Math.fround((76 - 127.5) / 127.5));
    const clear = await square('clear.png', 28, 0x00000000, 0x00000000);
    const y = await loadImageForPrediction(clear, { invert: false });
    expect(y.data[center]).toBe(1);
  });

  it('reads the same image from bytes: a Blob/File, an ArrayBuffer or a Uint8Array view', async () => {
    const file = await square('bytes.png', 56, WHITE, BLACK);
    const expected = Array.from((await loadImageForPrediction(file)).data);
    const bytes = new Uint8Array(readFileSync(file));
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 8);
    for (const source of [new File([bytes], 'bytes.png'), bytes.slice().buffer, padded.subarray(8)]) {
      expect(Array.from((await loadImageForPrediction(source)).data)).toEqual(expected);
    }
    await expect(loadImageForPrediction(new File(['not an image'], 'notes.png'))).rejects.toThrow(
      'loadImageForPrediction: notes.png is not an image this library reads; accepted formats: PNG, JPEG',
    );
    await expect(loadImageForPrediction(42 as never)).rejects.toThrow(
      'loadImageForPrediction: source must be a path or URL, a Blob/File, an ArrayBuffer or a Uint8Array, received [object Number]',
    );
  });

  it('names the file it cannot read', async () => {
    const bogus = path.join(dir, 'notes.png');
    writeFileSync(bogus, 'not an image');
    await expect(loadImageForPrediction(bogus)).rejects.toThrow(
      `loadImageForPrediction: ${bogus} is not an image this library reads; accepted formats: PNG, JPEG`,
    );
    await expect(loadImageForPrediction(bogus, { invert: 'yes' as never })).rejects.toThrow(
      "loadImageForPrediction: invert must be 'auto', true or false, received yes",
    );
  });
});

describe('loadImageForPrediction on hostile files', () => {
  it('refuses a tiny PNG claiming 20000×20000 from its header, before decoding anything', async () => {
    const { Jimp: Codec } = await import('jimp');
    const decode = vi.spyOn(Codec, 'fromBuffer');
    const bytes = claimingPng(20000, 20000);
    expect(bytes.length).toBe(69);
    const file = path.join(dir, 'bomb.png');
    writeFileSync(file, bytes);
    const refusal = loadImageForPrediction(file);
    await expect(refusal).rejects.toThrow(DataError);
    await expect(refusal).rejects.toThrow(
      `loadImageForPrediction: ${file} is a PNG of 20000×20000 = 400000000 pixels, more than the limit of ${MAX_IMAGE_PIXELS} (option maxPixels raises it)`,
    );
    expect(decode).not.toHaveBeenCalled();
    decode.mockRestore();
  });

  it('maxPixels lowers (or raises) the limit', async () => {
    const file = await square('small.png', 112, WHITE, BLACK);
    await expect(loadImageForPrediction(file, { maxPixels: 10000 })).rejects.toThrow(
      `loadImageForPrediction: ${file} is a PNG of 112×112 = 12544 pixels, more than the limit of 10000 (option maxPixels raises it)`,
    );
    expect((await loadImageForPrediction(file, { maxPixels: 12544 })).shape).toEqual([1, 784]);
    await expect(loadImageForPrediction(file, { maxPixels: 0 })).rejects.toThrow('loadImageForPrediction: maxPixels must be an integer >= 1, received 0');
  });

  it('reads the size of PNG and JPEG headers and names the refused formats', async () => {
    const png = new Jimp({ width: 56, height: 40, color: WHITE });
    const jpeg = await png.getBuffer('image/jpeg');
    expect(readImageHeader(new Uint8Array(await png.getBuffer('image/png')), 'a.png')).toEqual({ format: 'PNG', width: 56, height: 40 });
    expect(readImageHeader(new Uint8Array(jpeg), 'a.jpg')).toEqual({ format: 'JPEG', width: 56, height: 40 });
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
    expect(() => readImageHeader(gif, 'a.gif')).toThrow('loadImageForPrediction: a.gif is a GIF image; accepted formats: PNG, JPEG');
    expect(() => readImageHeader(Uint8Array.of(0x42, 0x4d, 0, 0), 'a.bmp')).toThrow('loadImageForPrediction: a.bmp is a BMP image; accepted formats: PNG, JPEG');
    expect(() => readImageHeader(claimingPng(0, 5), 'zero.png')).toThrow('loadImageForPrediction: zero.png is a PNG of 0×5 pixels; an image needs at least one');
    expect(() => readImageHeader(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9), 'empty.jpg')).toThrow(
      'loadImageForPrediction: empty.jpg is a JPEG without a frame header (SOF) giving its size',
    );
    expect(() => readImageHeader(claimingPng(5, 5).subarray(0, 20), 'cut.png')).toThrow('loadImageForPrediction: cut.png is a PNG without its IHDR header chunk first');
  });

  it('refuses a FIFO and /dev/zero without reading them', async () => {
    const fifo = makeFifo(dir, 'image.png');
    await expect(loadImageForPrediction(fifo)).rejects.toThrow(
      `loadImageForPrediction: "${fifo}" is a FIFO (named pipe), not a regular file; only regular files are read`,
    );
    await expect(loadImageForPrediction(DEV_ZERO)).rejects.toThrow(
      `loadImageForPrediction: "${DEV_ZERO}" is a character device, not a regular file; only regular files are read`,
    );
    const file = await square('bytes.png', 28, WHITE, BLACK);
    await expect(loadImageForPrediction(file, { maxBytes: 10 })).rejects.toThrow(
      new RegExp(`^loadImageForPrediction: "${file}" holds \\d+ bytes, more than the limit of 10 bytes \\(option maxBytes raises it\\)$`),
    );
  });
});
