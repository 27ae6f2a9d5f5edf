import { ArgumentError, ModelFileError, formatShape } from '../errors.js';
import { Tensor, type NumericArray } from '../tensor/tensor.js';
import { MAX_JSON_DEPTH } from '../data/bounded-json.js';
import { readFileBytes, writeFileBytes } from './file-bytes.js';
import { toFilePath, type FilePath } from '../platform/file-path.js';

/**
 * The safetensors layout (the published format, readable by the reference
 * `safetensors` libraries):
 *
 * ```text
 * bytes 0..8        N, the header length: unsigned 64-bit little-endian
 * bytes 8..8+N      UTF-8 JSON object, padded with spaces so 8+N is a multiple of 8:
 *                   { "__metadata__": { string: string },
 *                     "<name>": { "dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end] }, … }
 * bytes 8+N..       the data: each tensor row-major, little-endian, at [begin, end)
 *                   counted from the start of the data; tensors follow each other
 *                   with no gaps or overlaps, and the last one ends at the end of the file
 * ```
 *
 * ```ts
 * const bytes = encodeSafetensors({ w: Tensor.from([[1, 2]]) }, { note: 'hi' });
 * decodeSafetensors(bytes).tensors.get('w');   // Tensor [1, 2] Float32Array
 * ```
 */

/** Element types this library reads and writes (a closed list; others are rejected). */
export type SafetensorsDtype = 'F64' | 'F32' | 'I32' | 'I16' | 'I8' | 'U32' | 'U16' | 'U8';

/** What a file holds: tensors in data order and the `__metadata__` strings. */
export interface Safetensors {
  tensors: Map<string, Tensor<NumericArray>>;
  metadata: Record<string, string>;
}

/** The reference implementation's limit on the JSON header. */
export const MAX_HEADER_BYTES = 100_000_000;
/**
 * The most tensors a file may hold: far above any model here (a Dense layer
 * has 2, a large language model about a thousand), far below the 1.7 million
 * empty entries that fit in a 100 MB header.
 */
export const MAX_TENSORS = 100_000;
/** The most `__metadata__` keys: this library writes a handful. */
export const MAX_METADATA_KEYS = 10_000;
/**
 * The deepest nesting of objects and arrays in the header: a valid one needs
 * 3 (header, entry, shape); the same limit as for all other untrusted JSON.
 * Measured by the header's own scan (scanHeader), which also counts keys.
 */
export const MAX_HEADER_DEPTH = MAX_JSON_DEPTH;

const METADATA_KEY = '__metadata__';
const ENTRY_FIELDS = ['dtype', 'shape', 'data_offsets'];

interface DtypeInfo {
  readonly size: number;
  create(length: number): NumericArray;
}

const DTYPES: Record<SafetensorsDtype, DtypeInfo> = {
  F64: { size: 8, create: (n) => new Float64Array(n) },
  F32: { size: 4, create: (n) => new Float32Array(n) },
  I32: { size: 4, create: (n) => new Int32Array(n) },
  I16: { size: 2, create: (n) => new Int16Array(n) },
  I8: { size: 1, create: (n) => new Int8Array(n) },
  U32: { size: 4, create: (n) => new Uint32Array(n) },
  U16: { size: 2, create: (n) => new Uint16Array(n) },
  U8: { size: 1, create: (n) => new Uint8Array(n) },
};

/** Files are little-endian; typed arrays use the host's order, little-endian on every mainstream platform. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Reverses the bytes of every `itemSize`-byte item in place: converts between
 * little- and big-endian. Only big-endian hosts need it.
 */
export function reverseByteOrder(bytes: Uint8Array, itemSize: number): void {
  if (itemSize === 1) return;
  for (let start = 0; start < bytes.length; start += itemSize) bytes.subarray(start, start + itemSize).reverse();
}

const DTYPE_NAMES = Object.keys(DTYPES) as SafetensorsDtype[];

