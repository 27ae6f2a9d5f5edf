import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

/** A documented command line: `scratchnet train --csv data/iris.csv …` split into words, and where it was found. */
interface DocumentedCommand {
  words: string[];
  where: string;
}

/**
 * Every `scratchnet …` (or `npx scratchnet …`) command in a Markdown file's
 * code blocks: the lines of ```sh blocks, and the `$ scratchnet …` lines of
 * other blocks (shown with their output). Comments after `#` are dropped.
 */
export function documentedCommands(file: string): DocumentedCommand[] {
  const commands: DocumentedCommand[] = [];
  let fence: string | undefined;
  readFileSync(join(root, file), 'utf8').split('\n').forEach((line, index) => {
    const opening = /^```(\w*)/.exec(line);
    if (opening !== null) {
      fence = fence === undefined ? opening[1] : undefined;
      return;
    }
    if (fence === undefined) return;
    const text = (fence === 'sh' ? line : line.startsWith('$ ') ? line.slice(2) : '').replace(/\s+#.*$/, '').trim();
    const words = text.split(/\s+/).filter((word) => word !== '');
    if (words[0] === 'npx') words.shift();
    if (words[0] === 'scratchnet' && words.length > 1) commands.push({ words: words.slice(1), where: `${file}:${index + 1}` });
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
    const commands = documentedCommands('docs/cli.md');
    expect(commands.some(({ words }) => words[0] === 'train')).toBe(true);
    expect(commands.every(({ words }) => !words.includes('#'))).toBe(true);
  });
});
