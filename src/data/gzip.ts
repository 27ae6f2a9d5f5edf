import { DataError } from './data-error.js';

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * `bytes` inflated when they are gzipped, else `bytes` itself. Uses the
 * standard `DecompressionStream`, present in browsers and in Node ≥ 18, so
 * gzipped CSV or IDX data inflates the same way from a path, a `File` or an
 * `ArrayBuffer`. A broken stream is a DataError naming `source`.
 */
export async function inflateIfGzipped(bytes: Uint8Array, source: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new DataError(`${source}: not a valid gzip file (${(error as Error).message})`);
  }
}
