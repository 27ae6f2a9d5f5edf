import { describe, expect, it } from 'vitest';
import { init, spiralData, Tensor } from '../../src/index.js';
import { PLOT_DATASETS, dataPlotSpec, plotData } from '../../src/viz/data-plot.js';
import { pngSize, svgSize } from './png.js';

/** The marks drawn inside the SVG group of the chart's one `kind` mark (the data, not the legend). */
function marksIn(svg: string, kind: 'symbol' | 'line'): number {
  const start = svg.indexOf(`<g class="mark-${kind} role-mark marks"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const group = svg.slice(start, svg.indexOf('</g>', start));
  return group.split('<path').length - 1;
}

type Spec = { data: { values: { x: number; y: number; class?: string }[] }; mark: { type: string } };

describe('plotData: the built-in datasets before training', () => {
  it('spiral: one point per sample, colored by class, rendered to an SVG and a PNG of the requested size', async () => {
    init(0);
    const plot = await plotData('spiral', { samples: 100, classes: 3, size: { width: 480, height: 360 } });
    expect(plot.x.shape).toEqual([300, 2]);
    expect(marksIn(plot.svg, 'symbol')).toBe(300);
    expect(svgSize(plot.svg)).toEqual({ width: 480, height: 360 });
    expect(pngSize(plot.png)).toEqual({ width: 480, height: 360 });
    const spec = plot.spec as Spec;
    expect(spec.data.values.filter((v) => v.class === '2')).toHaveLength(100);
  });

  it('draws the same points the dataset function gives after the same init', async () => {
    init(0);
    const [X] = spiralData(100, 3);
    init(0);
    const plot = await plotData('spiral');
    expect(Array.from(plot.x.data)).toEqual(Array.from(X.data));
    const first = (plot.spec as Spec).data.values[1];
    expect([first.x, first.y]).toEqual([X.data[2], X.data[3]]);
  });

  it('sine: the targets as one line through 1 000 points', async () => {
    const plot = await plotData('sine');
    const spec = plot.spec as Spec;
    expect(spec.mark.type).toBe('line');
    expect(spec.data.values).toHaveLength(1000);
    expect(marksIn(plot.svg, 'line')).toBe(1);
    expect(pngSize(plot.png)).toEqual({ width: 640, height: 400 });
  });

  it.each(['vertical', 'moons', 'circles', 'xor'] as const)('%s: one point per sample', async (dataset) => {
    init(0);
    const plot = await plotData(dataset, { samples: 50 });
    expect(marksIn(plot.svg, 'symbol')).toBe(plot.x.shape[0]);
    expect(plot.x.shape[0]).toBe(dataset === 'vertical' ? 150 : 100);
  });

  it('covers every built-in dataset the playground offers', () => {
    expect([...PLOT_DATASETS].sort()).toEqual(['circles', 'moons', 'sine', 'spiral', 'vertical', 'xor']);
  });

  it('refuses an unknown dataset, options that do not apply, and a bad size', async () => {
    await expect(plotData('iris' as never)).rejects.toThrow(
      'plotData: dataset must be one of spiral, vertical, sine, moons, circles, xor; received iris',
    );
    await expect(plotData('sine', { classes: 3 })).rejects.toThrow('plotData: classes does not apply to sine, received 3');
    await expect(plotData('spiral', { noise: 0.2 })).rejects.toThrow('plotData: noise does not apply to spiral, received 0.2');
    await expect(plotData('xor', { size: { width: 10, height: 400 } })).rejects.toThrow(
      'plotData: size.width must be an integer in [50, 10000], received 10',
    );
    await expect(plotData('spiral', { colour: 'red' } as never)).rejects.toThrow('colour');
  });
});

describe('dataPlotSpec', () => {
  it('names class ids in the legend when given names', () => {
    const spec = dataPlotSpec(Tensor.from([[0, 1], [1, 0]]), new Tensor([2], Uint8Array.from([0, 1])), { classNames: ['no', 'yes'] }) as Spec;
    expect(spec.data.values.map((v) => v.class)).toEqual(['no', 'yes']);
  });

  it('refuses shapes it cannot draw and targets that are not class ids', () => {
    expect(() => dataPlotSpec(Tensor.from([[1, 2, 3]]), Tensor.from([0]))).toThrow(
      'dataPlotSpec: expects x [n, 2] with n class ids in y, or x [n, 1] with y [n, 1]; received x [1, 3] and y [1]',
    );
    expect(() => dataPlotSpec(Tensor.from([[1, 2]]), Tensor.from([0.5]))).toThrow(
      'dataPlotSpec: y must hold class ids (integers >= 0) for 2-D x, received 0.5 at row 0',
    );
  });
});
