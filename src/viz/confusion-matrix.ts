import type { TopLevelSpec } from 'vega-lite';
import type { ConfusionMatrix } from '../metrics/confusion-matrix.js';

/**
 * A confusion matrix as a heatmap: one cell per (true class, predicted
 * class), shaded by its count and labelled with it; the diagonal is the
 * correct predictions. Class names label the axes (class ids otherwise).
 *
 *     const spec = confusionMatrixSpec(confusionMatrix(yTest.data, predictedIds, 10), classNames);
 */
export function confusionMatrixSpec(matrix: ConfusionMatrix, classNames?: readonly string[]): TopLevelSpec {
  const { classes, counts } = matrix;
  const names = Array.from({ length: classes }, (_, k) => classNames?.[k] ?? String(k));
  let largest = 0;
  const values: { actual: string; predicted: string; count: number; light: boolean }[] = [];
  for (let a = 0; a < classes; a++) for (let p = 0; p < classes; p++) largest = Math.max(largest, counts[a * classes + p]);
  for (let a = 0; a < classes; a++) {
    for (let p = 0; p < classes; p++) {
      const count = counts[a * classes + p];
      values.push({ actual: names[a], predicted: names[p], count, light: count > largest / 2 });
    }
  }
  const axis = (field: 'actual' | 'predicted', title: string) => ({ field, type: 'ordinal' as const, title, sort: names });
  return {
    title: 'Confusion matrix (rows: true class)',
    data: { values },
    encoding: { x: axis('predicted', 'predicted class'), y: axis('actual', 'true class') },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, title: 'samples' } } },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: 'datum.light', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
