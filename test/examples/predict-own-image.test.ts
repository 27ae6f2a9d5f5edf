import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLES, asText, run } from '../../examples/predict-own-image.js';
import { loadImageForPrediction } from '../../src/index.js';

describe('chapter 22: predicting the sample photos (examples/predict-own-image.ts)', () => {
  it('ships two small photo-like samples: a dark garment on a light background', async () => {
    for (const { file } of SAMPLES) {
      expect(statSync(file).size).toBeLessThan(100_000);
      const photo = await loadImageForPrediction(file, { invert: false });
      expect(photo.shape).toEqual([1, 784]);
      // Scaled to [-1, 1]: a light corner, and a garment dark enough for the lower half of the scale.
      expect(photo.data[0]).toBeGreaterThan(0.3);
      expect(Math.min(...photo.data)).toBeLessThan(-0.5);
    }
  });

  it('prints each photo before and after the inversion, then predicts its class', async () => {
    const lines: string[] = [];
    const { testAccuracy, predictions } = await run(1, (line) => lines.push(line));
    expect(testAccuracy).toBeGreaterThan(0.8);
    expect(predictions.map((p) => p.predicted)).toEqual(SAMPLES.map((s) => s.label));
    for (const p of predictions) {
      // A light border (what 'auto' inverts on: above the middle of the scale), dark once inverted.
      expect(p.borderBefore).toBeGreaterThan(0.3);
      expect(p.borderAfter).toBeLessThan(-0.3);
      expect(lines).toContain(`prediction: ${p.predicted} (${(100 * p.confidence).toFixed(1)} %)`);
    }
    const header = lines.indexOf(`${'data/samples/trouser.jpg, resized to 28×28:'.padEnd(58)}inverted, as the training images:`);
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toHaveLength(2 * 56 + 2);
  });

  it('asText draws -1 as blank and 1 as the darkest shade, two characters a pixel', () => {
    const image = { data: new Float32Array(784).fill(-1) } as never;
    const rows = asText(image);
    expect(rows).toHaveLength(28);
    expect(rows[0]).toBe(' '.repeat(56));
    const full = asText({ data: new Float32Array(784).fill(1) } as never);
    expect(full[27]).toBe('@'.repeat(56));
  });
});
