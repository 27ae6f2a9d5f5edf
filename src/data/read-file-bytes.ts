import { ArgumentError, checkInteger, checkNumber } from '../errors.js';
import { nodeBuiltin } from '../platform/node-builtin.js';
import { concatBytes } from './bytes.js';
import { DataError } from './data-error.js';
import { MAX_INFLATED_BYTES, MAX_INFLATE_RATIO, checkInflation } from './gzip.js';
import { openRegularFile, type FileHandle, type FileLimit } from './regular-file.js';

/** The largest data file read, in bytes on disk (option `maxBytes`). */
export const MAX_DATA_FILE_BYTES = 2 ** 30;

/** Limits on reading a data file (plain or gzipped), and a progress hook. */
export interface DataFileOptions {
  /** Largest file accepted, in bytes on disk (default MAX_DATA_FILE_BYTES, 1 GiB). */
  maxBytes?: number;
  /** Gzip only: the most bytes it may inflate to (default MAX_INFLATED_BYTES, 1 GiB). */
  maxInflatedBytes?: number;
  /** Gzip only: the largest inflated/compressed ratio, checked past the first 16 MiB (default MAX_INFLATE_RATIO, 100). */
  maxInflateRatio?: number;
  /** Called as the file is read, with the bytes read from disk so far and the file's size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** The option names of DataFileOptions, for checkOptions. */
export const DATA_FILE_OPTIONS = ['maxBytes', 'maxInflatedBytes', 'maxInflateRatio', 'onProgress'] as const;

/** Bytes read from disk per chunk when streaming. */
const CHUNK_BYTES = 1 << 20;

/** The limits with defaults filled in, checked. */
function limits(owner: string, options: DataFileOptions): Required<Omit<DataFileOptions, 'onProgress'>> {
  const maxBytes = checkInteger(owner, 'maxBytes', options.maxBytes ?? MAX_DATA_FILE_BYTES, 0);
  const maxInflatedBytes = checkInteger(owner, 'maxInflatedBytes', options.maxInflatedBytes ?? MAX_INFLATED_BYTES, 0);
  const maxInflateRatio = checkNumber(owner, 'maxInflateRatio', options.maxInflateRatio ?? MAX_INFLATE_RATIO, 'positive');
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new ArgumentError(`${owner}: onProgress must be a function, received ${String(options.onProgress)}`);
  }
  return { maxBytes, maxInflatedBytes, maxInflateRatio };
}

function fileLimit(owner: string, maxBytes: number): FileLimit {
  return { owner, maxBytes, raise: 'option maxBytes raises it', ErrorClass: DataError };
}

/**
 * The bytes of the regular file `file` as they come off the disk, inflated
 * when the file is gzipped (magic 1f 8b), in chunks of about 1 MiB. Node
 * only: the built-ins are imported on first use, so modules that import this
 * one stay loadable in browsers.
 *
 * Bounded: a FIFO, a device or a folder is refused before reading (see
 * openRegularFile), so is a file above `maxBytes`; inflation stops with a
 * DataError as soon as the output passes `maxInflatedBytes`, or passes
 * `maxInflateRatio` times the compressed bytes read so far (past the first
 * 16 MiB), so a gzip bomb costs at most a chunk beyond the limit.
 */
export async function* readDataChunks(owner: string, file: string, options: DataFileOptions = {}): AsyncGenerator<Uint8Array> {
  const { maxBytes, maxInflatedBytes, maxInflateRatio } = limits(owner, options);
  const { handle, size } = await openRegularFile(file, fileLimit(owner, maxBytes));
  const progress = options.onProgress ?? (() => undefined);
  let source: ReturnType<FileHandle['createReadStream']> | undefined;
  try {
    const magic = new Uint8Array(2);
    const { bytesRead: magicBytes } = await handle.read(magic, 0, 2, 0);
    const gzipped = magicBytes === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    source = handle.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES });
    if (!gzipped) {
      let read = 0;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        read += chunk.length;
        progress(read, size);
        yield chunk;
      }
      return;
    }
    const { createGunzip } = nodeBuiltin('node:zlib', `cannot read "${file}"`);
    const { pipeline } = nodeBuiltin('node:stream', `cannot read "${file}"`);
    const reading = source;
    const inflated = pipeline(reading, createGunzip({ chunkSize: 64 * 1024 }), () => undefined);
    let out = 0;
    try {
      for await (const chunk of inflated as AsyncIterable<Buffer>) {
        out += chunk.length;
        checkInflation(file, out, reading.bytesRead, { maxInflatedBytes, maxInflateRatio });
        progress(reading.bytesRead, size);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof DataError) throw error;
      throw new DataError(`${file}: not a valid gzip file (${(error as Error).message})`);
    } finally {
      inflated.destroy();
    }
  } finally {
    source?.destroy();
    await handle.close().catch(() => undefined);
  }
}

/**
 * The whole of the regular file `file`, inflated when gzipped, within the
 * limits of {@link readDataChunks}. Node only.
 */
export async function readFileBytes(owner: string, file: string, options: DataFileOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readDataChunks(owner, file, options)) chunks.push(chunk);
  return concatBytes(chunks);
}
