/**
 * Renders data/samples/tshirt.jpg and data/samples/trouser.jpg: two
 * Fashion-MNIST test images made to look like the reader's own photos in the
 * book's last chapter (a dark garment on a light background, not Fashion-MNIST's
 * light garment on black).
 *
 * Each is the first test image of its class (T-shirt/top, Trouser), and:
 * 1. its 28×28 pixels become how much garment covers each point (p / 255);
 * 2. upscaled to 300×300 by bilinear interpolation, which softens the edges;
 * 3. laid over a warm off-white background that darkens gently towards the
 *    corners, in a dark fabric color;
 * 4. with a little luminance noise (σ = 2 levels, seeded), as a camera adds.
 *
 * Run from the repository root: npx tsx scripts/make-sample-images.ts
 */
import { mkdir } from 'node:fs/promises';
import { Jimp } from 'jimp';
import { loadFashionMnist, RandomGenerator } from '../src/node.js';

const SIDE = 28;
const OUT = 300;
const SAMPLES = [
  { file: 'data/samples/tshirt.jpg', classId: 0, fabric: [38, 46, 72] },
  { file: 'data/samples/trouser.jpg', classId: 1, fabric: [52, 44, 40] },
] as const;
const BACKGROUND = [236, 232, 224];
const NOISE = 2;

const { test } = await loadFashionMnist({ scale: 'none' });
const random = new RandomGenerator(22);
await mkdir('data/samples', { recursive: true });

for (const { file, classId, fabric } of SAMPLES) {
  const index = test.y.data.indexOf(classId);
  const pixels = test.x.data.subarray(index * SIDE * SIDE, (index + 1) * SIDE * SIDE);
  const coverage = (r: number, c: number): number => pixels[Math.min(SIDE - 1, r) * SIDE + Math.min(SIDE - 1, c)] / 255;
  const noise = random.randn(OUT * OUT);
  const image = new Jimp({ width: OUT, height: OUT });
  for (let y = 0; y < OUT; y++) {
    for (let x = 0; x < OUT; x++) {
      // Bilinear sample of the 28×28 coverage at this output pixel's centre.
      const sy = Math.max(0, ((y + 0.5) * SIDE) / OUT - 0.5);
      const sx = Math.max(0, ((x + 0.5) * SIDE) / OUT - 0.5);
      const [r0, c0] = [Math.floor(sy), Math.floor(sx)];
      const [fy, fx] = [sy - r0, sx - c0];
      const top = coverage(r0, c0) * (1 - fx) + coverage(r0, c0 + 1) * fx;
      const bottom = coverage(r0 + 1, c0) * (1 - fx) + coverage(r0 + 1, c0 + 1) * fx;
      // Fashion-MNIST stores a light garment; as a dark fabric, thin parts still cover most of the light.
      const a = 1 - (1 - (top * (1 - fy) + bottom * fy)) ** 3;
      // Vignette: up to 12 % darker in the corners.
      const d = Math.hypot(x / OUT - 0.5, y / OUT - 0.5) / Math.SQRT1_2;
      const light = 1 - 0.12 * d * d;
      const grain = NOISE * noise[y * OUT + x];
      const rgb = BACKGROUND.map((b, k) => Math.round(Math.min(255, Math.max(0, (b * light) * (1 - a) + fabric[k] * a + grain))));
      image.bitmap.data.set([rgb[0], rgb[1], rgb[2], 255], 4 * (y * OUT + x));
    }
  }
  await image.write(file as `${string}.jpg`, { quality: 90 });
  console.log(`${file}: test image ${index} (class ${classId})`);
}