/** The safetensors dtype that stores a typed array of this kind. */
export function dtypeOf(data: NumericArray): SafetensorsDtype {
  if (data instanceof Float64Array) return 'F64';
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Int32Array) return 'I32';
  if (data instanceof Int16Array) return 'I16';
  if (data instanceof Int8Array) return 'I8';
  if (data instanceof Uint32Array) return 'U32';
  if (data instanceof Uint16Array) return 'U16';
  return 'U8'; // Uint8Array and Uint8ClampedArray
}

/**
 * Encodes tensors (in the given order) and string metadata as safetensors bytes.
 * Integer-like names keep their order too: the header is written by hand, not by JSON.stringify of one object.
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, Tensor<NumericArray>> | Readonly<Record<string, Tensor<NumericArray>>>,
  metadata: Readonly<Record<string, string>> = {},
): Uint8Array {
  const entries = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  const parts: string[] = [];
  const metadataEntries = Object.entries(metadata);
  for (const [key, value] of metadataEntries) {
    if (typeof value !== 'string') {
      throw new ArgumentError(`encodeSafetensors: metadata "${key}" must be a string, received ${describe(value)}`);
    }
  }
  if (metadataEntries.length > 0) parts.push(`${JSON.stringify(METADATA_KEY)}:${JSON.stringify(metadata)}`);
  let offset = 0;
  for (const [name, tensor] of entries) {
    if (name === METADATA_KEY) {
      throw new ArgumentError(`encodeSafetensors: "${METADATA_KEY}" is reserved and cannot name a tensor`);
    }
    const dtype = dtypeOf(tensor.data);
    const end = offset + tensor.data.length * DTYPES[dtype].size;
    parts.push(`${JSON.stringify(name)}:${JSON.stringify({ dtype, shape: tensor.shape, data_offsets: [offset, end] })}`);
    offset = end;
  }
  let header = new TextEncoder().encode(`{${parts.join(',')}}`);
  const padding = (8 - (header.length % 8)) % 8;
  if (padding > 0) {
    const padded = new Uint8Array(header.length + padding).fill(0x20);
    padded.set(header);
    header = padded;
  }
  const bytes = new Uint8Array(8 + header.length + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(header.length), true);
  bytes.set(header, 8);
  let position = 8 + header.length;
  for (const [, { data }] of entries) {
    // Raw bytes, so every bit (NaN payloads included) is stored as it is in memory.
    const stored = bytes.subarray(position, position + data.byteLength);
    stored.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (!HOST_IS_LITTLE_ENDIAN) reverseByteOrder(stored, data.BYTES_PER_ELEMENT);
    position += data.byteLength;
  }
  return bytes;
}

/**
 * Decodes and validates safetensors bytes; never evaluates anything from the file.
 * Every failure is a ModelFileError naming `source` (a file name) and the tensor.
 * Tensors come back as fresh typed arrays (not views of `bytes`), in data order.
 */
