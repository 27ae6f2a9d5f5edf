/**
 * End to end, in a real browser: build the playground, serve it, train the
 * spiral in headless chromium and check what a learner would see.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../../src/model/model.js';
import { Dense, ReLU, Softmax } from '../../src/index.js';
import { servePlayground, type PlaygroundServer } from '../../src/web/serve.js';
import { defaultConfig } from '../../web/src/config.js';
import { createExperiment, trainOptions } from '../../web/src/experiment.js';
import { buildPlayground, launchChromium } from './harness.js';

const EPOCHS = 200;

async function waitForEpoch(page: Page, epoch: number): Promise<void> {
  await page.waitForFunction(
    (target) => {
      const status = document.getElementById('status');
      return Number(status?.dataset.epoch) >= target && status?.dataset.running === 'false';
    },
    epoch,
    { timeout: 60_000 },
  );
}

/** Keeps the boundary canvas's pixels on the page, to compare with later. */
async function rememberCanvas(page: Page): Promise<void> {
  await page.evaluate(() => {
    const canvas = document.getElementById('boundary') as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    (window as unknown as { remembered: Uint8ClampedArray | undefined }).remembered = pixels;
  });
}

/** Fraction of the boundary canvas's pixels that differ from the remembered ones. */
async function canvasChange(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.getElementById('boundary') as HTMLCanvasElement;
    const now = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    const before = (window as unknown as { remembered: Uint8ClampedArray | undefined }).remembered;
    if (!now || !before || now.length !== before.length) return -1;
    let changed = 0;
    for (let i = 0; i < now.length; i += 4) {
      if (now[i] !== before[i] || now[i + 1] !== before[i + 1] || now[i + 2] !== before[i + 2]) changed++;
    }
    return changed / (now.length / 4);
  });
}

