import { DataError } from './data-error.js';
import { toFilePath, type FilePath } from '../platform/file-path.js';
import { readFileBytes } from './read-file-bytes.js';

/** IDX magic numbers: 0x00000803 for image files (3 dims), 0x00000801 for label files (1 dim), both unsigned bytes. */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

/** A decoded IDX file of unsigned bytes: its dimensions and its values, row-major. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/**
 * Decodes an IDX file (the format of the MNIST and Fashion-MNIST
 * distributions): a big-endian 32-bit magic `0x0000 08 nd` (type 0x08 =
 * unsigned byte, `nd` dimensions), `nd` big-endian 32-bit sizes, then the
 * bytes (already inflated: `readIdxFile` inflates `.gz` files). The file
 * must hold exactly the bytes its header announces.
 *
 * ```ts
 * const { dims, data } = parseIdx(bytes, 'train-images-idx3-ubyte', 2051);   // dims [60000, 28, 28]
 * ```
 */
export function parseIdx(bytes: Uint8Array, name: string, expectedMagic: number): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) {
    throw new DataError(`${name}: too short for an IDX header, received ${bytes.length} bytes`);
  }
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) {
    throw new DataError(`${name}: expected IDX magic number ${expectedMagic}, received ${magic}`);
  }
  const rank = magic & 0xff;
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new DataError(`${name}: IDX header needs ${headerBytes} bytes for ${rank} dimensions, received ${bytes.length}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  const received = bytes.length - headerBytes;
  if (received !== size) {
    const what = received < size ? 'truncated' : 'has trailing bytes';
    throw new DataError(
      `${name}: ${what}, dimensions [${dims.join(', ')}] need ${size} data bytes, received ${received}`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/** Reads and decodes an IDX file (plain or gzipped); errors name the file. Node only. */
export async function readIdxFile(file: FilePath, expectedMagic: number): Promise<IdxArray> {
  const path = toFilePath('readIdxFile', file, 'file');
  return parseIdx(await readFileBytes('readIdxFile', path), path, expectedMagic);
}
