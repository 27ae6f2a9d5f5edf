import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelFileError } from '../../src/errors.js';
import {
  decodeSafetensors,
  encodeSafetensors,
  readSafetensors,
  reverseByteOrder,
  writeSafetensors,
} from '../../src/io/safetensors.js';
import { Tensor, type NumericArray } from '../../src/tensor/tensor.js';

/** Hand-made file: 8-byte length (or an explicit one), header text as given, then `data`. */
function file(header: string | object, data: number[] | Uint8Array = [], length?: bigint): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const headerBytes = new TextEncoder().encode(text);
  const bytes = new Uint8Array(8 + headerBytes.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, length ?? BigInt(headerBytes.length), true);
  bytes.set(headerBytes, 8);
  bytes.set(data, 8 + headerBytes.length);
  return bytes;
}

function rejection(bytes: Uint8Array): string {
  try {
    decodeSafetensors(bytes, { source: 'bad.safetensors' });
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return (error as Error).message;
  }
  throw new Error('expected decodeSafetensors to throw');
}

const f32 = (name: string, shape: number[], begin: number, end: number) => ({
  [name]: { dtype: 'F32', shape, data_offsets: [begin, end] },
});

describe('encodeSafetensors / decodeSafetensors', () => {
  it('round-trips every dtype exactly, with metadata, in the given order', () => {
    const tensors = new Map<string, Tensor<NumericArray>>([
      ['2', new Tensor([2, 3], new Float32Array([1, -2.5, NaN, -0, Infinity, 1e-40]))],
      ['1', new Tensor([3], new Float64Array([Math.PI, -Number.MAX_VALUE, 5e-324]))],
      ['ids', new Tensor([4], new Int32Array([-2147483648, -1, 0, 2147483647]))],
      ['i16', new Tensor([2], new Int16Array([-32768, 32767]))],
      ['i8', new Tensor([2], new Int8Array([-128, 127]))],
      ['u32', new Tensor([2], new Uint32Array([0, 4294967295]))],
      ['u16', new Tensor([2], new Uint16Array([0, 65535]))],
      ['u8', new Tensor([1, 3], new Uint8Array([0, 1, 255]))],
      ['empty', new Tensor([0, 5], new Float32Array(0))],
      ['scalar', new Tensor([], new Float32Array([7]))],
    ]);
    const bytes = encodeSafetensors(tensors, { a: 'x', unicode: 'héllo ✓' });
    const back = decodeSafetensors(bytes);
    expect(back.metadata).toEqual({ a: 'x', unicode: 'héllo ✓' });
    expect([...back.tensors.keys()]).toEqual([...tensors.keys()]);
    for (const [name, tensor] of tensors) {
      const got = back.tensors.get(name)!;
      expect(got.shape).toEqual(tensor.shape);
      expect(got.data.constructor).toBe(tensor.data.constructor);
      expect([...got.data]).toEqual([...tensor.data]);
    }
    // -0 survives (toEqual treats 0 and -0 alike)
    expect(Object.is(back.tensors.get('2')!.data[3], -0)).toBe(true);
  });

  it('keeps every bit, NaN payloads included', () => {
    const bits = new Uint32Array([0x7fc00001, 0xffffffff, 0x00000001, 0x80000000]);
    const doubles = new BigUint64Array([0x7ff0000000000abcn, 0x8000000000000001n]);
    const bytes = encodeSafetensors({
      f: new Tensor([4], new Float32Array(bits.buffer.slice(0))),
      d: new Tensor([2], new Float64Array(doubles.buffer.slice(0))),
    });
    const { tensors } = decodeSafetensors(bytes);
    expect(new Uint32Array(tensors.get('f')!.data.buffer)).toEqual(bits);
    expect(new BigUint64Array(tensors.get('d')!.data.buffer)).toEqual(doubles);
  });

  it('reverseByteOrder swaps each item (what a big-endian host applies)', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    reverseByteOrder(bytes, 4);
    expect([...bytes]).toEqual([4, 3, 2, 1, 8, 7, 6, 5]);
    reverseByteOrder(bytes, 2);
    expect([...bytes]).toEqual([3, 4, 1, 2, 7, 8, 5, 6]);
    reverseByteOrder(bytes, 8);
    expect([...bytes]).toEqual([6, 5, 8, 7, 2, 1, 4, 3]);
    reverseByteOrder(bytes, 1);
    expect([...bytes]).toEqual([6, 5, 8, 7, 2, 1, 4, 3]);
  });

  it('returns fresh arrays, not views of the input bytes', () => {
    const bytes = encodeSafetensors({ u: new Tensor([2], new Uint8Array([1, 2])) });
    const u = decodeSafetensors(bytes).tensors.get('u')!;
    bytes.fill(0);
    expect([...u.data]).toEqual([1, 2]);
  });

  it('writes the published layout: u64 LE length, space-padded JSON to 8 bytes, little-endian data', () => {
    const bytes = encodeSafetensors({ w: new Tensor([2], new Float32Array([1, -2])) }, { k: 'v' });
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(header.trimEnd()).toBe('{"__metadata__":{"k":"v"},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}');
    expect(header.slice(header.trimEnd().length)).toMatch(/^ *$/);
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, least significant byte first
    expect([...bytes.subarray(8 + n)]).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it('reads a file written by the reference implementation and writes the same bytes', async () => {
    const reference = new Uint8Array(await readFile('test/fixtures/reference.safetensors'));
    const { tensors, metadata } = decodeSafetensors(reference);
    expect(metadata).toEqual({ format: 'test', note: 'héllo ✓' });
    expect([...tensors.keys()]).toEqual(['float64', 'empty', 'weights', 'ids', 'bytes']);
    expect(tensors.get('weights')!.shape).toEqual([2, 3]);
    expect([...tensors.get('weights')!.data]).toEqual([...new Float32Array([1, -2.5, 3.25, 0.1, -0, 1e-40])]);
    expect([...tensors.get('float64')!.data]).toEqual([Math.PI, -Math.E, 1e300]);
    expect(tensors.get('ids')!.data).toEqual(new Int32Array([-1, 0, 2147483647]));
    expect(tensors.get('bytes')!.data).toEqual(new Uint8Array([0, 1, 255]));
    expect(tensors.get('empty')!.shape).toEqual([0, 4]);
    expect(encodeSafetensors(tensors, metadata)).toEqual(reference);
  });

  it('accepts an empty file of tensors and the zero-size tensors sharing an offset', () => {
    expect(decodeSafetensors(encodeSafetensors({})).tensors.size).toBe(0);
    const bytes = file({ ...f32('a', [0], 0, 0), ...f32('b', [1], 0, 4), ...f32('c', [0, 3], 4, 4) }, [0, 0, 0x80, 0x3f]);
    expect([...decodeSafetensors(bytes).tensors.keys()]).toEqual(['a', 'b', 'c']);
  });

  it('keeps a "__proto__" metadata key or tensor name as plain data', () => {
    const bytes = file(`{"__metadata__":{"__proto__":"x"},"__proto__":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}`, [7]);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(Object.keys(metadata)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect([...tensors.keys()]).toEqual(['__proto__']);
  });

  it('rejects "__metadata__" as a tensor name and non-string metadata when writing', () => {
    expect(() => encodeSafetensors({ __metadata__: new Tensor([1], new Float32Array(1)) })).toThrow(
      'encodeSafetensors: "__metadata__" is reserved and cannot name a tensor',
    );
    expect(() => encodeSafetensors({}, { n: 3 as unknown as string })).toThrow(
      'encodeSafetensors: metadata "n" must be a string, received 3',
    );
  });
});

describe('decodeSafetensors rejects malformed files, naming the file and the tensor', () => {
  const good = encodeSafetensors({ a: new Tensor([2], new Float32Array([1, 2])), b: new Tensor([1], new Float32Array([3])) });

  it('file shorter than 8 bytes', () => {
    expect(rejection(new Uint8Array(5))).toBe(
      'bad.safetensors: too short for a safetensors file: 5 bytes, the header length alone takes 8',
    );
  });

  it('header length above 100 MB, compared as u64 (2^63, 2^64 - 1, 100 MB + 1)', () => {
    expect(rejection(file('{}', [], 2n ** 63n))).toBe(
      'bad.safetensors: header length 9223372036854775808 bytes exceeds the limit of 100000000 bytes',
    );
    expect(rejection(file('{}', [], 2n ** 64n - 1n))).toContain('header length 18446744073709551615 bytes exceeds');
    expect(rejection(file('{}', [], 100_000_001n))).toContain('header length 100000001 bytes exceeds');
  });

  it('header longer than the file', () => {
    expect(rejection(file('{}', [], 1000n))).toBe(
      'bad.safetensors: header length 1000 bytes runs past the end of the file (2 bytes follow the length field)',
    );
  });

  it('truncated file: cut inside the data, and cut inside the header', () => {
    expect(rejection(good.subarray(0, good.length - 3))).toBe(
      'bad.safetensors: tensor "b" data_offsets [8, 12] run past the end of the data (9 bytes)',
    );
    expect(rejection(good.subarray(0, 20))).toMatch(/^bad\.safetensors: header length \d+ bytes runs past the end of the file \(12 bytes/);
  });

  it('header that is not UTF-8', () => {
    const bytes = file('{"a":1}');
    bytes[10] = 0xff;
    expect(rejection(bytes)).toBe('bad.safetensors: header is not valid UTF-8');
  });

  it('header that is not JSON, or JSON but not an object', () => {
    expect(rejection(file('{"a": '))).toMatch(/^bad\.safetensors: header is not valid JSON \(/);
    expect(rejection(file(''))).toMatch(/^bad\.safetensors: header is not valid JSON \(/);
    expect(rejection(file('[1, 2]'))).toBe('bad.safetensors: header must be a JSON object, received [1,2]');
    expect(rejection(file('null'))).toBe('bad.safetensors: header must be a JSON object, received null');
    expect(rejection(file('"x"'))).toBe('bad.safetensors: header must be a JSON object, received "x"');
  });

  it('duplicate tensor names (JSON.parse would keep only the last), also through escapes', () => {
    const header = `{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`;
    expect(rejection(file(header, new Uint8Array(8)))).toBe('bad.safetensors: duplicate tensor name "a" in the header');
    const escaped = `{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"\\u0061":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`;
    expect(rejection(file(escaped, new Uint8Array(8)))).toBe('bad.safetensors: duplicate tensor name "a" in the header');
  });

  it('duplicate keys inside a tensor entry or the metadata', () => {
    const inEntry = `{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"shape":[2]}}`;
    expect(rejection(file(inEntry, new Uint8Array(4)))).toBe('bad.safetensors: duplicate key "shape" in tensor "a"');
    const inMetadata = `{"__metadata__":{"k":"1","k":"2"}}`;
    expect(rejection(file(inMetadata))).toBe('bad.safetensors: duplicate key "k" in __metadata__');
    const notDuplicate = `{"__metadata__":{"k":"a\\"k\\":","x":"[{\\"k\\":1}]"},"k":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}`;
    expect(decodeSafetensors(file(notDuplicate, [9])).metadata).toEqual({ k: 'a"k":', x: '[{"k":1}]' });
  });

  it('metadata that is not an object of strings', () => {
    expect(rejection(file({ __metadata__: { n: 1 } }))).toBe('bad.safetensors: __metadata__ "n" must be a string, received 1');
    expect(rejection(file({ __metadata__: ['x'] }))).toBe('bad.safetensors: __metadata__ must be an object of strings, received ["x"]');
  });

  it('tensor entry that is not an object, or has unknown fields', () => {
    expect(rejection(file({ a: [1] }))).toBe(
      'bad.safetensors: tensor "a" must be an object with dtype, shape and data_offsets, received [1]',
    );
    expect(rejection(file({ a: { dtype: 'F32', shape: [0], data_offsets: [0, 0], code: 'x' } }))).toBe(
      'bad.safetensors: tensor "a" has unknown field "code" (expected dtype, shape, data_offsets)',
    );
  });

  it('bad dtype', () => {
    expect(rejection(file({ a: { dtype: 'F17', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)))).toBe(
      'bad.safetensors: tensor "a" has unsupported dtype "F17" (supported: F64, F32, I32, I16, I8, U32, U16, U8)',
    );
    expect(rejection(file({ a: { shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)))).toBe(
      'bad.safetensors: tensor "a" has unsupported dtype nothing (supported: F64, F32, I32, I16, I8, U32, U16, U8)',
    );
  });

  it('negative, non-integer or non-numeric shape entries', () => {
    for (const [shape, shown] of [
      [[2, -1], '[2,-1]'],
      [[1.5], '[1.5]'],
      [['2'], '["2"]'],
      [3, '3'],
    ] as const) {
      expect(rejection(file({ a: { dtype: 'F32', shape, data_offsets: [0, 4] } }, new Uint8Array(4)))).toBe(
        `bad.safetensors: tensor "a" shape must be an array of non-negative integers, received ${shown}`,
      );
    }
  });

  it('malformed data_offsets', () => {
    for (const [offsets, shown] of [
      [[4, 0], '[4,0]'],
      [[0], '[0]'],
      [[-4, 0], '[-4,0]'],
      [[0, 2.5], '[0,2.5]'],
    ] as const) {
      expect(rejection(file({ a: { dtype: 'F32', shape: [1], data_offsets: offsets } }, new Uint8Array(4)))).toBe(
        `bad.safetensors: tensor "a" data_offsets must be [begin, end] with integers 0 <= begin <= end, received ${shown}`,
      );
    }
  });

  it('shape and byte size that disagree', () => {
    expect(rejection(file(f32('w', [2, 3], 0, 20), new Uint8Array(20)))).toBe(
      'bad.safetensors: tensor "w" of dtype F32 and shape [2, 3] needs 24 bytes, but data_offsets [0, 20] span 20',
    );
  });

  it('out-of-bounds offsets', () => {
    expect(rejection(file(f32('w', [2, 3], 0, 24), new Uint8Array(20)))).toBe(
      'bad.safetensors: tensor "w" data_offsets [0, 24] run past the end of the data (20 bytes)',
    );
  });

  it('overlapping offsets', () => {
    expect(rejection(file({ ...f32('a', [2], 0, 8), ...f32('b', [2], 4, 12) }, new Uint8Array(12)))).toBe(
      'bad.safetensors: tensor "b" data_offsets [4, 12] overlap tensor "a" [0, 8]',
    );
    expect(rejection(file({ ...f32('a', [2], 0, 8), ...f32('b', [2], 0, 8) }, new Uint8Array(8)))).toBe(
      'bad.safetensors: tensor "b" data_offsets [0, 8] overlap tensor "a" [0, 8]',
    );
  });

  it('gaps: before the first tensor, between tensors, after the last', () => {
    expect(rejection(file(f32('a', [1], 4, 8), new Uint8Array(8)))).toBe(
      'bad.safetensors: tensor "a" starts at byte 4: the data must start with a tensor at byte 0',
    );
    expect(rejection(file({ ...f32('a', [1], 0, 4), ...f32('b', [1], 8, 12) }, new Uint8Array(12)))).toBe(
      'bad.safetensors: gap of 4 bytes between tensor "a" (ends at 4) and tensor "b" (starts at 8)',
    );
    expect(rejection(file(f32('a', [1], 0, 4), new Uint8Array(7)))).toBe(
      'bad.safetensors: 3 unused bytes after the last tensor "a" (ends at 4, the data holds 7)',
    );
    expect(rejection(file({}, new Uint8Array(2)))).toBe('bad.safetensors: 2 bytes of data but no tensors in the header');
  });

  it('names the data generically when no source is given', () => {
    expect(() => decodeSafetensors(new Uint8Array(3))).toThrow(/^safetensors data: too short/);
  });
});

describe('readSafetensors / writeSafetensors', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'scratchnet-st-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes atomically and reads back', async () => {
    const path = join(folder, 'x.safetensors');
    await writeSafetensors(path, { w: new Tensor([1, 2], new Float64Array([0.1, 0.2])) }, { k: 'v' });
    const back = await readSafetensors(path);
    expect(back.metadata).toEqual({ k: 'v' });
    expect(back.tensors.get('w')!.data).toEqual(new Float64Array([0.1, 0.2]));
    expect(await readdir(folder)).toEqual(['x.safetensors']);
  });

  it('errors name the file: missing, directory, malformed', async () => {
    const missing = join(folder, 'missing.safetensors');
    await expect(readSafetensors(missing)).rejects.toThrow(`cannot read "${missing}": ENOENT`);
    await expect(readSafetensors(folder)).rejects.toThrow(`"${folder}" is a folder, not a regular file; only regular files are read`);
    const bad = join(folder, 'bad.safetensors');
    await writeFile(bad, 'not a model');
    await expect(readSafetensors(bad)).rejects.toThrow(`${bad}: header length`);
    // A missing folder is created; a file in the way of one is an error naming the path.
    await writeSafetensors(join(folder, 'new', 'x.safetensors'), {});
    expect((await readSafetensors(join(folder, 'new', 'x.safetensors'))).tensors.size).toBe(0);
    const underFile = join(bad, 'x.safetensors');
    await expect(writeSafetensors(underFile, {})).rejects.toThrow(new RegExp(`^cannot write "${underFile}": (ENOTDIR|EEXIST)`));
  });
});