export function decodeSafetensors(bytes: Uint8Array, options: { source?: string } = {}): Safetensors {
  const source = options.source ?? 'safetensors data';
  const fail = (message: string): never => {
    throw new ModelFileError(`${source}: ${message}`);
  };
  if (bytes.length < 8) {
    fail(`too short for a safetensors file: ${bytes.length} bytes, the header length alone takes 8`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Compare as u64 before converting or allocating: a hostile length like 2^63 must not reach Number().
  const headerLength64 = view.getBigUint64(0, true);
  if (headerLength64 > BigInt(MAX_HEADER_BYTES)) {
    fail(`header length ${headerLength64} bytes exceeds the limit of ${MAX_HEADER_BYTES} bytes`);
  }
  const headerLength = Number(headerLength64);
  if (8 + headerLength > bytes.length) {
    fail(`header length ${headerLength} bytes runs past the end of the file (${bytes.length - 8} bytes follow the length field)`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    return fail('header is not valid UTF-8');
  }
  const { refusal, duplicate } = scanHeader(text);
  if (refusal !== undefined) fail(refusal);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the error, line breaks included: keep the message to one line.
    return fail(`header is not valid JSON (${(error as Error).message.replace(/[\u0000-\u001f\u007f]+/g, ' ')})`);
  }
  if (!isPlainObject(header)) return fail(`header must be a JSON object, received ${describe(header)}`);
  if (duplicate !== undefined) {
    if (duplicate.parent === undefined) fail(`duplicate tensor name "${duplicate.key}" in the header`);
    if (duplicate.parent === METADATA_KEY) fail(`duplicate key "${duplicate.key}" in ${METADATA_KEY}`);
    fail(`duplicate key "${duplicate.key}" in tensor "${duplicate.parent}"`);
  }

  let metadata: Record<string, string> = {};
  if (Object.hasOwn(header, METADATA_KEY)) {
    const raw = header[METADATA_KEY];
    if (!isPlainObject(raw)) return fail(`${METADATA_KEY} must be an object of strings, received ${describe(raw)}`);
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value !== 'string') fail(`${METADATA_KEY} "${key}" must be a string, received ${describe(value)}`);
    }
    // fromEntries defines own properties, so a key like "__proto__" stays a key instead of touching the prototype.
    metadata = Object.fromEntries(Object.entries(raw)) as Record<string, string>;
  }

  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  interface Entry {
    name: string;
    dtype: SafetensorsDtype;
    shape: number[];
    begin: number;
    end: number;
  }
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === METADATA_KEY) continue;
    const where = `tensor "${name}"`;
    if (!isPlainObject(raw)) return fail(`${where} must be an object with dtype, shape and data_offsets, received ${describe(raw)}`);
    for (const field of Object.keys(raw)) {
      if (!ENTRY_FIELDS.includes(field)) fail(`${where} has unknown field "${field}" (expected dtype, shape, data_offsets)`);
    }
    const { dtype, shape, data_offsets: offsets } = raw;
    if (typeof dtype !== 'string' || !(DTYPE_NAMES as string[]).includes(dtype)) {
      return fail(`${where} has unsupported dtype ${describe(dtype)} (supported: ${DTYPE_NAMES.join(', ')})`);
    }
    if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) {
      return fail(`${where} shape must be an array of non-negative integers, received ${describe(shape)}`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger) || offsets[0] > offsets[1]) {
      return fail(`${where} data_offsets must be [begin, end] with integers 0 <= begin <= end, received ${describe(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    const size = DTYPES[dtype as SafetensorsDtype].size;
    const needed = (shape as number[]).reduce((a, b) => a * b, size);
    if (needed !== end - begin) {
      fail(
        `${where} of dtype ${dtype} and shape ${formatShape(shape)} needs ${needed} bytes, but data_offsets [${begin}, ${end}] span ${end - begin}`,
      );
    }
    if (end > dataLength) {
      fail(`${where} data_offsets [${begin}, ${end}] run past the end of the data (${dataLength} bytes)`);
    }
    entries.push({ name, dtype: dtype as SafetensorsDtype, shape: shape as number[], begin, end });
  }

  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let previous: Entry | undefined;
  for (const entry of entries) {
    const at = previous === undefined ? 0 : previous.end;
    if (entry.begin < at) {
      fail(
        `tensor "${entry.name}" data_offsets [${entry.begin}, ${entry.end}] overlap tensor "${previous!.name}" [${previous!.begin}, ${previous!.end}]`,
      );
    }
    if (entry.begin > at) {
      fail(
        previous === undefined
          ? `tensor "${entry.name}" starts at byte ${entry.begin}: the data must start with a tensor at byte 0`
          : `gap of ${entry.begin - at} bytes between tensor "${previous.name}" (ends at ${at}) and tensor "${entry.name}" (starts at ${entry.begin})`,
      );
    }
    previous = entry;
  }
  const covered = previous === undefined ? 0 : previous.end;
  if (covered !== dataLength) {
    fail(
      previous === undefined
        ? `${dataLength} bytes of data but no tensors in the header`
        : `${dataLength - covered} unused bytes after the last tensor "${previous.name}" (ends at ${covered}, the data holds ${dataLength})`,
    );
  }

  const tensors = new Map<string, Tensor<NumericArray>>();
  for (const { name, dtype, shape, begin } of entries) {
    const info = DTYPES[dtype];
    const data = info.create(shape.reduce((a, b) => a * b, 1));
    // Copied byte for byte into a fresh, aligned array (offsets in the file need not be aligned).
    const target = new Uint8Array(data.buffer);
    target.set(bytes.subarray(dataStart + begin, dataStart + begin + target.length));
    if (!HOST_IS_LITTLE_ENDIAN) reverseByteOrder(target, info.size);
    tensors.set(name, new Tensor(shape, data));
  }
  return { tensors, metadata };
}

/** Reads and validates a `.safetensors` file (Node only). */
export async function readSafetensors(path: FilePath): Promise<Safetensors> {
  const file = toFilePath('readSafetensors', path);
  return decodeSafetensors(await readFileBytes(file), { source: file });
}

/** Writes a `.safetensors` file atomically (Node only): the previous file survives any failure. */
export async function writeSafetensors(
  path: FilePath,
  tensors: ReadonlyMap<string, Tensor<NumericArray>> | Readonly<Record<string, Tensor<NumericArray>>>,
  metadata: Readonly<Record<string, string>> = {},
): Promise<void> {
  const file = toFilePath('writeSafetensors', path);
  const bytes = encodeSafetensors(tensors, metadata);
  await writeFileBytes(file, bytes);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A short rendering of a JSON value for messages. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return isPlainObject(value) ? `an object ${shown}` : shown;
}

/** What one linear pass over the header text found, before JSON.parse runs. */
interface HeaderScan {
  /** A limit the text exceeds (too deep, too many tensors or metadata keys): refused before parsing. */
  refusal: string | undefined;
  /** The first key that appears twice in one object, with the key of the object holding it (undefined at the top level). */
  duplicate: { key: string; parent: string | undefined } | undefined;
}

/**
 * One pass over the header text, linear in its length, that measures it
 * before JSON.parse builds anything: the nesting depth (at most
 * MAX_HEADER_DEPTH), the tensor entries (top-level keys but `__metadata__`,
 * at most MAX_TENSORS) and the `__metadata__` keys (at most
 * MAX_METADATA_KEYS), stopping at the first limit passed. It also finds the
 * first duplicate key, which JSON.parse would silently resolve to the last.
 * Strings are skipped as a whole (escapes included); malformed text just
 * ends the scan, and JSON.parse then says what is wrong.
 */
function scanHeader(text: string): HeaderScan {
  // One frame per open object/array; arrays have no key set.
  const stack: { keys: Set<string> | undefined; name: string | undefined }[] = [];
  let duplicate: HeaderScan['duplicate'];
  let expectKey = false;
  let lastKey: string | undefined;
  let tensors = 0;
  let metadataKeys = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x22) break;
        if (d === 0x5c /* \ */) {
          escaped = true;
          j++;
        }
      }
      if (j >= n) break;
      const frame = stack[stack.length - 1];
      if (expectKey && frame?.keys !== undefined) {
        let key = text.slice(i + 1, j);
        if (escaped) {
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string; // decodes escapes: "\u0061" and "a" collide
          } catch {
            break;
          }
        }
        if (stack.length === 1 && key !== METADATA_KEY && ++tensors > MAX_TENSORS) {
          return { refusal: `header holds more than ${MAX_TENSORS} tensors, the limit`, duplicate };
        }
        if (stack.length === 2 && frame.name === METADATA_KEY && ++metadataKeys > MAX_METADATA_KEYS) {
          return { refusal: `${METADATA_KEY} holds more than ${MAX_METADATA_KEYS} keys, the limit`, duplicate };
        }
        if (duplicate === undefined) {
          if (frame.keys.has(key)) duplicate = { key, parent: frame.name };
          else frame.keys.add(key);
        }
        lastKey = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length === MAX_HEADER_DEPTH) {
        return { refusal: `header nests objects and arrays deeper than ${MAX_HEADER_DEPTH} levels, the limit`, duplicate };
      }
      const isObject = c === 0x7b;
      stack.push({ keys: isObject ? new Set() : undefined, name: isObject && stack.length > 0 ? lastKey : undefined });
      expectKey = isObject;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1]?.keys !== undefined;
    }
  }
  return { refusal: undefined, duplicate };
}
