import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-cli-bad-'));
  await mkdir(join(dir, 'folder'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OUTPUTS = ['--plot', 'plots'];

/** Bad command lines, what the one error line must say, and the exit code. */
const cases: [string, string[], string, number][] = [
  ['an unknown dataset', ['train', 'mnist', ...OUTPUTS], 'error: dataset must be one of spiral, vertical, sine, received "mnist"', 2],
  ['an unknown flag', ['train', 'spiral', '--learning-rate', '0.1', ...OUTPUTS], "error: unknown option '--learning-rate'", 2],
  ['an unknown command', ['fit', 'spiral'], "error: unknown command 'fit'", 2],
  ['--epochs 0', ['train', 'spiral', '--epochs', '0', ...OUTPUTS], 'error: --epochs must be an integer >= 1, received "0"', 2],
  ['--lr -1', ['train', 'spiral', '--lr', '-1', ...OUTPUTS], 'error: --lr must be a finite number > 0, received "-1"', 2],
  ['--lr NaN', ['train', 'spiral', '--lr', 'NaN', ...OUTPUTS], 'error: --lr must be a finite number > 0, received "NaN"', 2],
  ['--batch-size 0', ['train', 'spiral', '--batch-size', '0', ...OUTPUTS], 'error: --batch-size must be an integer >= 1, received "0"', 2],
  ['a flag without its value', ['train', 'spiral', '--lr'], "error: option '--lr <number>' argument missing", 2],
];
describe('bad input: one line on stderr, exit code, no stack, no files', () => {
  it.concurrent.each(cases)('rejects %s', async (_name, args, line, code) => {
    const before = (await readdir(dir)).sort();
    const result = await runCli(args, { cwd: dir });
    expect(result.stderr).toBe(`${line}\n`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(code);
    expect((await readdir(dir)).sort()).toEqual(before);
  });

});
