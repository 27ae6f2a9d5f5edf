import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { writePlots } from '../../src/viz/write-plots.js';
import { pngSize, svgSize } from './png.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-plots-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writePlots', () => {
  it('writes every chart as SVG and PNG of the requested size, and a report linking them', async () => {
    const x = Array.from({ length: 20 }, (_, i) => i / 19);
    const actual = x.map((v) => Math.sin(2 * Math.PI * v));
    const predicted = actual.map((v) => 0.9 * v);
    const size = { width: 480, height: 300 };
    const written = await writePlots(join(dir, 'plots'), {
      history: [
        { epoch: 1, loss: 1, accuracy: 0.5, validationLoss: 1.1, validationAccuracy: 0.4 },
        { epoch: 2, loss: 0.5, accuracy: 0.7, validationLoss: 0.6, validationAccuracy: 0.65 },
      ],
      decisionBoundary: {
        x: Tensor.from([[0, 0], [1, 1], [0, 1]]),
        classes: [0, 1, 2],
        predict: (grid) => Array.from({ length: grid.shape[0] }, (_, i) => i % 3),
        resolution: 8,
      },
      regressionFit: { x, actual, predicted },
      predictedVsActual: { actual, predicted },
      title: 'test run',
      configuration: { dataset: 'sine', epochs: 2 },
      metrics: { 'test accuracy': 0.875 },
      size,
    });
    const stems = ['loss', 'accuracy', 'decision-boundary', 'regression-fit', 'predicted-vs-actual'];
    expect(written.charts).toEqual(stems.flatMap((s) => [join(dir, 'plots', `${s}.svg`), join(dir, 'plots', `${s}.png`)]));
    for (const stem of stems) {
      expect(svgSize(await readFile(join(dir, 'plots', `${stem}.svg`), 'utf8'))).toEqual(size);
      expect(pngSize(await readFile(join(dir, 'plots', `${stem}.png`)))).toEqual(size);
    }
    const html = await readFile(written.report, 'utf8');
    for (const stem of stems) expect(html).toContain(`src="${stem}.svg"`);
    expect(html).toContain('<th>test accuracy</th><td>0.875000</td>');
    expect(html).toContain('<th>dataset</th><td>sine</td>');
    // no temporary files left behind
    expect((await readdir(join(dir, 'plots'))).sort()).toEqual(
      [...stems.flatMap((s) => [`${s}.svg`, `${s}.png`]), 'report.html'].sort(),
    );
  });

  it('escapes HTML in the configuration', async () => {
    const written = await writePlots(dir, { configuration: { csv: '<b>&"x"' } });
    expect(await readFile(written.report, 'utf8')).toContain('&#60;b&#62;&#38;&#34;x&#34;');
    expect(written.charts).toEqual([]);
  });

  it('rejects a size it cannot draw and writes nothing', async () => {
    await expect(writePlots(join(dir, 'none'), { size: { width: 0, height: 300 } })).rejects.toThrow(
      'writePlots: size.width must be an integer in [50, 10000], received 0',
    );
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writePlots without an accuracy metric', () => {
  it('draws the loss chart and no accuracy chart when every accuracy is NaN', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scratchnet-plots-'));
    const history = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, accuracy: Number.NaN, validationLoss: 1.1 / epoch }));
    const written = await writePlots(dir, { history });
    expect(written.charts.map((c) => c.split(/[\\/]/).pop())).toEqual(['loss.svg', 'loss.png']);
  });
});
