import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASS_NAMES } from '../../src/data/fashion-mnist.js';
import { loadImageForPrediction } from '../../src/data/image.js';
import { loadModel } from '../../src/io/model-file.js';
import { temporaryFolder } from '../temporary-folder.js';
import { runCli } from './run-cli.js';

const exampleConfig = fileURLToPath(new URL('../../examples/configs/cnn.json', import.meta.url));

const W4 =
  'Conv2D(1→16, 3×3) ReLU MaxPool2D(2×2) Conv2D(16→32, 3×3) ReLU MaxPool2D(2×2) Flatten Dense(800→128) ReLU Dense(128→10) Softmax';

const dir = temporaryFolder('scratchnet-cli-cnn-', { per: 'file' });

// Small runs on a seeded random subset (--limit): the pipeline is under test here, not the accuracy.
describe('scratchnet train fashion-mnist --model cnn', () => {
  it('builds W4 (He, Adam 0.001), feeds it [N, 28, 28, 1] images and writes the model and the plots', async () => {
    const result = await runCli(
      ['train', 'fashion-mnist', '--model', 'cnn', '--limit', '256', '--epochs', '1', '--out', 'cnn.safetensors', '--plot', 'plots'],
      { cwd: dir() },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`training on fashion-mnist: 256 samples, ${W4}`);
    expect(lines[1]).toMatch(/^epoch 1\/1  loss \d\.\d{4}  acc \d\.\d{4}  val_loss \d\.\d{4}  val_acc \d\.\d{4}  lr [\d.e-]+  /);
    expect(lines[2]).toMatch(/^test accuracy: (0|1)\.\d{4}, loss: \d+\.\d{4}$/);

    const model = await loadModel(join(dir(), 'cnn.safetensors'));
    expect(model.inputShape).toEqual([28, 28, 1]);
    const spec = model.toSpec();
    expect(spec.optimizer).toEqual({ type: 'Adam', learningRate: 0.001, decay: 1e-3, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 });
    const weighted = spec.layers.filter((layer) => layer.type === 'Conv2D' || layer.type === 'Dense');
    expect(weighted.map((layer) => layer.initializer)).toEqual([{ kind: 'he' }, { kind: 'he' }, { kind: 'he' }, { kind: 'he' }]);
    expect(model.metadata).toMatchObject({ dataset: 'fashion-mnist', classNames: [...FASHION_MNIST_CLASS_NAMES] });

    expect((await readdir(join(dir(), 'plots'))).sort()).toEqual([
      'accuracy.png', 'accuracy.svg', 'confusion-matrix.png', 'confusion-matrix.svg', 'loss.png', 'loss.svg',
      'misclassified.png', 'misclassified.svg', 'report.html',
    ]);
    // The CNN validates on the test set: the legend, the per-class table and the pictures say so, with the class names.
    expect(await readFile(join(dir(), 'plots', 'loss.svg'), 'utf8')).toContain('>test</text>');
    expect(await readFile(join(dir(), 'plots', 'confusion-matrix.svg'), 'utf8')).toContain('>Ankle boot</text>');
    const report = await readFile(join(dir(), 'plots', 'report.html'), 'utf8');
    expect(report).toContain('<h2>Per-class accuracy (test)</h2>');
    expect(report).toMatch(/<tr><td>T-shirt\/top<\/td><td>\d+<\/td><td>\d+<\/td><td>/);
    expect(report).toContain('<th>scratchnet version</th><td>0.1.0</td>');
    expect(report).toMatch(/<th>date<\/th><td>\d{4}-\d\d-\d\dT[\d:.]+Z<\/td>/);
    expect(report).toMatch(/<th>duration<\/th><td>\d+\.\d s<\/td>/);
    expect(report).toContain(`<th>layers</th><td>${W4}</td>`);
    expect(report).toContain('<th>batch size</th><td>128</td>');
    expect(report).toContain('<th>epochs</th><td>1</td>');
  });

  it('summary prints each layer with its output shape and parameter count', async () => {
    const result = await runCli(['summary', 'cnn.safetensors'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').map((line) => line.trim().split(/\s{2,}/));
    const table = rows.filter((row) => /^\d+$/.test(row[0])).map((row) => row.slice(1));
    expect(table).toEqual([
      ['Conv2D(1→16, 3×3)', '[batch, 26, 26, 16]', '160'],
      ['ReLU', '[batch, 26, 26, 16]', '0'],
      ['MaxPool2D(2×2)', '[batch, 13, 13, 16]', '0'],
      ['Conv2D(16→32, 3×3)', '[batch, 11, 11, 32]', '4,640'],
      ['ReLU', '[batch, 11, 11, 32]', '0'],
      ['MaxPool2D(2×2)', '[batch, 5, 5, 32]', '0'],
      ['Flatten', '[batch, 800]', '0'],
      ['Dense(800→128)', '[batch, 128]', '102,528'],
      ['ReLU', '[batch, 128]', '0'],
      ['Dense(128→10)', '[batch, 10]', '1,290'],
      ['Softmax', '[batch, 10]', '0'],
    ]);
    expect(result.stdout).toContain('total parameters: 108,618');
  });

  it('predict --image reshapes the 28×28 gray image to the model input [1, 28, 28, 1]', async () => {
    const image = new Jimp({ width: 56, height: 56, color: 0xffffffff });
    for (let y = 8; y < 48; y++) for (let x = 14; x < 42; x++) image.setPixelColor(0x303030ff, x, y);
    await image.write(join(dir(), 'shirt.png') as `${string}.png`);

    const result = await runCli(['predict', 'cnn.safetensors', '--image', 'shirt.png', '--top', '2'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const model = await loadModel(join(dir(), 'cnn.safetensors'));
    const probabilities = model.predict(await loadImageForPrediction(join(dir(), 'shirt.png'), { layout: 'images' })).data;
    const top = Array.from(probabilities, (p, id) => ({ p, id }))
      .sort((a, b) => b.p - a.p || a.id - b.id)
      .slice(0, 2)
      .map(({ p, id }) => `${FASHION_MNIST_CLASS_NAMES[id]} ${(100 * p).toFixed(1)}%`);
    expect(result.stdout).toBe(`${top.join(', ')}\n`);
  });

  it('evaluate feeds the whole test set as images', async () => {
    const result = await runCli(['evaluate', 'cnn.safetensors'], { cwd: dir() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^fashion-mnist test set \(10000 samples\): accuracy (0|1)\.\d{4}, loss \d+\.\d{4}\n$/);
  });

  it('resumes a CNN checkpoint on the same --limit subset exactly where an uninterrupted run would be', async () => {
    const common = ['train', 'fashion-mnist', '--model', 'cnn', '--limit', '256', '--seed', '3'];
    const full = await runCli([...common, '--epochs', '2'], { cwd: dir() });
    expect(full.code).toBe(0);
    const first = await runCli([...common, '--epochs', '1', '--checkpoint-every', '1', '--out', 'part.safetensors'], { cwd: dir() });
    expect(first.code).toBe(0);
    const resumed = await runCli(['train', 'fashion-mnist', '--limit', '256', '--seed', '3', '--epochs', '2', '--resume', 'part.checkpoint.safetensors'], { cwd: dir() });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const epoch2 = (text: string): string | undefined => text.split('\n').find((line) => line.startsWith('epoch 2/2'))?.replace(/  [\d.]+ s  \d+ samples\/s$/, '');
    expect(epoch2(resumed.stdout)).toMatch(/^epoch 2\/2  loss /);
    expect(epoch2(resumed.stdout)).toBe(epoch2(full.stdout));
  });
});

describe('scratchnet train --config with a CNN', () => {
  it('trains the shipped example config: inChannels and the image size come from the data', async () => {
    const result = await runCli(
      ['train', 'fashion-mnist', '--config', exampleConfig, '--limit', '200', '--epochs', '1', '--batch-size', '100', '--out', 'own.safetensors'],
      { cwd: dir() },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'training on fashion-mnist: 200 samples, Conv2D(1→8, 3×3, same) ReLU MaxPool2D(2×2) Conv2D(8→16, 3×3) ReLU MaxPool2D(2×2) Flatten Dense(576→64) ReLU Dense(64→10) Softmax\n',
    );
    const model = await loadModel(join(dir(), 'own.safetensors'));
    expect(model.inputShape).toEqual([28, 28, 1]);
    // Left to the task's defaults by the config: the preset's Adam.
    expect(model.toSpec().optimizer).toMatchObject({ type: 'Adam', learningRate: 0.001 });
  });

  it('names the shapes when the data has no images', async () => {
    const result = await runCli(['train', 'spiral', '--config', exampleConfig, '--epochs', '1'], { cwd: dir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: --config ${exampleConfig}: the model takes samples of shape [batch, ?, ?, 1], but spiral gives [batch, 2]\n`);
  });
});
