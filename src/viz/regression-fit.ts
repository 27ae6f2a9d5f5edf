import type { TopLevelSpec } from 'vega-lite';
import { ArgumentError } from '../errors.js';

/**
 * A 1-D regression fit as in the book's sine example: the true curve and the
 * model's prediction as two lines over the same x.
 *
 *     const spec = regressionFitSpec(xTest.data, yTest.data, model.predict(xTest).data);
 */
export function regressionFitSpec(
  x: ArrayLike<number>,
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  title = 'Regression fit',
): TopLevelSpec {
  if (actual.length !== x.length || predicted.length !== x.length) {
    throw new ArgumentError(
      `regressionFitSpec: x, actual and predicted must have the same length, received ${x.length}, ${actual.length}, ${predicted.length}`,
    );
  }
  const values: { x: number; y: number; series: string }[] = [];
  for (let index = 0; index < x.length; index++) {
    values.push({ x: x[index], y: actual[index], series: 'true' });
    values.push({ x: x[index], y: predicted[index], series: 'predicted' });
  }
  return {
    title,
    data: { values },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x' },
      y: { field: 'y', type: 'quantitative', title: 'y' },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: ['true', 'predicted'], range: ['#1f77b4', '#ff7f0e'] },
      },
    },
  };
}
