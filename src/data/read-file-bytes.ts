import { DataError } from './data-error.js';

/**
 * The bytes of `file`, inflated when they are gzipped (magic 1f 8b). Node
 * only: the built-ins are imported on first use, so modules that import this
 * one stay loadable in browsers.
 */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  const bytes = new Uint8Array(await readFile(file));
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const { gunzipSync } = await import('node:zlib');
  try {
    return new Uint8Array(gunzipSync(bytes));
  } catch (error) {
    throw new DataError(`${file}: not a valid gzip file (${(error as Error).message})`);
  }
}
