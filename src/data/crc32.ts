import * as zlib from 'node:zlib';

// CRC-32 (IEEE 802.3, the polynomial zlib and PNG use). Node has a native
// zlib.crc32 from 20.15 / 22.2; older Node 20 releases get the table-driven
// version below, which gives the same numbers about ten times slower.
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The portable CRC-32, continuing from `previous` (0 to start). */
export function crc32Portable(bytes: Uint8Array, previous = 0): number {
  let c = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * CRC-32 of `bytes`, continuing from `previous` (0 to start).
 *
 * ```ts
 * crc32(new TextEncoder().encode('123456789'));   // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return native ? native(bytes, previous) >>> 0 : crc32Portable(bytes, previous);
}
