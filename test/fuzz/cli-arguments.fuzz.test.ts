import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvaluateOptions, parseExportOptions, parsePlaygroundOptions, parsePredictOptions } from '../../src/cli/model-options.js';
import { run } from '../../src/cli/program.js';
import { parseTrainOptions, type RawTrainOptions } from '../../src/cli/train-options.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { attempt, caseCount, fuzzSeed } from './mutate.js';

let dir: string;
/** Paths a flag may be given: files of every kind the CLI reads, a folder, a missing file, a path through a file. */
let paths: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-fuzz-cli-'));
  await writeFile(join(dir, 'table.csv'), 'id,a,b,label\n1,0.1,0.2,x\n2,0.3,0.1,y\n3,0.5,0.5,x\n4,0.9,0.7,y\n');
  await writeFile(join(dir, 'spec.json'), JSON.stringify({ layers: [{ type: 'Dense', inputs: 2, outputs: 3 }] }));
  await writeFile(join(dir, 'deep.json'), `${'['.repeat(100000)}${']'.repeat(100000)}`);
  await writeFile(join(dir, 'not-json.json'), '{"layers": [');
  await writeFile(join(dir, 'image.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  await writeFile(join(dir, 'empty.safetensors'), '');
  await mkdir(join(dir, 'folder'));
  paths = ['table.csv', 'spec.json', 'deep.json', 'not-json.json', 'image.png', 'empty.safetensors', 'folder', 'missing.csv', 'table.csv/inside']
    .map((name) => join(dir, name));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Values a user (or a script gone wrong) types after a flag. */
const VALUES = [
  '', ' ', '0', '-0', '1', '-1', '2', '3', '0.5', '0.999999', '1.5', '64', '128,64', '64,', ',', ',,', '0,5', 'none', '""',
  '1e308', '-1e308', '1e-320', '4294967295', '4294967296', '9007199254740993', '9'.repeat(400), 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', '٣',
  'balanced', '1,2,3', 'relu', 'leaky-relu', 'adam', 'sgd', 'rmsprop', 'classification', 'regression', 'mlp', 'cnn', 'onnx', 'tfjs', 'error', 'zeros',
  'spiral', 'sine', 'fashion-mnist', 'label', 'a', 'id', 'a,b', 'label,a',
  '\u001b[2J', '\u001b]0;owned\u0007', 'a\nb', '\r', '\u0000', '\u202e', 'é', '../../../etc/passwd', '--lr', '-', 'x'.repeat(5000),
];

const TRAIN_STRING_FLAGS = [
  'csv', 'target', 'task', 'config', 'model', 'hidden', 'activation', 'dropout', 'optimizer', 'lr', 'decay', 'momentum', 'epochs', 'batchSize',
  'validationSplit', 'seed', 'out', 'plot', 'checkpointEvery', 'resume', 'earlyStopping', 'limit', 'drop', 'features', 'maxCategories', 'testSize',
  'testCsv', 'classWeights',
] as const;
const TRAIN_BOOLEAN_FLAGS = ['restoreBestWeights', 'stratify', 'json'] as const;

/** A seeded value: a listed one, a path, or a short string of random code units. */
function value(random: RandomGenerator): string {
  const u = random.random();
  if (u < 0.6) return VALUES[Math.floor(random.random() * VALUES.length)];
  if (u < 0.85) return paths[Math.floor(random.random() * paths.length)];
  const length = Math.floor(random.random() * 12);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(random.random() * (random.random() < 0.8 ? 128 : 0x10000)));
  return text;
}

/** Some of `flags`, each with a seeded value. */
function someOf<K extends string>(random: RandomGenerator, flags: readonly K[], most: number): Partial<Record<K, string>> {
  const raw: Partial<Record<K, string>> = {};
  const count = 1 + Math.floor(random.random() * most);
  for (let i = 0; i < count; i++) raw[flags[Math.floor(random.random() * flags.length)]] = value(random);
  return raw;
}

/** A refused argument list must be refused as arguments: exit 2's ArgumentError, one clear message. */
function expectArgumentRefusal(label: string, outcome: ReturnType<typeof attempt>): void {
  if (outcome.ok) return;
  expect(outcome.error.message.length, label).toBeGreaterThan(0);
  expect(outcome.error.constructor.name, `${label}: ${outcome.error.message}`).toMatch(/^(ArgumentError|ModelFileError|DataError)$/);
}

describe('fuzz: CLI arguments', () => {
  it('train: any flag values parse to a config or are refused with a typed error, before any work', () => {
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed);
    const counts = { accepted: 0, refused: 0 };
    for (let c = 0; c < cases; c++) {
      const raw: RawTrainOptions = someOf(random, TRAIN_STRING_FLAGS, 5);
      for (const flag of TRAIN_BOOLEAN_FLAGS) if (random.random() < 0.2) raw[flag] = random.random() < 0.5;
      const dataset = random.random() < 0.7 ? value(random) : undefined;
      const label = `seed ${seed}, case ${c}: ${JSON.stringify({ dataset, ...raw }).slice(0, 300)}`;
      const outcome = attempt(label, () => parseTrainOptions(dataset, raw));
      expectArgumentRefusal(label, outcome);
      counts[outcome.ok ? 'accepted' : 'refused']++;
    }
    // Both outcomes occur: the generator reaches valid configurations, not only refusals.
    expect(counts.accepted).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(counts.accepted);
  });

  it('predict, evaluate, export, playground: any flag values parse or are refused with a typed error', () => {
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed + 1);
    let accepted = 0;
    for (let c = 0; c < cases; c++) {
      const model = value(random);
      const parsers = [
        () => parsePredictOptions(model, someOf(random, ['csv', 'image', 'out', 'idColumn', 'top', 'maxPixels', 'unknownCategories'] as const, 4)),
        () => parseEvaluateOptions(model, random.random() < 0.5 ? value(random) : undefined, someOf(random, ['csv', 'target', 'task', 'unknownCategories'] as const, 3)),
        () => parseExportOptions(model, someOf(random, ['format', 'out'] as const, 2)),
        () => parsePlaygroundOptions(someOf(random, ['port', 'root'] as const, 2)),
      ];
      const which = c % parsers.length;
      const label = `seed ${seed}, case ${c} (parser ${which}, model ${JSON.stringify(model).slice(0, 80)})`;
      const outcome = attempt(label, parsers[which]);
      expectArgumentRefusal(label, outcome);
      if (outcome.ok) accepted++;
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('the whole command line: every refusal is one printable "error:" line and exit 1 or 2', async () => {
    // A tenth of the parser cases: each runs the whole CLI (commander, file checks, a model load).
    const cases = Math.ceil(caseCount(4000) / 10);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed + 2);
    const flags: Record<string, string[]> = {
      predict: ['--csv', '--image', '--out', '--id-column', '--top', '--max-pixels', '--unknown-categories', '--backend', '--bogus'],
      evaluate: ['--csv', '--target', '--task', '--unknown-categories', '--backend', '--bogus'],
      export: ['--format', '-o', '--out', '--bogus'],
      summary: ['--bogus'],
    };
    const commands = Object.keys(flags);
    for (let c = 0; c < cases; c++) {
      const command = commands[c % commands.length];
      // The model is never a usable one, so an accepted command line ends at loading it: every case is quick.
      const argv = [command, paths[Math.floor(random.random() * paths.length)]];
      const count = Math.floor(random.random() * 4);
      for (let i = 0; i < count; i++) {
        const options = flags[command];
        argv.push(options[Math.floor(random.random() * options.length)]);
        if (random.random() < 0.9) argv.push(value(random));
      }
      const lines: string[] = [];
      const console = { out: (line: string) => lines.push(`out ${line}`), err: (line: string) => lines.push(`err ${line}`) };
      const label = `seed ${seed}, case ${c}: ${JSON.stringify(argv).slice(0, 300)}`;
      const code = await run(argv, console);
      expect([1, 2], `${label} → exit ${code}: ${lines.join(' | ')}`).toContain(code);
      const errors = lines.filter((line) => line.startsWith('err '));
      expect(errors.length, `${label}: ${lines.join(' | ')}`).toBeGreaterThan(0);
      expect(errors[0], label).toMatch(/^err error: /);
      for (const line of errors) expect(line, label).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    }
  });
});
