import { describe, expect, it } from 'vitest';
import { renderSvg, svgToPng } from '../../src/viz/render.js';
import { trainingCurvesSpec } from '../../src/viz/training-curves.js';
import { pngSize, svgSize } from './png.js';

const history = [
  { epoch: 1, loss: 1.1, accuracy: 0.3, validationLoss: 1.2, validationAccuracy: 0.25 },
  { epoch: 2, loss: 0.8, accuracy: 0.6, validationLoss: 0.9, validationAccuracy: 0.55 },
  { epoch: 3, loss: 0.5, accuracy: 0.8, validationLoss: 0.7, validationAccuracy: 0.7 },
];

describe('renderSvg / svgToPng', () => {
  it('renders a chart to an SVG of exactly the requested size', async () => {
    const svg = await renderSvg(trainingCurvesSpec(history, 'loss'), { width: 500, height: 320 });
    expect(svgSize(svg)).toEqual({ width: 500, height: 320 });
    expect(svg).toContain('Loss');
  });

  it('rasterises to a PNG of the same size', async () => {
    const svg = await renderSvg(trainingCurvesSpec(history, 'accuracy'), { width: 300, height: 200 });
    expect(pngSize(await svgToPng(svg, 300))).toEqual({ width: 300, height: 200 });
  });
});

describe('trainingCurvesSpec', () => {
  it('has one training and one validation point per epoch', () => {
    const spec = trainingCurvesSpec(history, 'accuracy') as { data: { values: { split: string; value: number }[] } };
    const values = spec.data.values;
    expect(values.filter((v) => v.split === 'training').map((v) => v.value)).toEqual([0.3, 0.6, 0.8]);
    expect(values.filter((v) => v.split === 'validation').map((v) => v.value)).toEqual([0.25, 0.55, 0.7]);
  });

  it('draws only the training curve when there is no validation data', () => {
    const spec = trainingCurvesSpec([{ epoch: 1, loss: 2, accuracy: 0.1 }], 'loss') as {
      data: { values: { split: string; value: number }[] };
    };
    expect(spec.data.values).toEqual([{ epoch: 1, value: 2, split: 'training' }]);
  });
});
