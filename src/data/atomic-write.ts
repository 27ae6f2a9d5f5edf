import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes `chunks` to `file` atomically: a temporary file in the same folder is
 * written, fsynced, then renamed over the target, so a reader sees either the
 * old file or the complete new one, never a half-written file. The temporary
 * file is removed if anything fails.
 */
export async function writeFileAtomic(file: string, chunks: readonly Uint8Array[]): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    for (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
}
