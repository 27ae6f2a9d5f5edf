import { ModelFileError, ScratchnetError } from '../errors.js';
import { nodeBuiltin } from '../platform/node-builtin.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * File access for model files, kept apart so that the formats (encode/decode
 * on Uint8Array) stay usable in browsers: the Node built-ins are fetched on
 * call (see nodeBuiltin), so a browser bundle holds no `node:` import and a
 * browser call fails with one line naming the in-memory alternative.
 * Failures become one-line ModelFileErrors naming the path.
 */

/** The whole file, or a ModelFileError (`cannot read "x": ENOENT: …`). */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const { readFile } = nodeBuiltin('node:fs/promises', `cannot read "${path}"`);
  try {
    return await readFile(path);
  } catch (error) {
    throw new ModelFileError(`cannot read "${path}": ${(error as Error).message}`);
  }
}

/** Writes atomically (see writeFileAtomic): on failure the previous file is intact. */
export async function writeFileBytes(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    throw new ModelFileError(`cannot write "${path}": ${(error as Error).message}`);
  }
}
