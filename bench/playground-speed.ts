/**
 * Training speed in the playground (chromium, Web Worker) against the same
 * run in Node, on the same backend. Prints a table; asserts nothing.
 *
 *   npx tsx bench/playground-speed.ts [--repeats 3]
 *
 * The page time is what the worker spent inside `model.train` (drawing and
 * message handling excluded); the Node time is the wall time of the same
 * `model.train` call. Both include the per-epoch validation pass.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getBackend } from '../src/backend/registry.js';
import { servePlayground } from '../src/web/serve.js';
import { buildPlayground, launchChromium } from '../test/web/harness.js';
import { defaultConfig, type PlaygroundConfig } from '../web/src/config.js';
import { createExperiment, trainOptions } from '../web/src/experiment.js';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' } } });
const repeats = Number(values.repeats);

const CASES: { name: string; config: PlaygroundConfig }[] = [
  { name: 'spiral 3×100, 64 hidden, full batch', config: { ...defaultConfig('spiral'), epochs: 300 } },
  {
    name: 'spiral 3×1000, 64-64 hidden, batch 128',
    config: { ...defaultConfig('spiral'), samples: 1000, hidden: [64, 64], batchSize: 128, epochs: 10 },
  },
  { name: 'moons 2×500, 16-16 hidden, batch 32, dropout', config: { ...defaultConfig('moons'), samples: 500, batchSize: 32, dropout: 0.1, epochs: 100 } },
];

async function nodeRun(config: PlaygroundConfig): Promise<{ seconds: number; loss: number }> {
  const experiment = createExperiment(config);
  const began = performance.now();
  const history = await experiment.model.train(experiment.train[0], experiment.train[1], trainOptions(experiment, config.epochs));
  return { seconds: (performance.now() - began) / 1000, loss: history.epochs[history.epochs.length - 1].loss };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const root = await buildPlayground();
const server = await servePlayground({ root });
const { context, profile } = await launchChromium();
const page = await context.newPage();
const rows: string[][] = [];
let backend = '';
try {
  for (const { name, config } of CASES) {
    const node: number[] = [];
    const browser: number[] = [];
    let same = true;
    for (let r = 0; r < repeats; r++) {
      const inNode = await nodeRun(config);
      node.push(inNode.seconds);
      await page.goto(`${server.url}#config=${encodeURIComponent(JSON.stringify(config))}`);
      await page.reload();
      await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
      backend = ((await page.locator('#backend').textContent()) ?? '').replace(/^Backend: /, '').replace(/\.$/, '');
      await page.click('#train');
      await page.waitForFunction(
        (epochs) => {
          const status = document.getElementById('status');
          return Number(status?.dataset.epoch) >= epochs && status?.dataset.running === 'false';
        },
        config.epochs,
        { timeout: 600_000 },
      );
      const status = await page.locator('#status').evaluate((element) => ({ ...(element as HTMLElement).dataset }));
      browser.push(Number(status.trainSeconds));
      same &&= Number(status.loss) === inNode.loss;
    }
    const n = median(node);
    const b = median(browser);
    rows.push([name, String(config.epochs), n.toFixed(3), b.toFixed(3), (b / n).toFixed(2), same ? 'yes' : 'NO']);
  }
} finally {
  await context.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}

const header = ['run', 'epochs', 'Node s', 'page s', 'page/Node', 'same loss'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`Node backend: ${getBackend().name}; page: ${backend} (median of ${repeats})`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
