import type { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { coefficientOfDetermination } from '../metrics/coefficient-of-determination.js';
import { meanAbsoluteError } from '../metrics/mean-absolute-error.js';
import { rootMeanSquaredError } from '../metrics/root-mean-squared-error.js';
import type { EpochLog } from '../model/history.js';
import type { Model } from '../model/model.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import type { Split } from './datasets.js';

/** A regression model's predictions on some rows and how far they are from the targets, in the target's own units. */
export interface RegressionResults {
  predicted: Tensor<Float32Array>;
  actual: Tensor<NumericArray>;
  rootMeanSquaredError: number;
  meanAbsoluteError: number;
  coefficientOfDetermination: number;
}

/**
 * Predicts `split.x` and measures RMSE, MAE and R² against `split.y`. Tables
 * train on a standardized target, so with a `targetScaler` both predictions
 * and targets go back to the target's units first (RMSE and MAE in dollars,
 * not in standard deviations).
 */
export function measureRegression(
  model: Model,
  split: Split,
  targetScaler: StandardScaler | undefined,
  batchSize?: number,
): RegressionResults {
  const output = model.predict(split.x, { batchSize });
  const predicted = targetScaler === undefined ? output : targetScaler.inverseTransform(output);
  const actual = targetScaler === undefined ? split.y : targetScaler.inverseTransform(split.y);
  return {
    predicted,
    actual,
    rootMeanSquaredError: rootMeanSquaredError(predicted, actual),
    meanAbsoluteError: meanAbsoluteError(predicted, actual),
    coefficientOfDetermination: coefficientOfDetermination(predicted, actual),
  };
}

/** The metrics by the names the CLI prints, formatted: `[['RMSE', '0.10412'], ['MAE', '0.081'], ['R²', '0.9876']]`. */
export function regressionEntries(results: RegressionResults): [name: string, value: string][] {
  // Five significant digits: RMSE and MAE come in the target's units, whatever their scale.
  const significant = (value: number): string => String(Number(value.toPrecision(5)));
  return [
    ['RMSE', significant(results.rootMeanSquaredError)],
    ['MAE', significant(results.meanAbsoluteError)],
    ['R²', results.coefficientOfDetermination.toFixed(4)],
  ];
}

/** RMSE, MAE and R² of one epoch on the data its val_ columns measure, in the target's units. */
export interface RegressionEpoch {
  epoch: number;
  validationRootMeanSquaredError: number;
  validationMeanAbsoluteError: number;
  validationCoefficientOfDetermination: number;
}

/**
 * Follows a regression's errors epoch by epoch: `describe(log)` (called once
 * per epoch, after its validation) measures `split` with
 * {@link measureRegression}, keeps the numbers in `epochs` (for the report's
 * chart) and returns them for the epoch line:
 * `val_rmse 68784  val_mae 44709  val_r2 0.6372`.
 */
export function regressionEpochs(
  model: Model,
  split: Split,
  targetScaler: StandardScaler | undefined,
  batchSize?: number,
): { epochs: RegressionEpoch[]; describe: (log: EpochLog) => string } {
  const epochs: RegressionEpoch[] = [];
  return {
    epochs,
    describe: (log) => {
      const results = measureRegression(model, split, targetScaler, batchSize);
      epochs.push({
        epoch: log.epoch,
        validationRootMeanSquaredError: results.rootMeanSquaredError,
        validationMeanAbsoluteError: results.meanAbsoluteError,
        validationCoefficientOfDetermination: results.coefficientOfDetermination,
      });
      const [rmse, mae, r2] = regressionEntries(results);
      return `val_rmse ${rmse[1]}  val_mae ${mae[1]}  val_r2 ${r2[1]}`;
    },
  };
}
