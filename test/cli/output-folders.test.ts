import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputFolders } from '../../src/cli/output-folders.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-folders-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('OutputFolders', () => {
  it('removes the empty folders it created, deepest first, and keeps those holding files and those that existed', async () => {
    await mkdir(join(dir, 'existing'));
    const folders = new OutputFolders();
    await folders.forFile(join(dir, 'existing', 'a', 'b', 'model.safetensors'));
    await folders.folder(join(dir, 'plots', 'run'));
    await folders.forFile(join(dir, 'kept', 'model.safetensors'));
    await writeFile(join(dir, 'kept', 'model.safetensors'), 'x');
    expect((await readdir(dir)).sort()).toEqual(['existing', 'kept', 'plots']);
    await folders.removeEmpty();
    expect((await readdir(dir)).sort()).toEqual(['existing', 'kept']);
    expect(await readdir(join(dir, 'existing'))).toEqual([]);
    expect(await readdir(join(dir, 'kept'))).toEqual(['model.safetensors']);
  });

  it('creates nothing and removes nothing for folders that all exist', async () => {
    const folders = new OutputFolders();
    await folders.forFile(join(dir, 'model.safetensors'));
    await folders.removeEmpty();
    expect(await readdir(dir)).toContain('existing');
  });
});
