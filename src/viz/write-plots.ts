import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Tensor } from '../tensor/tensor.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { toFilePath, type FilePath } from '../platform/file-path.js';
import { decisionBoundarySpec, type ClassPredictor } from './decision-boundary.js';
import { predictedVsActualSpec } from './predicted-vs-actual.js';
import { regressionFitSpec } from './regression-fit.js';
import { regressionCurvesSpec, type RegressionCurvePoint } from './regression-curves.js';
import { checkChartSize, renderSvg, svgToPng, DEFAULT_CHART_SIZE, type ChartSize } from './render.js';
import { confusionMatrix } from '../metrics/confusion-matrix.js';
import { VERSION } from '../version.js';
import { confusionMatrixSpec } from './confusion-matrix.js';
import { misclassifiedImagesSpec, misclassifiedSamples } from './misclassified.js';
import { reportHtml, type ReportTable, type ReportValue } from './report.js';
import { trainingCurvesSpec, type CurvePoint, type HeldOutSplit } from './training-curves.js';

/** Misclassified samples the report shows (as pictures for images). */
const MISCLASSIFIED_SHOWN = 18;

/** The charts to draw; every part is optional, charts are drawn for what is given. */
export interface PlotInput {
  /** Per-epoch logs (`history.epochs`) → loss.* and, when any accuracy is finite, accuracy.* */
  history?: readonly CurvePoint[];
  /** A regression's per-epoch validation RMSE, MAE and R² → regression-errors.* and regression-r2.* (drawn after loss, before accuracy) */
  regressionHistory?: readonly RegressionCurvePoint[];
  /** What the history's `validation*` values were measured on; the legend's name for that line (default 'validation'). */
  heldOut?: HeldOutSplit;
  /**
   * A classifier on held-out data: `actual` class ids of `x`'s rows, and
   * `predict` for the predicted ones → confusion-matrix.*, a per-class
   * accuracy table and the first misclassified samples: a table, and, with
   * `imageShape` ([height, width], one channel), misclassified.* with the
   * pictures (pixels from `pixelRange[0]` black to `[1]` white; default the
   * smallest and largest value in x).
   */
  classification?: {
    x: Tensor;
    actual: ArrayLike<number>;
    predict: (x: Tensor) => ArrayLike<number>;
    classNames?: readonly string[];
    imageShape?: readonly [number, number];
    pixelRange?: readonly [number, number];
  };
  /** When the run started and how long it took (seconds): shown in the report beside the scratchnet version. */
  run?: { started: Date; seconds: number };
  /** 2-D classification data and a predictor → decision-boundary.* */
  decisionBoundary?: {
    x: Tensor;
    classes: ArrayLike<number>;
    predict: ClassPredictor;
    classNames?: readonly string[];
    resolution?: number;
  };
  /** 1-D regression (x, true y, predicted y) → regression-fit.* */
  regressionFit?: { x: ArrayLike<number>; actual: ArrayLike<number>; predicted: ArrayLike<number> };
  /** Any regression → predicted-vs-actual.* */
  predictedVsActual?: { actual: ArrayLike<number>; predicted: ArrayLike<number> };
  /** Report heading (default "scratchnet run"). */
  title?: string;
  configuration?: Record<string, ReportValue>;
  metrics?: Record<string, ReportValue>;
  /** Size of every chart in pixels, SVG and PNG alike (default 640 × 400). */
  size?: ChartSize;
}

/** Paths written by {@link writePlots}, report first. */
export interface WrittenPlots {
  report: string;
  charts: string[];
}

/**
 * Draws the charts for `input` and writes, into `dir` (created if missing),
 * `<chart>.svg` and `<chart>.png` for each chart plus `report.html` linking
 * them with the configuration and metrics. Everything is rendered in memory
 * first and each file is written atomically, so a failure leaves no partial
 * file behind.
 *
 *     await writePlots('out', { history: history.epochs, metrics: { accuracy: 0.93 } });
 */
