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

describe('writePlots for a classifier', () => {
  it('adds a confusion matrix, per-class accuracy, misclassified pictures, the version, date and duration; the legend says test', async () => {
    // Four 2×2 images; sample 1 (class 1) is predicted 0, sample 3 (class 2) predicted 1.
    const x = new Tensor([4, 2, 2, 1], Float32Array.from([-1, -1, -1, -1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, 1, -1]));
    const written = await writePlots(dir, {
      history: [{ epoch: 1, loss: 1, accuracy: 0.5, validationLoss: 1.2, validationAccuracy: 0.5 }],
      heldOut: 'test',
      classification: { x, actual: [0, 1, 1, 2], predict: () => [0, 0, 1, 1], classNames: ['coat', 'shirt', 'bag'], imageShape: [2, 2] },
      run: { started: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), seconds: 12.34 },
    });
    expect(written.charts.map((c) => c.split(/[\\/]/).pop())).toEqual([
      'loss.svg', 'loss.png', 'accuracy.svg', 'accuracy.png', 'confusion-matrix.svg', 'confusion-matrix.png', 'misclassified.svg', 'misclassified.png',
    ]);
    const loss = await readFile(join(dir, 'loss.svg'), 'utf8');
    expect(loss).toContain('>test</text>');
    expect(loss).not.toContain('>validation</text>');
    const matrix = await readFile(join(dir, 'confusion-matrix.svg'), 'utf8');
    for (const name of ['coat', 'shirt', 'bag']) expect(matrix).toContain(`>${name}</text>`);
    expect(await readFile(join(dir, 'misclassified.svg'), 'utf8')).toContain('shirt → coat');
    const html = await readFile(written.report, 'utf8');
    expect(html).toContain('<h2>Per-class accuracy (test)</h2>');
    expect(html).toContain('<tr><td>coat</td><td>1</td><td>1</td><td>1</td></tr>');
    expect(html).toContain('<tr><td>shirt</td><td>2</td><td>1</td><td>0.500000</td></tr>');
    expect(html).toContain('<tr><td>bag</td><td>1</td><td>0</td><td>0</td></tr>');
    expect(html).toContain('<h2>Misclassified test samples (2, in turns from each true class)</h2>');
    expect(html).toContain('<tr><td>1</td><td>shirt</td><td>coat</td></tr>');
    expect(html).toContain('<tr><td>3</td><td>bag</td><td>shirt</td></tr>');
    expect(html).toContain('<th>scratchnet version</th><td>0.1.0</td>');
    expect(html).toContain('<th>date</th><td>2026-01-02T03:04:05.000Z</td>');
    expect(html).toContain('<th>duration</th><td>12.3 s</td>');
  });

  it('says validation by default, and draws no pictures without an image shape', async () => {
    const written = await writePlots(dir, {
      history: [{ epoch: 1, loss: 1, accuracy: 0.5, validationLoss: 1.2, validationAccuracy: 0.5 }],
      classification: { x: Tensor.from([[0, 0], [1, 1]]), actual: [0, 1], predict: () => [1, 1] },
    });
    expect(await readFile(join(dir, 'loss.svg'), 'utf8')).toContain('>validation</text>');
    expect(written.charts.map((c) => c.split(/[\\/]/).pop())).not.toContain('misclassified.svg');
    expect(await readFile(written.report, 'utf8')).toContain('<tr><td>0</td><td>0</td><td>1</td></tr>');
  });
});

