import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'scratchnet-atomic-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a new file with exactly the given bytes', async () => {
    const path = join(folder, 'a.bin');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3, 250]));
    expect([...(await readFile(path))]).toEqual([1, 2, 3, 250]);
    expect(await readdir(folder)).toEqual(['a.bin']);
  });

  it('replaces an existing file and leaves no temp file', async () => {
    const path = join(folder, 'a.txt');
    await writeFile(path, 'old contents');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(folder)).toEqual(['a.txt']);
  });

  it('writes the temp file complete, in the same folder, before renaming', async () => {
    const path = join(folder, 'a.txt');
    let seen: { folder: string; contents: string } | undefined;
    await writeFileAtomic(path, 'payload', {
      beforeRename: async (tempPath) => {
        seen = { folder: dirname(tempPath), contents: await readFile(tempPath, 'utf8') };
      },
    });
    expect(seen).toEqual({ folder, contents: 'payload' });
  });

  it('a crash between write and rename keeps the old file intact and removes the temp file', async () => {
    const path = join(folder, 'model.safetensors');
    await writeFile(path, 'previous model');
    const crash = writeFileAtomic(path, 'half-saved new model', {
      beforeRename: () => {
        throw new Error('simulated crash before rename');
      },
    });
    await expect(crash).rejects.toThrow('simulated crash before rename');
    expect(await readFile(path, 'utf8')).toBe('previous model');
    expect(await readdir(folder)).toEqual(['model.safetensors']);
  });

  it('fails without creating anything when the folder does not exist', async () => {
    const path = join(folder, 'missing', 'a.txt');
    const failure = writeFileAtomic(path, 'x');
    // The message names the target, never the temp file.
    await expect(failure).rejects.toThrow(`ENOENT: no such file or directory, open '${path}'`);
    await expect(failure).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(failure).rejects.not.toThrow('.tmp');
    expect(await readdir(folder)).toEqual([]);
  });

  it('fails on a directory target, leaving the directory and no temp file', async () => {
    const path = join(folder, 'adir');
    await mkdir(path);
    const failure = writeFileAtomic(path, 'x');
    await expect(failure).rejects.toThrow(/EISDIR|EEXIST|ENOTEMPTY|EPERM/);
    await expect(failure).rejects.not.toThrow('.tmp');
    expect((await readdir(folder)).sort()).toEqual(['adir']);
  });

  it('concurrent writers each land whole: the result is one of the payloads', async () => {
    const path = join(folder, 'a.txt');
    const payloads = Array.from({ length: 8 }, (_, i) => String(i).repeat(10_000));
    await Promise.all(payloads.map((p) => writeFileAtomic(path, p)));
    expect(payloads).toContain(await readFile(path, 'utf8'));
    expect(await readdir(folder)).toEqual(['a.txt']);
  });

  it("removes temps of the same file left by writers that died before their rename, not live ones' or other files'", async () => {
    const path = join(folder, 'model.safetensors');
    // The id of a process that has exited: a writer killed with kill -9 leaves exactly such a temp.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = `.model.safetensors.${dead}.0123456789ab.tmp`;
    const live = `.model.safetensors.${process.ppid}.0123456789ab.tmp`;
    const other = `.other.bin.${dead}.0123456789ab.tmp`;
    for (const name of [stale, live, other]) await writeFile(join(folder, name), 'partial');
    await writeFileAtomic(path, 'new');
    expect((await readdir(folder)).sort()).toEqual([live, other, 'model.safetensors'].sort());
  });
});
