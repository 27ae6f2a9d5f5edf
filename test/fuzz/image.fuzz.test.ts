import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import { loadImageForPrediction } from '../../src/data/image.js';
import { readImageHeader } from '../../src/data/image-header.js';
import { ScratchnetError } from '../../src/errors.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { temporaryFolder } from '../temporary-folder.js';
import { attempt, caseCount, fuzzSeed, mutate } from './mutate.js';

const folder = temporaryFolder('scratchnet-image-fuzz-');

async function seeds(): Promise<Uint8Array[]> {
  const image = new Jimp({ width: 40, height: 30, color: 0xffffffff });
  for (let y = 5; y < 25; y++) for (let x = 10; x < 30; x++) image.setPixelColor(0x203040ff, x, y);
  return [new Uint8Array(await image.getBuffer('image/png')), new Uint8Array(await image.getBuffer('image/jpeg'))];
}

describe('fuzz: images', () => {
  it('a mutated PNG or JPEG header gives a typed error or a size, within the claimed bounds', async () => {
    const originals = await seeds();
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed);
    for (let c = 0; c < cases; c++) {
      const mutant = mutate(originals[c % 2], random);
      const label = `seed ${seed}, case ${c} (${mutant.kind} at ${mutant.first})`;
      const outcome = attempt(label, () => readImageHeader(mutant.bytes, 'fuzz.img'));
      if (outcome.ok) {
        const { width, height } = outcome.value as ReturnType<typeof readImageHeader>;
        expect(width > 0 && height > 0 && width <= 2 ** 32 && height <= 2 ** 32, label).toBe(true);
      }
    }
  });

  it('mutated images decode to a [1, 784] tensor or give a typed error (a sample through the decoders)', async () => {
    const originals = await seeds();
    const cases = Math.max(1, Math.floor(caseCount(4000) / 40));
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed + 1);
    const file = join(folder(), 'fuzz.img');
    for (let c = 0; c < cases; c++) {
      const mutant = mutate(originals[c % 2], random);
      writeFileSync(file, mutant.bytes);
      const label = `seed ${seed}, case ${c} (${mutant.kind} at ${mutant.first})`;
      try {
        const x = await loadImageForPrediction(file, { maxPixels: 1_000_000 });
        expect(x.shape, label).toEqual([1, 784]);
        expect(x.data.every((v) => v >= -1 && v <= 1), label).toBe(true);
      } catch (error) {
        if (!(error instanceof ScratchnetError)) throw new Error(`${label}: untyped ${(error as Error).constructor.name}: ${(error as Error).message}`);
      }
    }
  });
});
