import { nodeBuiltin } from '../platform/node-builtin.js';

/** Hooks for tests that simulate a crash at a chosen point of the write. */
export interface AtomicWriteOptions {
  /** Runs after the temp file is written and fsynced, before the rename; a throw aborts the write. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

/**
 * Writes `data` to `path` so that readers see either the old file or the
 * whole new one, never a mix, even if the process dies part-way:
 *
 * 1. write a uniquely named temp file in the same folder (a rename is only
 *    atomic within one file system, so the temp file must live beside the target),
 * 2. fsync it (the bytes reach the disk before the name points at them),
 * 3. rename it over `path` (atomic on POSIX),
 * 4. fsync the folder (the rename itself survives a power cut).
 *
 * On any error the temp file is removed and the previous `path` is untouched,
 * and the error does not mention the temp file (its name means nothing to the
 * caller): `ENOENT: no such file or directory, open 'out/model.safetensors'`.
 * The folder must exist (writeFileBytes creates it for model files).
 * A writer killed before its rename cannot remove its temp file; the next
 * successful write of the same `path` does (see removeStaleTemps).
 *
 * ```ts
 * await writeFileAtomic('model.safetensors', bytes);
 * ```
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const caller = `cannot write "${path}"`;
  const { randomBytes } = nodeBuiltin('node:crypto', caller);
  const { open, rename, unlink } = nodeBuiltin('node:fs/promises', caller);
  const { basename, dirname, join } = nodeBuiltin('node:path', caller);
  const folder = dirname(path);
  // pid + random suffix: concurrent writers (threads, processes) never share a temp file.
  const tempPath = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(tempPath, 'wx');
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(tempPath);
    await rename(tempPath, path);
    created = false;
  } catch (error) {
    if (created) await unlink(tempPath).catch(() => undefined);
    throw withoutTempName(error, tempPath, path);
  }
  await syncFolder(folder);
  await removeStaleTemps(folder, basename(path));
}

/**
 * `error` with the target's name where Node's message names the temp file
 * (`EACCES: permission denied, open 'out/.model.safetensors.123.a1b2c3d4e5f6.tmp'`):
 * a new Error with the same code, and no `path` property holding the temp name.
 */
function withoutTempName(error: unknown, tempPath: string, path: string): unknown {
  if (!(error instanceof Error) || !error.message.includes(tempPath)) return error;
  // A failed rename names both: `rename '<temp>' -> '<path>'`.
  const message = error.message.replace(`'${tempPath}' -> '${path}'`, `'${path}'`).split(tempPath).join(path);
  const code = (error as NodeJS.ErrnoException).code;
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

/**
 * Removes the temp files of `name` (`.name.<pid>.<12 hex>.tmp`) left in
 * `folder` by writers that died before their rename: those whose process no
 * longer exists. Temps of live processes (concurrent writers, this one
 * included) are left alone. Best effort: a temp that cannot be removed stays.
 */
async function removeStaleTemps(folder: string, name: string): Promise<void> {
  const { readdir, unlink } = nodeBuiltin('node:fs/promises', `cannot write into "${folder}"`);
  const { join } = nodeBuiltin('node:path', `cannot write into "${folder}"`);
  const prefix = `.${name}.`;
  const entries = await readdir(folder).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{12}\.tmp$/.exec(entry.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !isAlive(pid)) await unlink(join(folder, entry)).catch(() => undefined);
  }
}

/** Whether a process with this id exists (signal 0 checks without sending; EPERM means it exists under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes a rename durable. Windows cannot open a folder for fsync; there the rename is already durable. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await nodeBuiltin('node:fs/promises', `cannot write into "${folder}"`).open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
