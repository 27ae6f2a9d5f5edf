import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import * as zlib from 'node:zlib';
import { crc32 as crc32Portable } from './crc32.js';
import type { RawSplit } from './fashion-mnist.js';

const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32 ?? crc32Portable;

// The binary cache of Fashion-MNIST: uint8 pixels and labels behind a small
// header with a CRC-32, so a later load reads ~55 MB instead of parsing
// ~150 MB of JSON. Layout (little-endian), 32-byte header then the payload:
//   0  "SNFMNIST"            8 bytes
//   8  format version        u32 (CACHE_VERSION; bumped when the split or layout changes)
//  12  train count           u32
//  16  test count            u32
//  20  pixels per image      u32 (784)
//  24  CRC-32 of the payload u32
//  28  reserved              u32 (0)
//  32  train pixels, train labels, test pixels, test labels (uint8)

export const CACHE_FILE_NAME = 'fashion-mnist-v1.bin';
const CACHE_MAGIC = 'SNFMNIST';
const CACHE_VERSION = 1;
const HEADER_BYTES = 32;
const PIXELS = 784;

/** Writes the splits atomically with a CRC-32 of the payload. */
export async function writeCache(file: string, raw: { train: RawSplit; test: RawSplit }): Promise<void> {
  const payload = [raw.train.pixels, raw.train.labels, raw.test.pixels, raw.test.labels];
  let checksum = 0;
  for (const part of payload) checksum = crc32(part, checksum);
  const header = new Uint8Array(HEADER_BYTES);
  header.set(new TextEncoder().encode(CACHE_MAGIC), 0);
  const view = new DataView(header.buffer);
  view.setUint32(8, CACHE_VERSION, true);
  view.setUint32(12, raw.train.labels.length, true);
  view.setUint32(16, raw.test.labels.length, true);
  view.setUint32(20, PIXELS, true);
  view.setUint32(24, checksum, true);
  const bytes = new Uint8Array(HEADER_BYTES + payload.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of [header, ...payload]) {
    bytes.set(part, offset);
    offset += part.length;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, bytes);
}

/** The cached splits, or undefined when the file is missing, of another version, truncated or corrupt. */
export async function readCache(file: string): Promise<{ train: RawSplit; test: RawSplit } | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch {
    return undefined;
  }
  if (bytes.length < HEADER_BYTES) return undefined;
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== CACHE_MAGIC) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const nTrain = view.getUint32(12, true);
  const nTest = view.getUint32(16, true);
  if (view.getUint32(8, true) !== CACHE_VERSION || view.getUint32(20, true) !== PIXELS) return undefined;
  const payload = bytes.subarray(HEADER_BYTES);
  if (payload.length !== (nTrain + nTest) * (PIXELS + 1)) return undefined;
  if (crc32(payload) !== view.getUint32(24, true)) return undefined;
  let offset = 0;
  const take = (n: number): Uint8Array => payload.subarray(offset, (offset += n));
  const train = { pixels: take(nTrain * PIXELS), labels: take(nTrain) };
  const test = { pixels: take(nTest * PIXELS), labels: take(nTest) };
  return { train, test };
}
