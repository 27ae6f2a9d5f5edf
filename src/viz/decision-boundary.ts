import type { TopLevelSpec } from 'vega-lite';
import { ArgumentError, formatShape } from '../errors.js';
import { Tensor, type NumericArray } from '../tensor/tensor.js';
import { classColors } from './palette.js';

/** Maps a batch of 2-D points (Tensor [n, 2]) to one class id per row. */
export type ClassPredictor = (points: Tensor<Float32Array>) => ArrayLike<number>;

/** Options of {@link decisionBoundarySpec}. */
export interface DecisionBoundaryOptions {
  /** Cells per axis of the background grid (default 60: 3 600 predictions). */
  resolution?: number;
  /** Names shown in the legend; class ids otherwise. */
  classNames?: readonly string[];
  title?: string;
}

/**
 * The 2-D decision boundary of a classifier, as the book's scatter plots:
 * a `resolution × resolution` grid over the data's bounding box (plus 5 %
 * margin) is colored by the predicted class (faint), and the data points
 * are drawn on top colored by their true class.
 *
 * x: Tensor [n, 2]; classes: n class ids; predict: grid Tensor [r², 2] → r² class ids.
 *
 *     const spec = decisionBoundarySpec(X, y.data, (grid) => classesOf(model.predict(grid)));
 */
export function decisionBoundarySpec(
  x: Tensor,
  classes: ArrayLike<number>,
  predict: ClassPredictor,
  options: DecisionBoundaryOptions = {},
): TopLevelSpec {
  if (x.shape.length !== 2 || x.shape[1] !== 2) {
    throw new ArgumentError(`decisionBoundarySpec: x must have shape [n, 2], received ${formatShape(x.shape)}`);
  }
  const rows = x.shape[0];
  if (classes.length !== rows) {
    throw new ArgumentError(`decisionBoundarySpec: expected ${rows} class ids, received ${classes.length}`);
  }
  const resolution = options.resolution ?? 60;
  if (!Number.isInteger(resolution) || resolution < 2) {
    throw new ArgumentError(`decisionBoundarySpec: resolution must be an integer >= 2, received ${resolution}`);
  }
  const [xMin, xMax] = paddedRange(x.data, 0, rows);
  const [yMin, yMax] = paddedRange(x.data, 1, rows);
  const cellWidth = (xMax - xMin) / resolution;
  const cellHeight = (yMax - yMin) / resolution;

  const grid = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    for (let column = 0; column < resolution; column++) {
      const cell = row * resolution + column;
      grid[2 * cell] = xMin + (column + 0.5) * cellWidth;
      grid[2 * cell + 1] = yMin + (row + 0.5) * cellHeight;
    }
  }
  const predicted = predict(new Tensor([resolution * resolution, 2], grid));
  if (predicted.length !== resolution * resolution) {
    throw new ArgumentError(
      `decisionBoundarySpec: predict must return ${resolution * resolution} class ids, received ${predicted.length}`,
    );
  }

  let classCount = 0;
  for (let index = 0; index < rows; index++) classCount = Math.max(classCount, classes[index] + 1);
  for (let index = 0; index < predicted.length; index++) classCount = Math.max(classCount, predicted[index] + 1);
  const label = (id: number): string => options.classNames?.[id] ?? String(id);
  const domain = Array.from({ length: classCount }, (_, id) => label(id));

  // One rect per run of equal predictions along a grid row keeps the SVG small
  // and avoids hairline seams between neighbouring cells.
  const cells = [];
  for (let row = 0; row < resolution; row++) {
    let start = 0;
    for (let column = 1; column <= resolution; column++) {
      const cell = row * resolution + column;
      if (column < resolution && predicted[cell] === predicted[cell - 1]) continue;
      cells.push({
        x: xMin + start * cellWidth,
        x2: xMin + column * cellWidth,
        y: yMin + row * cellHeight,
        y2: yMin + (row + 1) * cellHeight,
        class: label(predicted[row * resolution + start]),
      });
      start = column;
    }
  }
  const points = [];
  for (let index = 0; index < rows; index++) {
    points.push({ x: x.data[2 * index], y: x.data[2 * index + 1], class: label(classes[index]) });
  }
  const color = { field: 'class', type: 'nominal', scale: { domain, range: classColors(classCount) } } as const;
  const xScale = { domain: [xMin, xMax], nice: false, zero: false };
  const yScale = { domain: [yMin, yMax], nice: false, zero: false };
  return {
    title: options.title ?? 'Decision boundary',
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', opacity: 0.25 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale, title: 'x₀' },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: yScale, title: 'x₁' },
          y2: { field: 'y2' },
          color: { ...color, title: 'class' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'circle', size: 18, opacity: 0.9 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale },
          y: { field: 'y', type: 'quantitative', scale: yScale },
          color: { ...color, title: 'class' },
        },
      },
    ],
  };
}

/** The [min, max] of one column of a row-major [n, 2] array, widened by 5 % each side. */
function paddedRange(data: NumericArray, column: number, rows: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let row = 0; row < rows; row++) {
    const value = data[2 * row + column];
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (!(high > low)) {
    low -= 1;
    high += 1;
  }
  const margin = 0.05 * (high - low);
  return [low - margin, high + margin];
}
