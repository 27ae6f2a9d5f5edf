import { describe, expect, it, vi } from 'vitest';
import { ModelFileError } from '../../src/errors.js';
import {
  MAX_HEADER_BYTES, MAX_HEADER_DEPTH, MAX_METADATA_KEYS, MAX_TENSORS, decodeSafetensors, encodeSafetensors,
} from '../../src/io/safetensors.js';
import { Tensor } from '../../src/tensor/tensor.js';

/**
 * A safetensors file whose header is `{` + `parts` + `}` (ASCII), written byte
 * by byte into one buffer of `capacity` bytes: no 100 MB string is built.
 */
function fileOf(parts: Iterable<string>, capacity = MAX_HEADER_BYTES): Uint8Array {
  const bytes = new Uint8Array(8 + capacity);
  let at = 8;
  const write = (text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
  };
  write('{');
  for (const part of parts) write(part);
  write('}');
  new DataView(bytes.buffer).setBigUint64(0, BigInt(at - 8), true);
  return bytes.subarray(0, at);
}

/** `entry(0)`, `,entry(1)`, … `,entry(n - 1)`. */
function* count(n: number, entry: (i: number) => string): Generator<string> {
  for (let i = 0; i < n; i++) yield i === 0 ? entry(i) : `,${entry(i)}`;
}

/** The message decodeSafetensors refuses `bytes` with; with `unparsed`, also checks that JSON.parse never ran (refused from the scan). */
function rejection(bytes: Uint8Array, unparsed = false): string {
  const parse = vi.spyOn(JSON, 'parse');
  try {
    decodeSafetensors(bytes, { source: 'big.safetensors' });
  } catch (error) {
    if (unparsed) expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(error).toBeInstanceOf(ModelFileError);
    return (error as Error).message;
  }
  parse.mockRestore();
  throw new Error('expected decodeSafetensors to throw');
}

describe('safetensors header limits', () => {
  it('refuses 1.7 million empty tensors in a header under the 100 MB limit, before parsing it', () => {
    const bytes = fileOf(count(1_700_000, (i) => `"${i.toString(36)}":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}`));
    expect(bytes.length - 8).toBeLessThan(MAX_HEADER_BYTES);
    expect(rejection(bytes, true)).toBe(`big.safetensors: header holds more than ${MAX_TENSORS} tensors, the limit`);
  });

  it('refuses 7 million __metadata__ keys, before parsing them', () => {
    const keys = fileOf(['"__metadata__":{', ...count(7_000_000, (i) => `"${i.toString(36)}":""`), '}']);
    expect(keys.length - 8).toBeLessThan(MAX_HEADER_BYTES);
    expect(rejection(keys, true)).toBe(`big.safetensors: __metadata__ holds more than ${MAX_METADATA_KEYS} keys, the limit`);
  });

  it('accepts exactly the limits', () => {
    const tensors = new Map(Array.from({ length: MAX_TENSORS }, (_, i) => [`t${i}`, new Tensor([0], new Float32Array(0))]));
    const metadata = Object.fromEntries(Array.from({ length: MAX_METADATA_KEYS }, (_, i) => [`k${i}`, 'v']));
    const decoded = decodeSafetensors(encodeSafetensors(tensors, metadata));
    expect(decoded.tensors.size).toBe(MAX_TENSORS);
    expect(Object.keys(decoded.metadata).length).toBe(MAX_METADATA_KEYS);
  });

  it('refuses deep nesting with a typed error, not a stack overflow', () => {
    const deep = (depth: number) => fileOf([`"a":${'['.repeat(depth)}${']'.repeat(depth)}`]);
    expect(rejection(deep(1_000_000), true)).toBe(`big.safetensors: header nests objects and arrays deeper than ${MAX_HEADER_DEPTH} levels, the limit`);
    expect(rejection(fileOf([`"__metadata__":{"k":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`]))).toBe(
      `big.safetensors: header nests objects and arrays deeper than ${MAX_HEADER_DEPTH} levels, the limit`,
    );
    // Within the depth limit, the usual validation speaks.
    expect(rejection(deep(10))).toBe('big.safetensors: tensor "a" must be an object with dtype, shape and data_offsets, received [[[[[[[[[[]]]]]]]]]]');
  });

  it('finds duplicates through a key with escapes, and keeps the JSON error for malformed text', () => {
    expect(rejection(fileOf(['"__metadata__":{"k":"1","\\u006b":"2"}']))).toBe('big.safetensors: duplicate key "k" in __metadata__');
    expect(rejection(fileOf(['"a":"unterminated']))).toMatch(/^big\.safetensors: header is not valid JSON \(/);
    // JSON.parse quotes the text around the error; a line break in it does not break the message.
    expect(rejection(fileOf(['"a":\n\n,']))).toMatch(/^big\.safetensors: header is not valid JSON \([^\n]*\)$/);
  });
});