export async function writePlots(folder: FilePath, input: PlotInput): Promise<WrittenPlots> {
  const dir = toFilePath('writePlots', folder, 'folder');
  const size = checkChartSize('writePlots', input.size ?? DEFAULT_CHART_SIZE);
  const charts: { stem: string; title: string; spec: TopLevelSpec }[] = [];
  if (input.history !== undefined && input.history.length > 0) {
    charts.push({ stem: 'loss', title: 'Loss', spec: trainingCurvesSpec(input.history, 'loss', input.heldOut) });
    if (input.regressionHistory !== undefined && input.regressionHistory.length > 0) {
      charts.push({ stem: 'regression-errors', title: 'RMSE and MAE', spec: regressionCurvesSpec(input.regressionHistory, 'errors') });
      charts.push({ stem: 'regression-r2', title: 'R²', spec: regressionCurvesSpec(input.regressionHistory, 'r2') });
    }
    // A model trained without an accuracy metric logs NaN: no accuracy chart then.
    if (input.history.some((e) => Number.isFinite(e.accuracy))) {
      charts.push({ stem: 'accuracy', title: 'Accuracy', spec: trainingCurvesSpec(input.history, 'accuracy', input.heldOut) });
    }
  }
  if (input.decisionBoundary !== undefined) {
    const { x, classes, predict, classNames, resolution } = input.decisionBoundary;
    charts.push({
      stem: 'decision-boundary',
      title: 'Decision boundary',
      spec: decisionBoundarySpec(x, classes, predict, { classNames, resolution }),
    });
  }
  if (input.regressionFit !== undefined) {
    const { x, actual, predicted } = input.regressionFit;
    charts.push({ stem: 'regression-fit', title: 'Regression fit', spec: regressionFitSpec(x, actual, predicted) });
  }
  if (input.predictedVsActual !== undefined) {
    const { actual, predicted } = input.predictedVsActual;
    charts.push({
      stem: 'predicted-vs-actual',
      title: 'Predicted vs actual',
      spec: predictedVsActualSpec(actual, predicted),
    });
  }

  const tables: ReportTable[] = [];
  if (input.classification !== undefined) {
    const { x, actual, predict, classNames, imageShape } = input.classification;
    const predicted = predict(x);
    let classes = classNames?.length ?? 0;
    for (let i = 0; i < actual.length; i++) classes = Math.max(classes, actual[i] + 1, predicted[i] + 1);
    const matrix = confusionMatrix(actual, predicted, classes);
    const name = (id: number): string => classNames?.[id] ?? String(id);
    const split = input.heldOut ?? 'validation';
    charts.push({ stem: 'confusion-matrix', title: 'Confusion matrix', spec: confusionMatrixSpec(matrix, classNames) });
    tables.push({
      title: `Per-class accuracy (${split})`,
      columns: ['class', 'samples', 'correct', 'accuracy'],
      rows: Array.from(matrix.support, (n, k) => [name(k), n, matrix.counts[k * classes + k], n > 0 ? matrix.perClassAccuracy[k] : null]),
    });
    const wrong = misclassifiedSamples(actual, predicted, MISCLASSIFIED_SHOWN);
    tables.push({
      title: `Misclassified ${split} samples (${wrong.length}, in turns from each true class)`,
      columns: ['sample', 'true class', 'predicted'],
      rows: wrong.map(({ index, actual: truth, predicted: guess }) => [index, name(truth), name(guess)]),
    });
    if (imageShape !== undefined && wrong.length > 0) {
      const range = input.classification.pixelRange ?? valueRange(x.data);
      charts.push({ stem: 'misclassified', title: 'Misclassified samples', spec: misclassifiedImagesSpec(x, wrong, imageShape, range, classNames) });
    }
  }

  const files: { path: string; data: string | Uint8Array }[] = [];
  for (const chart of charts) {
    const svg = await renderSvg(chart.spec, size);
    files.push({ path: join(dir, `${chart.stem}.svg`), data: svg });
    files.push({ path: join(dir, `${chart.stem}.png`), data: await svgToPng(svg, size.width) });
  }
  const report = join(dir, 'report.html');
  files.push({
    path: report,
    data: reportHtml({
      title: input.title ?? 'scratchnet run',
      configuration: {
        'scratchnet version': VERSION,
        ...(input.run !== undefined ? { date: input.run.started.toISOString(), duration: `${input.run.seconds.toFixed(1)} s` } : {}),
        ...input.configuration,
      },
      metrics: input.metrics ?? {},
      charts,
      tables,
    }),
  });

  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFileAtomic(file.path, file.data);
  return { report, charts: files.slice(0, -1).map((file) => file.path) };
}

/** The smallest and largest value (a constant image is drawn mid-gray over [v − 1, v + 1]). */
function valueRange(values: ArrayLike<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    low = Math.min(low, values[i]);
    high = Math.max(high, values[i]);
  }
  return high > low ? [low, high] : [low - 1, low + 1];
}
