import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from '../temporary-folder.js';
import { runCli } from './run-cli.js';

const dir = temporaryFolder('scratchnet-cli-numerical-', { per: 'file' });

describe('train stops on numerical failure: one line, no model saved', () => {
  it('a diverging run (Adam at --lr 1e6) exits 1 naming the epoch and both losses', async () => {
    const result = await runCli(['train', 'spiral', '--optimizer', 'adam', '--lr', '1e6', '--epochs', '20', '--out', 'model.safetensors'], { cwd: dir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: Model\.train: training diverged at epoch \d+: loss \S+ is more than 1000× the starting loss 1\.09\d; lower the learning rate \(divergenceFactor: null turns this check off\)\n$/,
    );
    expect(await readdir(dir())).not.toContain('model.safetensors');
  });

  it('an absurd layer size on the js backend exits 2 before allocating', async () => {
    const result = await runCli(['train', 'spiral', '--hidden', '1000000000', '--backend', 'js', '--epochs', '1', '--out', 'big.safetensors'], { cwd: dir() });
    expect(result.stderr).toBe(
      'error: js backend: cannot allocate 2000000000 float32 values (8000000000 bytes): one buffer holds at most 1073741824 values (4 GiB)\n',
    );
    expect(result.code).toBe(2);
    expect(await readdir(dir())).not.toContain('big.safetensors');
  });
});
