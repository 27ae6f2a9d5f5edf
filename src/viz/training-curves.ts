import type { TopLevelSpec } from 'vega-lite';

/** What a curve needs from one epoch of a training history (`EpochLog` fits). */
export interface CurvePoint {
  epoch: number;
  loss: number;
  accuracy: number;
  validationLoss?: number;
  validationAccuracy?: number;
}

/** Which pair of curves to draw. */
export type CurveMetric = 'loss' | 'accuracy';

/**
 * What the `validation*` values were measured on: a validation split, or the
 * test set (the book validates on its test data). The legend says which.
 */
export type HeldOutSplit = 'validation' | 'test';

/**
 * Training (and, when present, validation) loss or accuracy per epoch as a
 * Vega-Lite line chart: x = epoch, y = metric, one colored line per split.
 * `heldOut` names the second line: "validation" (default) or "test" when the
 * validation data was the test set.
 *
 *     const svg = await renderSvg(trainingCurvesSpec(history.epochs, 'loss', 'test'));
 */
export function trainingCurvesSpec(epochs: readonly CurvePoint[], metric: CurveMetric, heldOut: HeldOutSplit = 'validation'): TopLevelSpec {
  const validationKey = metric === 'loss' ? 'validationLoss' : 'validationAccuracy';
  const values: { epoch: number; value: number; split: string }[] = [];
  for (const log of epochs) {
    if (Number.isFinite(log[metric])) values.push({ epoch: log.epoch, value: log[metric], split: 'training' });
    const validation = log[validationKey];
    if (validation !== undefined && Number.isFinite(validation)) {
      values.push({ epoch: log.epoch, value: validation, split: heldOut });
    }
  }
  return {
    title: metric === 'loss' ? 'Loss' : 'Accuracy',
    data: { values },
    mark: { type: 'line', point: epochs.length <= 30 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: {
        field: 'value',
        type: 'quantitative',
        title: metric,
        scale: { zero: false },
      },
      color: {
        field: 'split',
        type: 'nominal',
        title: null,
        scale: { domain: ['training', heldOut], range: ['#1f77b4', '#ff7f0e'] },
      },
    },
  };
}
