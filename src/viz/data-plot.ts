import type { TopLevelSpec } from 'vega-lite';
import { ArgumentError, checkOptions, formatShape } from '../errors.js';
import { circlesData } from '../data/synthetic/circles.js';
import { moonsData } from '../data/synthetic/moons.js';
import { sineData } from '../data/synthetic/sine.js';
import { spiralData } from '../data/synthetic/spiral.js';
import { verticalData } from '../data/synthetic/vertical.js';
import { xorData } from '../data/synthetic/xor.js';
import { getDefaultGenerator } from '../random/default.js';
import type { RandomGenerator } from '../random/generator.js';
import type { NumericArray, Tensor } from '../tensor/tensor.js';
import { classColors } from './palette.js';
import { checkChartSize, renderSvg, svgToPng, DEFAULT_CHART_SIZE, type ChartSize } from './render.js';

/** The built-in datasets `plotData` generates and draws. */
export const PLOT_DATASETS = ['spiral', 'vertical', 'sine', 'moons', 'circles', 'xor'] as const;
export type PlotDataset = (typeof PLOT_DATASETS)[number];

/** Options of {@link dataPlotSpec}. */
export interface DataPlotOptions {
  title?: string;
  /** Legend names of the class ids (class ids otherwise). */
  classNames?: readonly string[];
}

/**
 * The raw data before any training, as the seeds plot it.
 *
 * - x [n, 2] with n class ids in y ([n] or [n, 1]): a scatter of the points
 *   colored by class, the seeds' `plt.scatter(X[:, 0], X[:, 1], c=y, cmap='brg')`
 *   (blue, red, green for classes 0, 1, 2);
 * - x [n, 1] with y [n, 1] (sine): the targets as a line over x,
 *   `plt.plot(X, y)`.
 *
 *     const [X, y] = spiralData(100, 3);
 *     const spec = dataPlotSpec(X, y);   // 300 points in 3 colors
 */
export function dataPlotSpec(x: Tensor, y: Tensor<NumericArray>, options: DataPlotOptions = {}): TopLevelSpec {
  checkOptions('dataPlotSpec', options, ['title', 'classNames']);
  const rows = x.rank === 2 ? x.shape[0] : -1;
  const columns = x.rank === 2 ? x.shape[1] : -1;
  const targetsPerRow = y.rank === 1 ? 1 : y.rank === 2 ? y.shape[1] : -1;
  if ((columns !== 1 && columns !== 2) || y.shape[0] !== rows || targetsPerRow !== 1) {
    throw new ArgumentError(
      `dataPlotSpec: expects x [n, 2] with n class ids in y, or x [n, 1] with y [n, 1]; ` +
        `received x ${formatShape(x.shape)} and y ${formatShape(y.shape)}`,
    );
  }
  if (columns === 1) {
    const values = Array.from({ length: rows }, (_, i) => ({ x: x.data[i], y: y.data[i] }));
    return {
      title: options.title ?? 'Data',
      data: { values },
      mark: { type: 'line' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: 'x' },
        y: { field: 'y', type: 'quantitative', title: 'y' },
      },
    };
  }
  let classCount = 0;
  for (let i = 0; i < rows; i++) {
    const id = y.data[i];
    if (!Number.isInteger(id) || id < 0) {
      throw new ArgumentError(`dataPlotSpec: y must hold class ids (integers >= 0) for 2-D x, received ${id} at row ${i}`);
    }
    classCount = Math.max(classCount, id + 1);
  }
  const label = (id: number): string => options.classNames?.[id] ?? String(id);
  const values = Array.from({ length: rows }, (_, i) => ({ x: x.data[2 * i], y: x.data[2 * i + 1], class: label(y.data[i]) }));
  return {
    title: options.title ?? 'Data',
    data: { values },
    mark: { type: 'circle', size: 18, opacity: 0.9 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x₀', scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: 'x₁', scale: { zero: false } },
      color: {
        field: 'class',
        type: 'nominal',
        title: 'class',
        scale: { domain: Array.from({ length: classCount }, (_, id) => label(id)), range: classColors(classCount) },
      },
    },
  };
}

/** Options of {@link plotData}: how much data to generate, and the chart. */
export interface PlotDataOptions extends DataPlotOptions {
  /** The dataset function's first argument: samples per class (default 100), or in all for sine (default 1000). */
  samples?: number;
  /** Classes (default 3 for spiral and vertical, 2 for moons, circles and xor); not for sine. */
  classes?: number;
  /** Noise of moons, circles and xor (their default 0.1). */
  noise?: number;
  /** Where the random numbers come from (default: the generator `init(seed)` seeds). */
  generator?: RandomGenerator;
  /** Pixel size of the SVG and PNG (default 640 × 400). */
  size?: ChartSize;
}

/** What {@link plotData} made: the data it drew, its chart as a spec, an SVG and a PNG. */
export interface DataPlot {
  x: Tensor;
  y: Tensor<NumericArray>;
  spec: TopLevelSpec;
  svg: string;
  png: Uint8Array;
}

/**
 * Generates a built-in dataset and draws it before any training (see
 * {@link dataPlotSpec}), as the seeds do right after `spiral_data` or
 * `sine_data`. Random datasets draw from `generator`, so `init(0)` first
 * gives the seed's points.
 *
 *     init(0);
 *     const { svg, png } = await plotData('spiral', { samples: 100, classes: 3 });
 */
export async function plotData(dataset: PlotDataset, options: PlotDataOptions = {}): Promise<DataPlot> {
  checkOptions('plotData', options, ['samples', 'classes', 'noise', 'generator', 'size', 'title', 'classNames']);
  if (!(PLOT_DATASETS as readonly string[]).includes(dataset)) {
    throw new ArgumentError(`plotData: dataset must be one of ${PLOT_DATASETS.join(', ')}; received ${String(dataset)}`);
  }
  const size = checkChartSize('plotData', options.size ?? DEFAULT_CHART_SIZE);
  const [x, y] = generate(dataset, options);
  const spec = dataPlotSpec(x, y, { title: options.title ?? dataset, classNames: options.classNames });
  const svg = await renderSvg(spec, size);
  return { x, y, spec, svg, png: await svgToPng(svg, size.width) };
}

function generate(dataset: PlotDataset, options: PlotDataOptions): [Tensor, Tensor<NumericArray>] {
  const generator = options.generator ?? getDefaultGenerator();
  const unused = (name: 'classes' | 'noise'): void => {
    if (options[name] !== undefined) throw new ArgumentError(`plotData: ${name} does not apply to ${dataset}, received ${options[name]}`);
  };
  switch (dataset) {
    case 'sine':
      unused('classes');
      unused('noise');
      return sineData(options.samples ?? 1000);
    case 'spiral':
    case 'vertical':
      unused('noise');
      return (dataset === 'spiral' ? spiralData : verticalData)(options.samples ?? 100, options.classes ?? 3, generator);
    case 'moons':
    case 'circles':
    case 'xor': {
      const make = { moons: moonsData, circles: circlesData, xor: xorData }[dataset];
      const toyOptions = options.noise === undefined ? { generator } : { generator, noise: options.noise };
      return make(options.samples ?? 100, options.classes ?? 2, toyOptions);
    }
  }
}
