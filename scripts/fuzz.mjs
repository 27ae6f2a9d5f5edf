// Long fuzz runs: `npm run fuzz -- [cases] [seed]` runs every file under
// test/fuzz (model files, TF.js model.json and weights.bin, CSV text, images,
// command lines: the whole-CLI runs get a tenth of the cases)
// with `cases` seeded cases per target (default 1 000 000) from `seed`
// (default: a fresh one, printed so a failure can be replayed), with no test
// timeout. The test suite itself runs the same files with a few thousand
// cases from seed 0.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [casesArgument = '1000000', seedArgument] = process.argv.slice(2);
if (!/^\d+$/.test(casesArgument) || Number(casesArgument) < 1) {
  console.error(`usage: npm run fuzz -- [cases >= 1] [seed]; received cases "${casesArgument}"`);
  process.exit(2);
}
const seed = seedArgument ?? String(Math.floor(Date.now() / 1000) % 2 ** 31);
console.log(`fuzz: ${casesArgument} cases per target, seed ${seed}`);
const started = Date.now();
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const result = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz', '--testTimeout=0'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_CASES: casesArgument, FUZZ_SEED: seed },
});
console.log(`fuzz: done in ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status}`);
process.exit(result.status ?? 1);
