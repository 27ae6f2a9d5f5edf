import type { TopLevelSpec } from 'vega-lite';
import { ArgumentError } from '../errors.js';

/**
 * Predicted against actual values of a regression, one point per sample, with
 * the diagonal y = x where a perfect model would put every point.
 *
 *     const spec = predictedVsActualSpec(yTest.data, model.predict(xTest).data);
 */
export function predictedVsActualSpec(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  title = 'Predicted vs actual',
): TopLevelSpec {
  if (actual.length !== predicted.length) {
    throw new ArgumentError(
      `predictedVsActualSpec: actual and predicted must have the same length, received ${actual.length} and ${predicted.length}`,
    );
  }
  let low = Infinity;
  let high = -Infinity;
  const points: { actual: number; predicted: number }[] = [];
  for (let index = 0; index < actual.length; index++) {
    points.push({ actual: actual[index], predicted: predicted[index] });
    low = Math.min(low, actual[index], predicted[index]);
    high = Math.max(high, actual[index], predicted[index]);
  }
  const domain = Number.isFinite(low) && high > low ? [low, high] : [0, 1];
  return {
    title,
    layer: [
      {
        data: { values: [{ actual: domain[0], predicted: domain[0] }, { actual: domain[1], predicted: domain[1] }] },
        mark: { type: 'line', color: '#7f7f7f', strokeDash: [4, 4] },
        encoding: {
          x: { field: 'actual', type: 'quantitative', scale: { domain } },
          y: { field: 'predicted', type: 'quantitative', scale: { domain } },
        },
      },
      {
        data: { values: points },
        mark: { type: 'circle', size: 12, opacity: 0.5, color: '#1f77b4' },
        encoding: {
          x: { field: 'actual', type: 'quantitative', title: 'actual' },
          y: { field: 'predicted', type: 'quantitative', title: 'predicted' },
        },
      },
    ],
  };
}
