import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli/run-cli.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** A documented command line: `scratchnet train --csv data/iris.csv …` split into words, and where it was found. */
interface DocumentedCommand {
  words: string[];
  where: string;
  /** For a `$ scratchnet …` line followed by `error: …`: that line, which the command must print. */
  error?: string;
}

/**
 * Every `scratchnet …` (or `npx scratchnet …`) command in a Markdown file's
 * code blocks: the lines of ```sh blocks, and the `$ scratchnet …` lines of
 * other blocks (shown with their output). Comments after `#` are dropped.
 */
export function documentedCommands(file: string): DocumentedCommand[] {
  const commands: DocumentedCommand[] = [];
  let fence: string | undefined;
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  lines.forEach((line, index) => {
    const opening = /^```(\w*)/.exec(line);
    if (opening !== null) {
      fence = fence === undefined ? opening[1] : undefined;
      return;
    }
    if (fence === undefined) return;
    const text = (fence === 'sh' ? line : line.startsWith('$ ') ? line.slice(2) : '').replace(/\s+#.*$/, '').trim();
    const words = text.split(/\s+/).filter((word) => word !== '');
    if (words[0] === 'npx') words.shift();
    if (words[0] !== 'scratchnet' || words.length < 2) return;
    const next = lines[index + 1] ?? '';
    commands.push({ words: words.slice(1), where: `${file}:${index + 1}`, ...(fence !== 'sh' && next.startsWith('error: ') ? { error: next } : {}) });
  });
  return commands;
}

/** The value after `flag`, if the command has it. */
function flagValue(words: readonly string[], ...flags: string[]): string | undefined {
  const at = words.findIndex((word) => flags.includes(word));
  return at >= 0 ? words[at + 1] : undefined;
}

/**
 * The files a command reads (`--csv`, `--test-csv`, `--image`, `--config`,
 * `--resume`, the model of evaluate/predict/export/summary) and writes
 * (`--out`/`-o`, and for `train` the checkpoint beside it, which
 * `--checkpoint-every` or a Ctrl-C writes).
 */
function filesOf(words: readonly string[]): { reads: string[]; writes: string[] } {
  const [command, first] = words;
  const reads = ['--csv', '--test-csv', '--image', '--config', '--resume']
    .map((flag) => flagValue(words, flag))
    .filter((file): file is string => file !== undefined);
  if (['evaluate', 'predict', 'export', 'summary'].includes(command) && first !== undefined && !first.startsWith('-')) reads.push(first);
  const writes: string[] = [];
  const out = flagValue(words, '--out', '-o');
  if (out !== undefined) {
    writes.push(out);
    if (command === 'train') writes.push(out.replace(/(\.safetensors)?$/, '.checkpoint.safetensors'));
  }
  return { reads, writes };
}

describe('documented commands', () => {
  for (const file of ['README.md', 'docs/cli.md']) {
    it(`${file}: every file a command reads ships with the project or is written by a command before it`, () => {
      const commands = documentedCommands(file);
      expect(commands.length).toBeGreaterThan(5);
      const written = new Set<string>();
      const missing: string[] = [];
      for (const { words, where } of commands) {
        const { reads, writes } = filesOf(words);
        for (const path of reads) if (!written.has(path) && !existsSync(join(root, path))) missing.push(`${where}: ${path}`);
        for (const path of writes) written.add(path);
      }
      expect(missing).toEqual([]);
    });
  }

  it('finds the commands of a Markdown file, with or without npx, in sh blocks and as $ lines', () => {
    expect(documentedCommands('docs/cli.md').filter(({ error }) => error !== undefined).length).toBeGreaterThan(2);
    const commands = documentedCommands('docs/cli.md');
    expect(commands.some(({ words }) => words[0] === 'train')).toBe(true);
    expect(commands.every(({ words }) => !words.includes('#'))).toBe(true);
  });
});

/**
 * The documented commands that run in seconds: everything but the
 * Fashion-MNIST and California runs (minutes, or the dataset package), the
 * playground (a server), Ctrl-C stories and one-sample batches; and the
 * commands that read what those write.
 */
function isQuick({ words }: DocumentedCommand): boolean {
  const slow = ['fashion-mnist', 'california-housing', 'data/california-housing.csv.gz', 'houses.safetensors', 'california-housing.safetensors', 'playground'];
  if (words.some((word) => slow.some((name) => word === name || word.includes('fashion-mnist')))) return false;
  if (words.includes('--resume') || words.includes('--checkpoint-every')) return false;
  // `scratchnet <command> [options]`: a synopsis, not a command
  if (words.some((word) => word.startsWith('<'))) return false;
  return flagValue(words, '--batch-size') !== '1';
}

describe('documented commands, run as written', () => {
  let dir: string;
  beforeAll(async () => {
    // A fresh folder holding the shipped files, as the project's folder does: outputs land here, not in the checkout.
    dir = await mkdtemp(join(tmpdir(), 'scratchnet-docs-'));
    for (const shipped of ['data', 'examples']) await symlink(join(root, shipped), join(dir, shipped));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const file of ['README.md', 'docs/cli.md']) {
    it(`${file}: the quick commands exit 0, and those shown failing print the documented error`, async () => {
      const quick = documentedCommands(file).filter(isQuick);
      expect(quick.length).toBeGreaterThan(3);
      for (const command of quick) {
        const result = await runCli(command.words, { cwd: dir });
        if (command.error !== undefined) {
          expect(`${command.where}: ${result.stderr}`).toBe(`${command.where}: ${command.error}\n`);
        } else {
          expect(`${command.where}: exit ${result.code} ${result.stderr}`).toBe(`${command.where}: exit 0 `);
        }
      }
    });
  }
});

