import type { ScratchnetError } from '../errors.js';
import { nodeBuiltin } from '../platform/node-builtin.js';

/** An open file (a type only: this module loads Node's fs on use, so browsers can import what imports it). */
export type FileHandle = Awaited<ReturnType<typeof import('node:fs/promises')['open']>>;

/** An error class the caller's messages come in (DataError for datasets, ModelFileError for models). */
export type FileErrorClass = new (message: string) => ScratchnetError;

/** Who reads, how much it accepts, and how its errors look. */
export interface FileLimit {
  /** Starts every message (`loadCsv: …`); empty for none. */
  owner: string;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** Said of the limit in the message: `option maxBytes raises it`. */
  raise: string;
  ErrorClass: FileErrorClass;
}

/**
 * Opens `path` for reading only if it is a regular file of at most `maxBytes`
 * bytes, and returns the handle with the size. Node only.
 *
 * The file is opened non-blocking, so a FIFO (named pipe) with no writer does
 * not hang the open, and the type and size come from `fstat` on the open
 * handle, so nothing can swap the file between the check and the read. A
 * FIFO, a socket, a device such as `/dev/zero` or a folder is refused before
 * a single byte is read; so is a file above `maxBytes`.
 * Failures are one-line errors of `ErrorClass`, starting with `owner`:
 * `loadCsv: "/dev/zero" is a character device, not a regular file; only regular files are read`.
 */
export async function openRegularFile(path: string, limit: FileLimit): Promise<{ handle: FileHandle; size: number }> {
  const { maxBytes, raise, ErrorClass } = limit;
  const owner = prefix(limit);
  const { open, constants } = nodeBuiltin('node:fs/promises', `cannot read "${path}"`);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ErrorClass(`${owner}cannot read "${path}": ${(error as Error).message}`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new ErrorClass(`${owner}"${path}" is ${fileKind(stats)}, not a regular file; only regular files are read`);
    }
    if (stats.size > maxBytes) {
      throw new ErrorClass(`${owner}"${path}" holds ${stats.size} bytes, more than the limit of ${maxBytes} bytes (${raise})`);
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The bytes of the regular file `path` (see {@link openRegularFile} for what
 * is refused). Reads exactly the size `fstat` reported, so a file that grows
 * while it is read cannot push the read past `maxBytes`.
 */
export async function readRegularFile(path: string, limit: FileLimit): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path, limit);
  const { ErrorClass } = limit;
  const owner = prefix(limit);
  try {
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === size ? bytes : bytes.subarray(0, filled);
  } catch (error) {
    throw new ErrorClass(`${owner}cannot read "${path}": ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}

/** `loadCsv: `, or nothing for an empty owner. */
function prefix(limit: FileLimit): string {
  return limit.owner === '' ? '' : `${limit.owner}: `;
}

/** `a folder`, `a FIFO (named pipe)`, … for messages. */
function fileKind(stats: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}
