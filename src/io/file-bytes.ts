import { ModelFileError } from '../errors.js';

/**
 * Node-only file access for model files, kept apart so that the formats
 * (encode/decode on Uint8Array) stay usable in browsers: callers load this
 * module with `await import()` only when they touch the file system.
 * Failures become one-line ModelFileErrors naming the path.
 */

/** The whole file, or a ModelFileError (`cannot read "x": ENOENT: …`). */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path);
  } catch (error) {
    throw new ModelFileError(`cannot read "${path}": ${(error as Error).message}`);
  }
}

/** Writes atomically (see writeFileAtomic): on failure the previous file is intact. */
export async function writeFileBytes(path: string, bytes: Uint8Array): Promise<void> {
  const { writeFileAtomic } = await import('./atomic-write.js');
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    throw new ModelFileError(`cannot write "${path}": ${(error as Error).message}`);
  }
}
