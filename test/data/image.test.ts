import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Jimp } from 'jimp';
import { loadImageForPrediction } from '../../src/data/image.js';

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

  it('names the file it cannot read', async () => {
    const bogus = path.join(dir, 'notes.png');
    writeFileSync(bogus, 'not an image');
    await expect(loadImageForPrediction(bogus)).rejects.toThrow(`loadImageForPrediction: cannot read ${bogus} as a PNG or JPEG image`);
    await expect(loadImageForPrediction(bogus, { invert: 'yes' as never })).rejects.toThrow(
      "loadImageForPrediction: invert must be 'auto', true or false, received yes",
    );
  });
});
