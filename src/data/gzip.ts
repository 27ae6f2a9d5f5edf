import { concatBytes } from './bytes.js';
import { DataError } from './data-error.js';

/** The most bytes a gzipped data file may inflate to (option `maxInflatedBytes`). */
export const MAX_INFLATED_BYTES = 2 ** 30;
/** The largest inflated/compressed ratio accepted (option `maxInflateRatio`), checked once INFLATE_RATIO_GRACE bytes are out. */
export const MAX_INFLATE_RATIO = 100;
/** Inflated bytes allowed before the ratio is checked: small files have a large ratio for their header's sake alone. */
export const INFLATE_RATIO_GRACE = 16 * 2 ** 20;

/** The bounds on inflating untrusted gzip data. */
export interface InflateLimits {
  /** The most bytes it may inflate to (default MAX_INFLATED_BYTES, 1 GiB). */
  maxInflatedBytes?: number;
  /** The largest inflated/compressed ratio, checked past the first 16 MiB (default MAX_INFLATE_RATIO, 100). */
  maxInflateRatio?: number;
}

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Throws a DataError naming `source` once `inflated` output bytes from
 * `compressed` input bytes pass the limits, as a gzip bomb would: so
 * inflation stops at most a chunk past them.
 */
export function checkInflation(source: string, inflated: number, compressed: number, limits: InflateLimits): void {
  const maxInflatedBytes = limits.maxInflatedBytes ?? MAX_INFLATED_BYTES;
  const maxInflateRatio = limits.maxInflateRatio ?? MAX_INFLATE_RATIO;
  if (inflated > maxInflatedBytes) {
    throw new DataError(
      `${source}: inflates to more than ${maxInflatedBytes} bytes (the limit; option maxInflatedBytes raises it) from ${compressed} compressed bytes`,
    );
  }
  if (inflated > INFLATE_RATIO_GRACE && inflated > maxInflateRatio * compressed) {
    throw new DataError(
      `${source}: inflates more than ${maxInflateRatio}× (${inflated} bytes from the first ${compressed} compressed bytes), as a gzip bomb does; option maxInflateRatio raises the limit`,
    );
  }
}

/**
 * `bytes` inflated when they are gzipped, else `bytes` itself. Uses the
 * standard `DecompressionStream`, present in browsers and in Node ≥ 18, so
 * gzipped CSV or IDX data inflates the same way from a `File` or an
 * `ArrayBuffer`; read chunk by chunk within `limits` (see checkInflation).
 * A broken stream is a DataError naming `source`.
 */
export async function inflateIfGzipped(bytes: Uint8Array, source: string, limits: InflateLimits = {}): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      length += next.value.length;
      checkInflation(source, length, bytes.length, limits);
      chunks.push(next.value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof DataError) throw error;
    throw new DataError(`${source}: not a valid gzip file (${(error as Error).message})`);
  }
  return concatBytes(chunks);
}
