import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFolders } from '../../src/cli/output-folders.js';
import { temporaryFolder } from '../temporary-folder.js';

const dir = temporaryFolder('scratchnet-folders-', { per: 'file' });

describe('OutputFolders', () => {
  it('removes the empty folders it created, deepest first, and keeps those holding files and those that existed', async () => {
    await mkdir(join(dir(), 'existing'));
    const folders = new OutputFolders();
    await folders.forFile(join(dir(), 'existing', 'a', 'b', 'model.safetensors'));
    await folders.folder(join(dir(), 'plots', 'run'));
    await folders.forFile(join(dir(), 'kept', 'model.safetensors'));
    await writeFile(join(dir(), 'kept', 'model.safetensors'), 'x');
    expect((await readdir(dir())).sort()).toEqual(['existing', 'kept', 'plots']);
    await folders.removeEmpty();
    expect((await readdir(dir())).sort()).toEqual(['existing', 'kept']);
    expect(await readdir(join(dir(), 'existing'))).toEqual([]);
    expect(await readdir(join(dir(), 'kept'))).toEqual(['model.safetensors']);
  });

  it('creates nothing and removes nothing for folders that all exist', async () => {
    const folders = new OutputFolders();
    await folders.forFile(join(dir(), 'model.safetensors'));
    await folders.removeEmpty();
    expect(await readdir(dir())).toContain('existing');
  });
});
