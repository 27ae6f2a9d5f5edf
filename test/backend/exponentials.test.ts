/**
 * The wasm backend computes softmax and sigmoid with its own vectorized
 * exponential (assembly/exp.ts: two float64 lanes, 1 ulp of float64). After
 * rounding to float32 its results equal the js reference's, which uses
 * Math.exp, value for value: a float64 error of 1 ulp changes a float32
 * rounding only when the exact value lies within that ulp of a float32
 * boundary, which none of these 200 000 values does. Edge values (±∞, NaN,
 * ±0, arguments far outside float32's exponent range) follow the reference too.
 */
import { describe, expect, it } from 'vitest';
import { jsBackend } from '../../src/backend/js.js';
import { simdLevelAvailable } from '../../src/backend/wasm/modules.js';
import { createWasmBackend } from '../../src/backend/wasm/wasm-backend.js';
import { RandomGenerator } from '../../src/random/generator.js';

const edges = [0, -0, 1e-30, -1e-30, 80, -80, 88.7, -88.7, 103, -103, 104, -104, 700, -700, 710, -710, 1e30, -1e30, Infinity, -Infinity, NaN];

function samples(): Float32Array {
  const rng = new RandomGenerator(5);
  const parts = [rng.uniform(-1, 1, 50_000), rng.uniform(-20, 20, 50_000), rng.uniform(-120, 120, 50_000), rng.uniform(-1000, 1000, 49_979)];
  const all = new Float32Array(200_000);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  all.set(edges, at);
  return all;
}

/** Indices where the two arrays differ (NaN equals NaN, +0 differs from −0). */
function differences(a: Float32Array, b: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

describe.each((['simd', 'relaxed'] as const).filter((level) => simdLevelAvailable(level)))('wasm %s exponentials', (simd) => {
  const wasm = createWasmBackend({ simd, threads: 1 });
  const x = samples();

  it('sigmoid equals the reference after float32 rounding', () => {
    const expected = new Float32Array(x.length);
    const actual = new Float32Array(x.length);
    jsBackend.sigmoid(x, expected);
    wasm.sigmoid(x, actual);
    expect(differences(actual, expected)).toEqual([]);
    expect(actual[x.length - 3]).toBe(1); // sigmoid(∞)
    expect(Object.is(actual[x.length - 2], 0)).toBe(true); // sigmoid(−∞)
  });

  it('softmax equals the reference after float32 rounding, for odd and even row counts and widths', () => {
    for (const [rows, cols] of [[20_000, 10], [66_665, 3], [1, 7], [3, 1], [4, 2]]) {
      const input = x.subarray(0, rows * cols);
      const expected = new Float32Array(input.length);
      const actual = new Float32Array(input.length);
      jsBackend.softmax(input, rows, cols, expected);
      wasm.softmax(input, rows, cols, actual);
      expect(differences(actual, expected)).toEqual([]);
    }
  });

  it('softmax rows holding ±∞ or NaN come out as in the reference', () => {
    const rows = [
      [0, -Infinity, 1],
      [-Infinity, -Infinity, -Infinity],
      [Infinity, 0, 1],
      [NaN, 0, 1],
      [-1e30, 0, 1e30],
    ];
    const input = Float32Array.from(rows.flat());
    const expected = new Float32Array(input.length);
    const actual = new Float32Array(input.length);
    jsBackend.softmax(input, rows.length, 3, expected);
    wasm.softmax(input, rows.length, 3, actual);
    expect(differences(actual, expected)).toEqual([]);
  });
});
