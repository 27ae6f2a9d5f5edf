/**
 * Training speed in the playground (chromium, Web Worker) against the same
 * run in Node, on the same backend. Prints two tables; asserts nothing.
 *
 *   npx tsx bench/playground-speed.ts [--repeats 5]
 *
 * Like with like. Each repeat opens a fresh page (a new worker) and starts a
 * fresh Node process (bench/playground-node-run.ts), and each side trains
 * the run twice from the seed:
 *
 * - cold: the first run (JIT cold; the wasm module is compiled before it, at
 *   the worker's and the process's start);
 * - warm: the second run, page: Reset then Train again in the same worker;
 *   Node: the same run again in the same process.
 *
 * Timed: "page s" is the worker's time inside `model.train` (the snapshots it
 * computes for the page and its message handling excluded); "Node s" is the
 * wall time of the same `model.train` call. Both include the per-epoch
 * validation pass. "page wall s" is what the user waits for: from the click
 * on Train until the page has drawn the run's final snapshot, snapshots,
 * messages and drawing included. Medians over the repeats. "same loss": every
 * page run ended with the Node run's loss, bit for bit.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { servePlayground } from '../src/web/serve.js';
import { buildPlayground, launchChromium } from '../test/web/harness.js';
import { defaultConfig, type PlaygroundConfig } from '../web/src/config.js';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '5' } } });
const repeats = Number(values.repeats);
const NODE_RUN = fileURLToPath(new URL('./playground-node-run.ts', import.meta.url));
/** Idle time before each timed page run, so both start from a page that has finished drawing. */
const SETTLE_MS = 500;

const CASES: { name: string; config: PlaygroundConfig }[] = [
  { name: 'spiral 3×100, 64 hidden, full batch', config: { ...defaultConfig('spiral'), epochs: 300 } },
  {
    name: 'spiral 3×1000, 64-64 hidden, batch 128',
    config: { ...defaultConfig('spiral'), samples: 1000, hidden: [64, 64], batchSize: 128, epochs: 10 },
  },
  { name: 'moons 2×500, 16-16 hidden, batch 32, dropout', config: { ...defaultConfig('moons'), samples: 500, batchSize: 32, dropout: 0.1, epochs: 100 } },
];

interface Run {
  seconds: number;
  loss: number;
}

interface PageRun extends Run {
  wall: number;
}

/** Cold then warm run of `config` in a fresh Node process. */
function nodeRuns(config: PlaygroundConfig): { backend: string; runs: Run[] } {
  const output = execFileSync(process.execPath, ['--import', 'tsx', NODE_RUN, '--config', JSON.stringify(config)], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { backend: string; runs: Run[] };
}

/** Waits until the page has drawn epoch 0 of a freshly built run, then lets it idle. */
async function settle(page: Page): Promise<void> {
  const drawnEpochZero = (): boolean => document.getElementById('boundary')?.getAttribute('aria-label')?.includes('after epoch 0,') === true;
  await page.waitForFunction(drawnEpochZero, undefined, { polling: 50 });
  await page.waitForTimeout(SETTLE_MS);
}

/**
 * Clicks Train and waits, inside the page (no polling from here while it
 * trains), until the run has finished and its final snapshot is drawn.
 */
async function pageRun(page: Page, epochs: number): Promise<PageRun> {
  const wall = await page.evaluate(
    (target) =>
      new Promise<number>((resolve) => {
        const status = document.getElementById('status') as HTMLElement;
        const began = performance.now();
        const observer = new MutationObserver(() => {
          if (Number(status.dataset.epoch) < target || status.dataset.running !== 'false') return;
          observer.disconnect();
          // The final snapshot came just before this state and has asked for a frame; this callback runs after it.
          requestAnimationFrame(() => resolve((performance.now() - began) / 1000));
        });
        observer.observe(status, { attributes: true });
        (document.getElementById('train') as HTMLButtonElement).click();
      }),
    epochs,
  );
  const status = await page.locator('#status').evaluate((element) => ({ ...(element as HTMLElement).dataset }));
  return { seconds: Number(status.trainSeconds), loss: Number(status.loss), wall };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const loadBefore = loadavg()[0];
const root = await buildPlayground();
const server = await servePlayground({ root });
const { context, profile } = await launchChromium();
const tables = { cold: [] as string[][], warm: [] as string[][] };
let nodeBackend = '';
let pageBackend = '';
try {
  for (const { name, config } of CASES) {
    const node = { cold: [] as Run[], warm: [] as Run[] };
    const browser = { cold: [] as PageRun[], warm: [] as PageRun[] };
    for (let r = 0; r < repeats; r++) {
      const inNode = nodeRuns(config);
      nodeBackend = inNode.backend;
      node.cold.push(inNode.runs[0]);
      node.warm.push(inNode.runs[1]);

      const page = await context.newPage();
      await page.goto(`${server.url}#config=${encodeURIComponent(JSON.stringify(config))}`);
      await settle(page);
      pageBackend = ((await page.locator('#backend').textContent()) ?? '').replace(/^Backend: /, '').replace(/\.$/, '');
      browser.cold.push(await pageRun(page, config.epochs));
      await page.click('#reset');
      await settle(page);
      browser.warm.push(await pageRun(page, config.epochs));
      await page.close();
    }
    for (const kind of ['cold', 'warm'] as const) {
      const n = median(node[kind].map((run) => run.seconds));
      const b = median(browser[kind].map((run) => run.seconds));
      const wall = median(browser[kind].map((run) => run.wall));
      const same = browser[kind].every((run, r) => run.loss === node[kind][r].loss);
      tables[kind].push([
        name,
        String(config.epochs),
        n.toFixed(3),
        b.toFixed(3),
        (b / n).toFixed(2),
        wall.toFixed(3),
        (wall / n).toFixed(2),
        same ? 'yes' : 'NO',
      ]);
    }
  }
} finally {
  await context.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}

const header = ['run', 'epochs', 'Node s', 'page s', 'page/Node', 'page wall s', 'wall/Node', 'same loss'];
const print = (title: string, rows: string[][]): void => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
};
console.log(
  `Node backend: ${nodeBackend}; page: ${pageBackend}; median of ${repeats}; ` +
    `1-minute load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
);
print('Cold: the first run in a fresh page (new worker) and in a fresh Node process', tables.cold);
print('Warm: the second run (page: Reset, then Train in the same worker; Node: again in the same process)', tables.warm);
