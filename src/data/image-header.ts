import { DataError } from './data-error.js';

/** The image formats read for prediction. */
export const IMAGE_FORMATS = ['PNG', 'JPEG'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** What an image's header says, read without decoding a pixel. */
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Names of formats that are recognised but refused, by their first bytes, for a clearer message. */
const OTHER_FORMATS: [string, number[]][] = [
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['BMP', [0x42, 0x4d]],
  ['WebP', [0x52, 0x49, 0x46, 0x46]],
  ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
];

/**
 * The format and size of a PNG or JPEG from its first bytes, before any
 * decoding, so that a small file claiming a huge image can be refused
 * without allocating it:
 *
 * - PNG: the 8-byte signature, then the IHDR chunk, which must come first:
 *   length 13, `IHDR`, width and height as big-endian u32 (bytes 16…24).
 * - JPEG: `FF D8`, then marker segments (`FF xx` + big-endian u16 length)
 *   up to the first start-of-frame (SOF0…SOF15 but DHT C4, JPG C8, DAC CC),
 *   whose payload is precision (1 byte), height and width (u16 each).
 *
 * Anything else is a DataError naming the accepted formats (and the
 * format, when it is a known other one); so is a zero width or height.
 */
export function readImageHeader(bytes: Uint8Array, source: string): ImageHeader {
  const starts = (signature: number[], at = 0): boolean => signature.every((b, i) => bytes[at + i] === b);
  const u16 = (at: number): number => (bytes[at] << 8) | bytes[at + 1];
  const u32 = (at: number): number => ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
  const fail = (what: string): never => {
    throw new DataError(`loadImageForPrediction: ${source} ${what}`);
  };
  let header: ImageHeader;
  if (starts(PNG_SIGNATURE)) {
    if (bytes.length < 24 || u32(8) !== 13 || !starts([0x49, 0x48, 0x44, 0x52], 12)) fail('is a PNG without its IHDR header chunk first');
    header = { format: 'PNG', width: u32(16), height: u32(20) };
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    header = { format: 'JPEG', ...jpegSize(bytes, u16, fail) };
  } else {
    const other = OTHER_FORMATS.find(([, signature]) => starts(signature));
    return fail(
      `is ${other === undefined ? 'not an image this library reads' : `a ${other[0]} image`}; accepted formats: ${IMAGE_FORMATS.join(', ')}`,
    );
  }
  if (header.width === 0 || header.height === 0) fail(`is a ${header.format} of ${header.width}×${header.height} pixels; an image needs at least one`);
  return header;
}

function jpegSize(bytes: Uint8Array, u16: (at: number) => number, fail: (what: string) => never): { width: number; height: number } {
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return fail(`is a JPEG with a broken marker at byte ${at}`);
    while (bytes[at] === 0xff && at + 1 < bytes.length) at++; // fill bytes before a marker
    const marker = bytes[at];
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at++; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before any frame header
    if (at + 6 >= bytes.length) break;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: u16(at + 4), width: u16(at + 6) };
    at += 1 + u16(at + 1);
  }
  return fail('is a JPEG without a frame header (SOF) giving its size');
}
