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
import { reportHtml, type ReportValue } from './report.js';
import { trainingCurvesSpec, type CurvePoint } from './training-curves.js';

/** The charts to draw; every part is optional, charts are drawn for what is given. */
export interface PlotInput {
  /** Per-epoch logs (`history.epochs`) → loss.* and, when any accuracy is finite, accuracy.* */
  history?: readonly CurvePoint[];
  /** A regression's per-epoch validation RMSE, MAE and R² → regression-errors.* and regression-r2.* (drawn after loss, before accuracy) */
  regressionHistory?: readonly RegressionCurvePoint[];
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
    charts.push({ stem: 'loss', title: 'Loss', spec: trainingCurvesSpec(input.history, 'loss') });
    if (input.regressionHistory !== undefined && input.regressionHistory.length > 0) {
      charts.push({ stem: 'regression-errors', title: 'RMSE and MAE', spec: regressionCurvesSpec(input.regressionHistory, 'errors') });
      charts.push({ stem: 'regression-r2', title: 'R²', spec: regressionCurvesSpec(input.regressionHistory, 'r2') });
    }
    // A model trained without an accuracy metric logs NaN: no accuracy chart then.
    if (input.history.some((e) => Number.isFinite(e.accuracy))) {
      charts.push({ stem: 'accuracy', title: 'Accuracy', spec: trainingCurvesSpec(input.history, 'accuracy') });
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
      configuration: input.configuration ?? {},
      metrics: input.metrics ?? {},
      charts,
    }),
  });

  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFileAtomic(file.path, file.data);
  return { report, charts: files.slice(0, -1).map((file) => file.path) };
}
