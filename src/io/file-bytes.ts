import { ModelFileError, ScratchnetError } from '../errors.js';
import { readRegularFile } from '../data/regular-file.js';
import { nodeBuiltin } from '../platform/node-builtin.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * File access for model files, kept apart so that the formats (encode/decode
 * on Uint8Array) stay usable in browsers: the Node built-ins are fetched on
 * call (see nodeBuiltin), so a browser bundle holds no `node:` import and a
 * browser call fails with one line naming the in-memory alternative.
 * Failures become one-line ModelFileErrors naming the path.
 */

/**
 * The largest model file read, in bytes: 2 GiB, above any model this library
 * trains (and Node's limit for one buffer on some platforms).
 */
export const MAX_MODEL_FILE_BYTES = 2 ** 31;

/**
 * The whole file, or a ModelFileError (`cannot read "x": ENOENT: …`). Only a
 * regular file of at most `maxBytes` is read: a FIFO, a device such as
 * /dev/zero or a folder is refused before reading, without blocking.
 */
export async function readFileBytes(path: string, maxBytes = MAX_MODEL_FILE_BYTES): Promise<Uint8Array> {
  return readRegularFile(path, { owner: '', maxBytes, raise: 'the limit for model files', ErrorClass: ModelFileError });
}

/**
 * Writes atomically (see writeFileAtomic), creating the folder first when it
 * is missing (as `mkdir -p`, and as the CLI does): on failure the previous
 * file is intact.
 */
export async function writeFileBytes(path: string, bytes: Uint8Array): Promise<void> {
  try {
    const { mkdir } = nodeBuiltin('node:fs/promises', `cannot write "${path}"`);
    const { dirname } = nodeBuiltin('node:path', `cannot write "${path}"`);
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, bytes);
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    throw new ModelFileError(`cannot write "${path}": ${(error as Error).message}`);
  }
}
