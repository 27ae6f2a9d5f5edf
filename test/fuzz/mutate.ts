import { RandomGenerator } from '../../src/random/generator.js';
import { ScratchnetError } from '../../src/errors.js';

/** A mutated copy of some bytes, and the first position the mutation touched in the original. */
export interface Mutant {
  bytes: Uint8Array;
  /** Smallest index of the original that was changed, removed or had bytes inserted before it. */
  first: number;
  kind: string;
}

/** Bytes a mutation likes to write: JSON structure, digits, quotes, escapes, controls and high bytes. */
const INTERESTING = [0x00, 0x01, 0x0a, 0x20, 0x22, 0x2c, 0x2d, 0x2e, 0x30, 0x31, 0x39, 0x3a, 0x45, 0x5b, 0x5c, 0x5d, 0x65, 0x7b, 0x7d, 0x7f, 0x80, 0xc0, 0xff];

/**
 * One seeded mutation of `original`, as a fuzzer makes: flip a bit, set a
 * byte (random or "interesting"), delete, insert or duplicate a run,
 * truncate, or overwrite a little-endian u64 (such as a length field).
 */
export function mutate(original: Uint8Array, random: RandomGenerator): Mutant {
  const n = original.length;
  const at = (limit: number): number => Math.min(limit - 1, Math.floor(random.random() * limit));
  const kind = ['flip', 'byte', 'interesting', 'delete', 'insert', 'duplicate', 'truncate', 'u64'][at(8)];
  const bytes = new Uint8Array(original);
  switch (kind) {
    case 'flip': {
      const i = at(n);
      bytes[i] ^= 1 << at(8);
      return { bytes, first: i, kind };
    }
    case 'byte':
    case 'interesting': {
      const i = at(n);
      const value = kind === 'byte' ? at(256) : INTERESTING[at(INTERESTING.length)];
      if (bytes[i] === value) bytes[i] ^= 0x01;
      else bytes[i] = value;
      return { bytes, first: i, kind };
    }
    case 'delete': {
      const i = at(n);
      const length = 1 + at(Math.min(16, n - i));
      return { bytes: splice(original, i, length, new Uint8Array(0)), first: i, kind };
    }
    case 'insert': {
      const i = at(n + 1);
      const extra = Uint8Array.from({ length: 1 + at(8) }, () => INTERESTING[at(INTERESTING.length)]);
      return { bytes: splice(original, i, 0, extra), first: i, kind };
    }
    case 'duplicate': {
      const i = at(n);
      const length = 1 + at(Math.min(32, n - i));
      return { bytes: splice(original, i + length, 0, original.subarray(i, i + length)), first: i + length, kind };
    }
    case 'truncate': {
      const length = at(n);
      return { bytes: original.slice(0, length), first: length, kind };
    }
    default: {
      const i = at(Math.max(1, n - 8));
      const values = [0n, 1n, 7n, 8n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n, BigInt(at(n + 64))];
      const value = values[at(values.length)];
      new DataView(bytes.buffer).setBigUint64(i, value, true);
      const same = bytes.every((b, j) => b === original[j]);
      if (same) bytes[i] ^= 0x80;
      return { bytes, first: i, kind };
    }
  }
}

/** `bytes` with `removed` bytes at `at` replaced by `inserted`, as a new array. */
function splice(bytes: Uint8Array, at: number, removed: number, inserted: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - removed + inserted.length);
  out.set(bytes.subarray(0, at));
  out.set(inserted, at);
  out.set(bytes.subarray(at + removed), at + inserted.length);
  return out;
}

/** What running a loader on one mutant gave: a typed refusal, a load, or anything else (a failure of the test). */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: ScratchnetError };

/**
 * Runs `load`, returning its value or its ScratchnetError; anything else it
 * throws (a TypeError, a RangeError, a stack overflow) is rethrown with the
 * case that caused it, so the test fails and names the seed.
 */
export function attempt(label: string, load: () => unknown): Outcome {
  try {
    return { ok: true, value: load() };
  } catch (error) {
    if (error instanceof ScratchnetError) return { ok: false, error };
    throw new Error(`${label}: untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
  }
}

/** The number of cases a fuzz file runs: FUZZ_CASES from the environment (npm run fuzz), else `fallback`. */
export function caseCount(fallback: number): number {
  const raw = process.env.FUZZ_CASES;
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`FUZZ_CASES must be an integer >= 1, received "${raw}"`);
  return value;
}

/** The seed of a fuzz run: FUZZ_SEED from the environment, else 0 (the tests' fixed cases). */
export function fuzzSeed(): number {
  const raw = process.env.FUZZ_SEED;
  return raw === undefined || raw === '' ? 0 : Number(raw);
}
