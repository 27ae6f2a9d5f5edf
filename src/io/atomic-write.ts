import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` so readers see either the old file or the whole new
 * one: a uniquely named temp file in the same folder (rename is atomic only
 * within one file system), fsync, rename over `path`, fsync the folder. On any
 * error the temp file is removed and `path` is untouched.
 *
 * ```ts
 * await writeFileAtomic('model.onnx', bytes);
 * ```
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const folder = dirname(path);
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
    await rename(tempPath, path);
    created = false;
  } catch (error) {
    if (created) await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  // Windows cannot open a folder for fsync; there the rename is already durable.
  if (process.platform !== 'win32') {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
