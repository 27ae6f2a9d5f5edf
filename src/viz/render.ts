import type { TopLevelSpec } from 'vega-lite';
import { ArgumentError } from '../errors.js';

// vega, vega-lite and the native rasteriser load on first use: importing the library stays quick.

/** The pixel size of a chart: the whole SVG/PNG, axes and legend included. */
export interface ChartSize {
  width: number;
  height: number;
}

/** Default size of every chart, in CSS pixels. */
export const DEFAULT_CHART_SIZE: ChartSize = { width: 640, height: 400 };

/** Returns `size` if its width and height are integers in [50, 10000]; otherwise throws, naming `owner`. */
export function checkChartSize(owner: string, size: ChartSize): ChartSize {
  for (const [name, value] of [['width', size.width], ['height', size.height]] as const) {
    if (!Number.isInteger(value) || value < 50 || value > 10_000) {
      throw new ArgumentError(`${owner}: size.${name} must be an integer in [50, 10000], received ${value}`);
    }
  }
  return size;
}

/**
 * Renders a Vega-Lite spec to an SVG string, headless (no browser, no canvas).
 * The spec is sized with `autosize: fit` so the SVG is exactly `size`, axes
 * and legend included.
 *
 * ```ts
 * const svg = await renderSvg(trainingCurvesSpec(history.epochs, 'loss'), { width: 800, height: 500 });
 * ```
 */
export async function renderSvg(spec: TopLevelSpec, size: ChartSize = DEFAULT_CHART_SIZE): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const sized = {
    ...spec,
    width: size.width,
    height: size.height,
    autosize: { type: 'fit', contains: 'padding' },
    background: 'white',
  } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(sized).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG to PNG bytes of exactly `width` pixels wide (the height
 * follows the SVG's aspect ratio), with the system's fonts for the labels.
 * Node only (a native module, `@resvg/resvg-js`).
 *
 * ```ts
 * await writeFile('loss.png', await svgToPng(svg, 800));
 * ```
 */
export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const renderer = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}
