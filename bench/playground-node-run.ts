/**
 * The Node half of bench/playground-speed.ts: trains one playground config
 * `--runs` times in this process, each run built afresh from the seed as the
 * page's Train after a Reset is, and prints one JSON line: the backend, and
 * the seconds each `model.train` call took with its final loss. In a fresh
 * process the first run is cold (JIT cold; the wasm module is compiled at
 * import, before any timing, as in the page's worker) and later ones are warm.
 *
 *   npx tsx bench/playground-node-run.ts --config '{"dataset":"spiral",…}' [--runs 2]
 */
import { parseArgs } from 'node:util';
import { getBackend } from '../src/backend/registry.js';
import type { PlaygroundConfig } from '../web/src/config.js';
import { createExperiment, trainOptions } from '../web/src/experiment.js';

const { values } = parseArgs({ options: { config: { type: 'string' }, runs: { type: 'string', default: '2' } } });
if (values.config === undefined) throw new Error('playground-node-run: --config <json> is required');
const config = JSON.parse(values.config) as PlaygroundConfig;

const runs: { seconds: number; loss: number }[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  const experiment = createExperiment(config);
  const began = performance.now();
  const history = await experiment.model.train(experiment.train[0], experiment.train[1], trainOptions(experiment, config.epochs));
  runs.push({ seconds: (performance.now() - began) / 1000, loss: history.epochs[history.epochs.length - 1].loss });
}
console.log(JSON.stringify({ backend: getBackend().name, runs }));