describe('playground in chromium', () => {
  let root: string;
  let server: PlaygroundServer;
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  let shots: string;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    root = await buildPlayground();
    server = await servePlayground({ root, port: 0 });
    ({ context, profile } = await launchChromium());
    context.on('request', (request) => requests.push(request.url()));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    shots = mkdtempSync(join(tmpdir(), 'scratchnet-shots-'));
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    for (const folder of [root, profile, shots]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('trains the spiral from the keyboard: accuracy rises, the boundary changes, and the run matches Node', async () => {
    await page.fill('#epochs', String(EPOCHS));
    await rememberCanvas(page);
    // One epoch with the "s" shortcut, then the rest with Train, focused and pressed with the keyboard.
    await page.locator('#views').focus();
    await page.keyboard.press('s');
    await waitForEpoch(page, 1);
    await page.locator('#train').focus();
    await page.keyboard.press('Enter');
    await waitForEpoch(page, EPOCHS);

    const status = await page.locator('#status').evaluate((element) => ({ ...(element as HTMLElement).dataset }));
    expect(Number(status.epoch)).toBe(EPOCHS);
    expect(Number(status.accuracy)).toBeGreaterThan(0.7);
    expect(Number(status.validationAccuracy)).toBeGreaterThan(0.55);
    expect(await canvasChange(page)).toBeGreaterThan(0.2);

    // The same config trained by the same modules in Node gives the same numbers, bit for bit.
    const experiment = createExperiment({ ...defaultConfig('spiral'), epochs: EPOCHS });
    const began = performance.now();
    const history = await experiment.model.train(experiment.train[0], experiment.train[1], trainOptions(experiment, EPOCHS));
    const nodeSeconds = (performance.now() - began) / 1000;
    const last = history.epochs[history.epochs.length - 1];
    expect(Number(status.loss)).toBe(last.loss);
    expect(Number(status.accuracy)).toBe(last.accuracy);
    expect(Number(status.validationAccuracy)).toBe(last.validationAccuracy);
    // Printed, never asserted: machines are shared. bench/playground-speed.ts measures this properly.
    console.log(
      `playground: ${EPOCHS} spiral epochs (with validation) took ${Number(status.trainSeconds).toFixed(3)} s in chromium, ` +
        `${nodeSeconds.toFixed(3)} s in Node`,
    );
  });

  it('downloads the trained model as .safetensors that Model.load reads in Node, and loads it back', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe(`scratchnet-spiral-epoch${EPOCHS}.safetensors`);
    const file = join(shots, download.suggestedFilename());
    await download.saveAs(file);

    const model = await Model.load(file);
    expect(model.epoch).toBe(EPOCHS);
    expect(model.layers.map((layer) => layer.type)).toEqual(['Dense', 'ReLU', 'Dense', 'Softmax']);
    expect(model.metadata.dataset).toBe('spiral');
    const experiment = createExperiment({ ...defaultConfig('spiral'), epochs: EPOCHS });
    const validation = experiment.validation;
    if (!validation) throw new Error('spiral has a validation set');
    const pageAccuracy = Number(await page.locator('#status').getAttribute('data-validation-accuracy'));
    expect(model.evaluate(validation[0], validation[1]).accuracy).toBe(pageAccuracy);

    // Back into a fresh page: the settings, the epoch and the predictions come with the file.
    const other = await context.newPage();
    other.on('pageerror', (error) => pageErrors.push(error.message));
    await other.goto(`${server.url}#config=${encodeURIComponent(JSON.stringify({ ...defaultConfig('circles'), hidden: [8] }))}`);
    await other.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
    expect(await other.inputValue('#hidden')).toBe('8');
    await other.setInputFiles('#load', file);
    await other.waitForFunction((epochs) => Number(document.getElementById('status')?.dataset.epoch) === epochs, EPOCHS);
    expect(await other.inputValue('#hidden')).toBe('64');
    // Shown as trained, not as new: its epoch count, its curves (every epoch, from the file) and its last numbers.
    expect(model.metadata.history).toMatchObject({ epoch: Array.from({ length: EPOCHS }, (_, i) => i + 1) });
    const loaded = await other.locator('#status').evaluate((element) => ({ text: element.textContent ?? '', data: { ...(element as HTMLElement).dataset } }));
    expect(loaded.text).toMatch(new RegExp(`^Epoch ${EPOCHS} of ${EPOCHS} · acc `));
    expect(Number(loaded.data.curvePoints)).toBe(EPOCHS);
    expect(loaded.data.accuracy).toBe(await page.locator('#status').getAttribute('data-accuracy'));
    expect(await other.textContent('#train')).toBe('Train');
    expect(await other.isDisabled('#train')).toBe(true);
    expect(await other.inputValue('#dataset')).toBe('spiral');
    await other.fill('#sample', '250');
    await page.fill('#sample', '250');
    const probabilities = (p: Page): Promise<string | null> =>
      p.waitForFunction(() => document.querySelector('#forward caption')?.textContent?.startsWith('Sample #250')).then(() =>
        p.locator('#forward tbody tr:last-child').textContent(),
      );
    expect(await probabilities(other)).toBe(await probabilities(page));

    // Training on from the loaded file (weights, Adam's moments, epoch) equals never having stopped.
    await other.fill('#epochs', String(EPOCHS + 50));
    await other.click('#train');
    await waitForEpoch(other, EPOCHS + 50);
    const resumedLoss = Number(await other.locator('#status').getAttribute('data-loss'));
    await other.close();
    const straight = createExperiment({ ...defaultConfig('spiral'), epochs: EPOCHS + 50 });
    const history = await straight.model.train(straight.train[0], straight.train[1], trainOptions(straight, EPOCHS + 50));
    expect(resumedLoss).toBe(history.epochs[history.epochs.length - 1].loss);
  });

  it('pauses and resumes a mini-batch run with dropout without changing its numbers', async () => {
    // Waits for states, never for time: the target is out of reach, so Pause always lands mid-run,
    // at whatever epoch p it lands; then the run resumes to p + 20 and must equal 20 + p straight epochs.
    const config = { ...defaultConfig('moons'), samples: 150, batchSize: 16, dropout: 0.1, epochs: 1_000_000 };
    const other = await context.newPage();
    other.on('pageerror', (error) => pageErrors.push(error.message));
    await other.goto(`${server.url}#config=${encodeURIComponent(JSON.stringify(config))}`);
    await other.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
    expect(await other.inputValue('#batchSize')).toBe('16');
    await other.click('#train');
    await other.waitForFunction(() => Number(document.getElementById('status')?.dataset.epoch) >= 3);
    await other.click('#train');
    await other.waitForFunction(() => document.getElementById('status')?.dataset.running === 'false');
    const pausedAt = Number(await other.locator('#status').getAttribute('data-epoch'));
    expect(pausedAt).toBeGreaterThanOrEqual(3);
    expect(await other.textContent('#train')).toBe('Resume');
    const target = pausedAt + 20;
    await other.fill('#epochs', String(target));
    await other.click('#train');
    await waitForEpoch(other, target);
    const loss = Number(await other.locator('#status').getAttribute('data-loss'));
    expect(Number(await other.locator('#status').getAttribute('data-epoch'))).toBe(target);

    await other.close();

    const experiment = createExperiment({ ...config, epochs: target });
    const history = await experiment.model.train(experiment.train[0], experiment.train[1], trainOptions(experiment, target));
    expect(loss).toBe(history.epochs[history.epochs.length - 1].loss);
  });

  it('names what the page needs and what the file has when a model does not fit the data', async () => {
    const fashion = new Model();
    fashion.add(new Dense(784, 16));
    fashion.add(new ReLU());
    fashion.add(new Dense(16, 10));
    fashion.add(new Softmax());
    const file = join(shots, 'fashion.safetensors');
    await fashion.save(file);
    const other = await context.newPage();
    other.on('pageerror', (error) => pageErrors.push(error.message));
    await other.goto(server.url);
    await other.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
    await other.setInputFiles('#load', file);
    await other.waitForFunction(() => document.getElementById('problems')?.textContent !== '');
    expect(await other.textContent('#problems')).toBe(
      "Load model: this page's spiral data needs 2 inputs and 3 classes; the file's model takes 784 inputs and gives 10",
    );
    await other.close();
  });

  it('says what is wrong with a setting, a sample index or an epoch past the target, and shows every menu option whole', async () => {
    const other = await context.newPage();
    other.on('pageerror', (error) => pageErrors.push(error.message));
    await other.goto(server.url);
    await other.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));

    // The initializer menu is as wide as its longest option.
    const fits = await other.evaluate(() => {
      const select = document.getElementById('initializer') as HTMLSelectElement;
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = getComputedStyle(select).font;
      const longest = Math.max(...Array.from(select.options, (option) => option).map((option) => context.measureText(option.text).width));
      return { longest, inner: select.clientWidth };
    });
    expect(fits.longest).toBeLessThan(fits.inner);

    const last = Number(await other.getAttribute('#sample', 'max'));
    await other.fill('#sample', String(last + 100));
    await other.waitForFunction((index) => document.querySelector('#forward caption')?.textContent?.startsWith(`Sample #${index}`), last);
    expect(await other.inputValue('#sample')).toBe(String(last));
    expect(await other.textContent('#sample-note')).toBe(
      `There is no sample ${last + 100}: the data has ${last + 1} samples, numbered 0 to ${last}; showing sample ${last}.`,
    );

    // Step goes on past the Epochs setting, and the status says so.
    await other.fill('#epochs', '1');
    await other.click('#step');
    await waitForEpoch(other, 1);
    await other.click('#step');
    await waitForEpoch(other, 2);
    expect(await other.textContent('#status')).toMatch(/^Epoch 2 \(1 past the 1 set\) · acc /);

    // Last, as a valid value typed back would rebuild the run: an empty field is named as empty.
    await other.fill('#learningRate', '');
    await other.waitForFunction(() => document.getElementById('problems')?.textContent !== '');
    expect(await other.textContent('#problems')).toBe('learning rate is empty; enter a number > 0 and ≤ 10');
    expect(await other.isDisabled('#train')).toBe(true);
    await other.close();
  });

  it('draws the forward pass of the sample picked by index', async () => {
    await page.fill('#sample', '250');
    await page.waitForFunction(() => document.querySelector('#forward caption')?.textContent?.startsWith('Sample #250'));
    const text = await page.locator('#forward').textContent();
    expect(text).toContain('Sample #250 (class 2)');
    expect(text).toMatch(/Softmax0: \d\.\d{3}1: \d\.\d{3}2: \d\.\d{3}/);
    expect(text).toMatch(/Predicted class [0-2] \(p = 0\.\d{3}\); true class 2: (correct|wrong)\./);
  });

  it('takes a screenshot that is a PNG', async () => {
    const file = join(shots, 'playground.png');
    await page.screenshot({ path: file, fullPage: true });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(server.url);
    await phone.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
    const widths = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      canvas: (document.getElementById('boundary') as HTMLCanvasElement).getBoundingClientRect().width,
    }));
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.canvas).toBeGreaterThan(300);
    await phone.close();
  });

  it('made no request outside its own origin and threw no page errors', () => {
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
