import type { TopLevelSpec } from 'vega-lite';

/** A regression's errors after one epoch, in the target's units (`RegressionEpoch` of the CLI fits). */
export interface RegressionCurvePoint {
  epoch: number;
  validationRootMeanSquaredError: number;
  validationMeanAbsoluteError: number;
  validationCoefficientOfDetermination: number;
}

/**
 * A regression's validation errors per epoch as a Vega-Lite line chart:
 * `'errors'` draws RMSE and MAE (both in the target's units, one line each),
 * `'r2'` the coefficient of determination R² = 1 − SS_res / SS_tot.
 *
 *     const svg = await renderSvg(regressionCurvesSpec(points, 'errors'));
 */
export function regressionCurvesSpec(points: readonly RegressionCurvePoint[], chart: 'errors' | 'r2'): TopLevelSpec {
  const values: { epoch: number; value: number; metric: string }[] = [];
  for (const point of points) {
    const entries: [string, number][] =
      chart === 'errors'
        ? [['RMSE', point.validationRootMeanSquaredError], ['MAE', point.validationMeanAbsoluteError]]
        : [['R²', point.validationCoefficientOfDetermination]];
    for (const [metric, value] of entries) if (Number.isFinite(value)) values.push({ epoch: point.epoch, value, metric });
  }
  return {
    title: chart === 'errors' ? 'Validation RMSE and MAE' : 'Validation R²',
    data: { values },
    mark: { type: 'line', point: points.length <= 30 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: chart === 'errors' ? 'error (target units)' : 'R²', scale: { zero: false } },
      color: { field: 'metric', type: 'nominal', title: null },
    },
  };
}
