import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveModel } from '../../src/io/model-file.js';
import { dense, randomModel } from '../io/helpers.js';
import { runCli } from './run-cli.js';

let dir: string;
/** Class names a hostile file could hold: set the terminal title, clear the screen, add a line. */
const HOSTILE = ['\x1b]0;owned\x07', '\x1b[2J', 'two\nlines'];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-cli-hostile-'));
  const { model } = randomModel([dense(2, 3), { type: 'Softmax' }]);
  model.metadata = { dataset: 'csv', featureNames: ['a', 'b'], classNames: HOSTILE };
  await saveModel(model, join(dir, 'model.safetensors'));
  await writeFile(join(dir, 'rows.csv'), 'a,b\n1,2\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('what the CLI prints from files', () => {
  it('escapes control characters in class names (predict, summary)', async () => {
    const predicted = await runCli(['predict', 'model.safetensors', '--csv', 'rows.csv'], { cwd: dir });
    expect(predicted.code).toBe(0);
    expect(predicted.stdout).not.toMatch(/\x1b/);
    expect(predicted.stdout.split('\n')).toHaveLength(2);
    for (const name of ['\\x1b]0;owned\\x07', '\\x1b[2J', 'two\\nlines']) expect(predicted.stdout).toContain(name);
    const summary = await runCli(['summary', 'model.safetensors'], { cwd: dir });
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('classes: \\x1b]0;owned\\x07, \\x1b[2J, two\\nlines\n');
    expect(summary.stdout).not.toMatch(/\x1b/);
  });

  it('keeps an error from a file to one escaped line', async () => {
    await writeFile(join(dir, 'bad.csv'), 'a,"b\x1b[2J\nc"\n1,2\n');
    const result = await runCli(['predict', 'model.safetensors', '--csv', 'bad.csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: --csv bad.csv: missing column "b" the model was trained with (columns: a, b\\x1b[2J\\nc)\n');
  });

  it('exits quietly when the reader closes the pipe (`summary … | head -1`)', async () => {
    const result = await runCli(['summary', 'model.safetensors'], { cwd: dir, closedStdout: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
