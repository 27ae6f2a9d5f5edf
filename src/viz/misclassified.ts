import type { TopLevelSpec } from 'vega-lite';
import { ArgumentError, formatShape } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';

/** One wrongly classified sample: its row in the data, its true and its predicted class. */
export interface Misclassified {
  index: number;
  actual: number;
  predicted: number;
}

/**
 * Up to `limit` samples whose prediction differs from the truth, taken in
 * turns from each true class (its first misclassified sample in data order,
 * then its second, …; classes in increasing order), so every class that has
 * mistakes shows even when the data is sorted by class (as Fashion-MNIST's
 * test set is, by chance, at its start).
 *
 * ```ts
 * misclassifiedSamples([0, 0, 0, 1, 1], [1, 1, 0, 0, 1], 3);
 * // [{ index: 0, actual: 0, predicted: 1 }, { index: 3, actual: 1, predicted: 0 }, { index: 1, actual: 0, predicted: 1 }]
 * ```
 */
export function misclassifiedSamples(actual: ArrayLike<number>, predicted: ArrayLike<number>, limit: number): Misclassified[] {
  if (actual.length !== predicted.length) {
    throw new ArgumentError(`misclassifiedSamples: actual and predicted must have the same length, received ${actual.length} and ${predicted.length}`);
  }
  if (!Number.isSafeInteger(limit) || limit < 0) throw new ArgumentError(`misclassifiedSamples: limit must be an integer >= 0, received ${limit}`);
  const byClass = new Map<number, Misclassified[]>();
  for (let index = 0; index < actual.length; index++) {
    if (actual[index] === predicted[index]) continue;
    const wrong = byClass.get(actual[index]) ?? [];
    // No class needs more than `limit`: the rounds stop there.
    if (wrong.length < limit) wrong.push({ index, actual: actual[index], predicted: predicted[index] });
    byClass.set(actual[index], wrong);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b).map((k) => byClass.get(k) as Misclassified[]);
  const found: Misclassified[] = [];
  for (let round = 0; found.length < limit && classes.some((wrong) => round < wrong.length); round++) {
    for (const wrong of classes) if (round < wrong.length && found.length < limit) found.push(wrong[round]);
  }
  return found;
}

/** Columns of the misclassified-samples grid: 6 × 3 images of 28×28 keep about the 640 × 400 chart's proportions. */
const GRID_COLUMNS = 6;
/** Blank pixels between images, and rows of pixels kept for each caption. */
const GAP = 2;
const CAPTION = 10;

/**
 * Misclassified image samples as a grid of grayscale pictures, each captioned
 * "true → predicted" (class names, or ids). x holds the samples' pixels
 * ([n, height·width] or [n, height, width, 1]); `imageShape` is
 * [height, width]; pixels from `range[0]` (black) to `range[1]` (white).
 * Each pixel is one rect mark, so keep the sample count small (18: 14 112
 * rects for Fashion-MNIST).
 *
 *     const spec = misclassifiedImagesSpec(xTest, misclassifiedSamples(yTest.data, ids, 18), [28, 28], [-1, 1], classNames);
 */
export function misclassifiedImagesSpec(
  x: Tensor,
  samples: readonly Misclassified[],
  imageShape: readonly [number, number],
  range: readonly [number, number],
  classNames?: readonly string[],
): TopLevelSpec {
  const [height, width] = imageShape;
  const pixels = height * width;
  if (x.size / x.shape[0] !== pixels) {
    throw new ArgumentError(`misclassifiedImagesSpec: images of ${height}×${width} need ${pixels} values per sample, received x of shape ${formatShape(x.shape)}`);
  }
  const name = (id: number): string => classNames?.[id] ?? String(id);
  const cellWidth = width + GAP;
  const cellHeight = height + CAPTION + GAP;
  const values: { x: number; x2: number; y: number; y2: number; value: number }[] = [];
  const captions: { x: number; y: number; text: string }[] = [];
  samples.forEach(({ index, actual, predicted }, n) => {
    const left = (n % GRID_COLUMNS) * cellWidth;
    const top = Math.floor(n / GRID_COLUMNS) * cellHeight;
    captions.push({ x: left + width / 2, y: top + CAPTION - 2, text: `${name(actual)} → ${name(predicted)}` });
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) values.push({ x: left + c, x2: left + c + 1, y: top + CAPTION + r, y2: top + CAPTION + r + 1, value: x.data[index * pixels + r * width + c] });
    }
  });
  const rows = Math.max(1, Math.ceil(samples.length / GRID_COLUMNS));
  const gray = { field: 'value', type: 'quantitative', scale: { domain: [...range], range: ['black', 'white'] }, legend: null } as const;
  const hidden = { axis: null, scale: { zero: false, nice: false } } as const;
  const xScale = { ...hidden.scale, domain: [0, GRID_COLUMNS * cellWidth] };
  const yScale = { ...hidden.scale, domain: [0, rows * cellHeight], reverse: true };
  return {
    title: `Misclassified samples (true → predicted), ${samples.length} in turns from each class`,
    layer: [
      {
        data: { values },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x', type: 'quantitative', axis: null, scale: xScale },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', axis: null, scale: yScale },
          y2: { field: 'y2' },
          color: gray,
          // Stroked in its own color: no anti-aliased seams between neighbouring pixels.
          stroke: gray,
        },
      },
      {
        data: { values: captions },
        mark: { type: 'text', fontSize: 7, baseline: 'bottom' },
        encoding: {
          x: { field: 'x', type: 'quantitative', axis: null, scale: xScale },
          y: { field: 'y', type: 'quantitative', axis: null, scale: yScale },
          text: { field: 'text' },
        },
      },
    ],
  };
}
