/**
 * The shared kernel suite: every kernel of every backend against the js
 * reference, and the js reference's GEMM against plain float64 math.
 *
 * Backends: js; wasm with plain SIMD and (where the engine has it) relaxed
 * SIMD, each with 1 thread and with 2 threads (parallelThreshold 0, so every
 * product big enough to split is split) and every product on the packed
 * float32 kernel; the default configuration (small products accumulated in
 * float64, bit-identical to js); and the unshared-memory build that browsers
 * without cross-origin isolation get. Arrays live outside wasm memory
 * (ordinary Float32Arrays, staged by the backend) and inside it (from
 * `allocate`), and outputs start as NaN so a kernel that leaves any value
 * unwritten fails.
 *
 * Tolerances, relative to what float32 arithmetic can promise:
 * - GEMM: |c − ref| ≤ (k + 2)·2⁻²³·(|A|·|B|)ᵢⱼ, the standard bound for a
 *   float32 dot product of length k (the reference accumulates in float64 and
 *   rounds once; wasm accumulates in float32 in blocks, with or without FMA).
 * - Column sums: rows·2⁻²³·Σ|x| per column (float32 accumulation).
 * - Elementwise, activations, losses: 8·2⁻²⁴ relative (a few ulps): wasm
 *   takes scalars such as `s` or `alpha` as float32, the reference as float64.
 * - Optimizer updates: hyperparameters are float32 in wasm, so the update
 *   term may differ by ~2⁻²⁰ of its size: |p − ref| ≤ 8·2⁻²⁴·|ref| + 2⁻²⁰·|update|.
 * - Reductions return float64 sums of float32 data in both backends, in a
 *   different order: 1e−12·Σ|x|.
 * - Window kernels (im2col, col2im, maxPool, maxPoolBackward): exact. They
 *   copy, compare, and add in the reference's order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, WindowGeometry } from '../../src/backend/backend.js';
import { jsBackend } from '../../src/backend/js.js';
import { simdLevelAvailable } from '../../src/backend/wasm/modules.js';
import { createWasmBackend, type WasmBackend } from '../../src/backend/wasm/wasm-backend.js';
import { windowGeometry } from '../../src/backend/window-geometry.js';
import { ArgumentError, ShapeError } from '../../src/errors.js';
import { RandomGenerator } from '../../src/random/generator.js';
import type { FloatArray, NumericArray } from '../../src/tensor/tensor.js';

const ULP_RELATIVE = 8 * 2 ** -24;

interface Variant {
  label: string;
  make(): Backend;
  threads: number;
}

const levels = (['simd', 'relaxed'] as const).filter((level) => simdLevelAvailable(level));
const variants: Variant[] = [{ label: 'js', make: () => jsBackend, threads: 1 }];
for (const simd of levels) {
  for (const threads of [1, 2] as const) {
    variants.push({
      label: `wasm ${simd} SIMD, ${threads} thread${threads > 1 ? 's' : ''}`,
      // exactMultiplyAdds 0: every product, however small, takes the packed float32 kernel;
      // the thresholds 0: with 2 threads every product, update and window kernel that can be split is split.
      make: () => createWasmBackend({ simd, threads, parallelThreshold: 0, parallelUpdateThreshold: 0, parallelWindowThreshold: 0, exactMultiplyAdds: 0 }),
      threads,
    });
  }
}
variants.push({
  label: 'wasm default configuration (small products in float64, bit-identical to js)',
  make: () => createWasmBackend(),
  threads: 1,
});
variants.push({
  label: 'wasm simd SIMD, unshared memory (browser without cross-origin isolation)',
  make: () => createWasmBackend({ simd: 'simd', sharedMemory: false, exactMultiplyAdds: 0 }),
  threads: 1,
});

type Place = (data: Float32Array) => Float32Array;
type Output = FloatArray | Int32Array | number | boolean;

/** Compares element by element; returns the first few violations (empty when all pass). */
function mismatches(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: (i: number) => number): string[] {
  const bad: string[] = [];
  if (actual.length !== expected.length) return [`length ${actual.length} ≠ ${expected.length}`];
  for (let i = 0; i < expected.length && bad.length < 5; i++) {
    const e = expected[i];
    const a = actual[i];
    const same = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tolerance(i) || a === e;
    if (!same) bad.push(`[${i}] ${a} vs ${e} (allowed ${tolerance(i)})`);
  }
  return bad;
}

function relative(expected: ArrayLike<number>, factor = ULP_RELATIVE, floor = 1e-37): (i: number) => number {
  return (i) => factor * Math.abs(expected[i]) + floor;
}

function randomArray(rng: RandomGenerator, n: number, low = -1, high = 1): Float32Array {
  return rng.uniform(low, high, n);
}

/**
 * GEMM size cases: empty, 1, tails of the 4×8 tile, k/m/n block boundaries,
 * large; two rows with widths around the exact kernel's 2×8 tiles.
 */
const gemmShapes: [number, number, number][] = [
  [0, 3, 4], [3, 0, 4], [3, 4, 0], [1, 1, 1], [1, 9, 1], [4, 8, 4], [5, 7, 3], [13, 17, 9],
  [9, 10, 11], [33, 31, 65], [6, 5, 300], [5, 1030, 3], [130, 6, 7], [128, 10, 128], [300, 257, 129],
  [2, 3, 5], [2, 4, 7], [2, 13, 9], [2, 12, 300],
];
const transposes: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];

/**
 * Window geometries: odd sizes; strides 1, 2, 3 and [2, 1]; 'same' padding
 * (top/left, and bottom/right implied by the output size); 1×1 kernels; one
 * channel and channel counts that are not multiples of 4; overlapping pools;
 * a kernel as large as the input and one larger (mostly padding); batch 1 to 4;
 * and one hand-made geometry with more padding than 'same' gives.
 */
const windowGeometries: WindowGeometry[] = [
  windowGeometry([1, 7, 6, 1], [3, 3], [1, 1], 'valid'),
  windowGeometry([2, 7, 6, 3], [3, 3], [1, 1], 'same'),
  windowGeometry([3, 7, 6, 5], [3, 3], [2, 2], 'same'),
  windowGeometry([2, 8, 7, 2], [2, 3], [3, 3], 'same'),
  windowGeometry([2, 9, 7, 6], [3, 2], [2, 1], 'valid'),
  windowGeometry([2, 9, 7, 6], [3, 2], [2, 1], 'same'),
  windowGeometry([2, 7, 6, 13], [1, 1], [1, 1], 'valid'),
  windowGeometry([1, 5, 5, 4], [1, 1], [2, 2], 'same'),
  windowGeometry([2, 5, 3, 1], [1, 1], [2, 1], 'valid'),
  windowGeometry([2, 7, 7, 7], [3, 3], [1, 1], 'valid'),
  windowGeometry([2, 7, 6, 9], [3, 3], [2, 2], 'valid'),
  windowGeometry([1, 4, 5, 3], [4, 5], [1, 1], 'valid'),
  windowGeometry([2, 6, 6, 16], [2, 2], [2, 2], 'valid'),
  windowGeometry([1, 3, 2, 2], [5, 4], [1, 1], 'same'),
  windowGeometry([4, 13, 11, 32], [3, 3], [2, 2], 'same'),
  { batch: 1, height: 5, width: 5, channels: 3, kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2, padTop: 2, padLeft: 1, outHeight: 4, outWidth: 3 },
];

/** Value counts of a geometry: the input, im2col's matrix, the pooled output. */
function windowSizes(g: WindowGeometry): { input: number; cols: number; output: number } {
  const rows = g.batch * g.outHeight * g.outWidth;
  return { input: g.batch * g.height * g.width * g.channels, cols: rows * g.kernelHeight * g.kernelWidth * g.channels, output: rows * g.channels };
}

const describeGeometry = (g: WindowGeometry): string =>
  `[${g.batch}, ${g.height}, ${g.width}, ${g.channels}] kernel ${g.kernelHeight}×${g.kernelWidth} stride ${g.strideHeight}×${g.strideWidth} ` +
  `pad ${g.padTop}/${g.padLeft} out ${g.outHeight}×${g.outWidth}`;

/** Elementwise lengths: 0, 1, SIMD tails 4k+1…4k+3, and bigger. */
const lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 1023, 4097];
/** rows × cols for row-wise kernels. */
const matrices: [number, number][] = [[0, 3], [1, 1], [3, 5], [7, 10], [2, 13], [4, 14], [5, 15], [128, 10], [33, 64]];

describe('js reference GEMM against float64 math', () => {
  it.each(transposes)('transA=%s transB=%s equals the float64 dot product rounded once', (transA, transB) => {
    const rng = new RandomGenerator(1);
    for (const [m, n, k] of gemmShapes.slice(0, 11)) {
      const a = randomArray(rng, m * k);
      const b = randomArray(rng, k * n);
      const c = new Float32Array(m * n).fill(Number.NaN);
      jsBackend.gemm(transA, transB, m, n, k, a, b, c);
      // Build op(A) and op(B) explicitly, then take textbook dot products.
      const opA = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, p) => (transA ? a[p * m + i] : a[i * k + p])));
      const opB = Array.from({ length: k }, (_, p) => Array.from({ length: n }, (_, j) => (transB ? b[j * k + p] : b[p * n + j])));
      const expected = new Float64Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let dot = 0;
          for (let p = 0; p < k; p++) dot += opA[i][p] * opB[p][j];
          expected[i * n + j] = Math.fround(dot);
        }
      }
      expect(mismatches(c, expected, () => 0), `${m}×${n}×${k}`).toEqual([]);
    }
  });
});

for (const variant of variants) {
  describe(variant.label, () => {
    let backend: Backend;

    beforeAll(async () => {
      backend = variant.make();
      if (variant.threads > 1) {
        expect(await (backend as WasmBackend).startThreads()).toBe(true);
      }
    });

    afterAll(() => {
      if (backend !== jsBackend) (backend as WasmBackend).dispose();
    });

    const places: [string, (b: Backend) => Place][] = [
      ['arrays outside wasm memory', () => (data) => data.slice()],
      [
        'arrays from allocate()',
        (b) => (data) => {
          const view = b.allocate(data.length);
          view.set(data);
          return view;
        },
      ],
    ];

    for (const [where, makePlace] of places) {
      describe(where, () => {
        /** Runs `body` on the js reference with plain arrays and on the backend under test, and compares outputs. */
        function compare(body: (b: Backend, place: Place) => Output[], tolerances: ((expected: ArrayLike<number>, index: number) => (i: number) => number)[] = []): void {
          const expected = body(jsBackend, (d) => d.slice());
          const actual = body(backend, makePlace(backend));
          expected.forEach((e, index) => {
            const a = actual[index];
            if (typeof e === 'number' || typeof e === 'boolean') {
              expect(a, `output ${index}`).toBe(e);
              return;
            }
            const tolerance = tolerances[index]?.(e, index) ?? relative(e);
            expect(mismatches(a as ArrayLike<number>, e, tolerance), `output ${index}`).toEqual([]);
          });
        }

        const nan = (n: number, place: Place): Float32Array => place(new Float32Array(n).fill(Number.NaN));

        it.each(transposes)('gemm transA=%s transB=%s over all shapes', (transA, transB) => {
          for (const [m, n, k] of gemmShapes) {
            const rng = new RandomGenerator(m * 1000 + n * 10 + k);
            const a = randomArray(rng, m * k);
            const b = randomArray(rng, k * n);
            const absProduct = new Float32Array(m * n);
            jsBackend.gemm(transA, transB, m, n, k, a.map(Math.abs), b.map(Math.abs), absProduct);
            const bound = (k + 2) * 2 ** -23;
            compare(
              (bk, place) => {
                const c = nan(m * n, place);
                bk.gemm(transA, transB, m, n, k, place(a), place(b), c);
                return [c.slice()];
              },
              [() => (i) => bound * absProduct[i] + 1e-37],
            );
          }
        });

        it.each(transposes)('gemm with a bias equals gemm then addBias, bit for bit, float32 and float64 C, transA=%s transB=%s', (transA, transB) => {
          const place = makePlace(backend);
          for (const [m, n, k] of [...gemmShapes, [300, 64, 2], [300, 3, 64]] as [number, number, number][]) {
            const rng = new RandomGenerator(m * 7 + n * 5 + k);
            const a = randomArray(rng, m * k);
            const b = randomArray(rng, k * n);
            const bias = randomArray(rng, n);
            bias[0] = -0; // a −0 sum plus −0 stays −0; plus +0 it would not
            const fused = nan(m * n, place);
            backend.gemm(transA, transB, m, n, k, place(a), place(b), fused, place(bias));
            const separate = nan(m * n, place);
            backend.gemm(transA, transB, m, n, k, place(a), place(b), separate);
            backend.addBias(separate, place(bias), m, n, separate);
            expect(Array.from(fused).map((v) => Object.is(v, -0) ? '-0' : v), `${m}×${n}×${k}`).toEqual(Array.from(separate).map((v) => Object.is(v, -0) ? '-0' : v));
            const fused64 = new Float64Array(m * n);
            backend.gemm(transA, transB, m, n, k, place(a), place(b), fused64, place(bias));
            const separate64 = new Float64Array(m * n);
            backend.gemm(transA, transB, m, n, k, place(a), place(b), separate64);
            backend.addBias(separate64, place(bias), m, n, separate64);
            expect(fused64, `${m}×${n}×${k} float64`).toEqual(separate64);
          }
        });

        it('addBias and sumRows, also in place', () => {
          for (const [rows, cols] of matrices) {
            const rng = new RandomGenerator(rows * 31 + cols);
            const x = randomArray(rng, rows * cols);
            const bias = randomArray(rng, cols);
            const columnAbs = new Float32Array(cols);
            jsBackend.sumRows(x.map(Math.abs), rows, cols, columnAbs);
            compare(
              (bk, place) => {
                const out = nan(rows * cols, place);
                bk.addBias(place(x), place(bias), rows, cols, out);
                const inPlace = place(x);
                bk.addBias(inPlace, place(bias), rows, cols, inPlace);
                const sums = nan(cols, place);
                bk.sumRows(place(x), rows, cols, sums);
                return [out.slice(), inPlace.slice(), sums.slice()];
              },
              [(e) => relative(e), (e) => relative(e), () => (i) => rows * 2 ** -23 * columnAbs[i] + 1e-37],
            );
          }
        });

        it('copy, fill, add, sub, mul, scale over SIMD tails, also in place', () => {
          for (const n of lengths) {
            const rng = new RandomGenerator(n);
            const a = randomArray(rng, n);
            const b = randomArray(rng, n);
            compare((bk, place) => {
              const outs: Float32Array[] = [];
              const copy = nan(n, place);
              bk.copy(place(a), copy);
              const filled = nan(n, place);
              bk.fill(filled, 0.1);
              outs.push(copy, filled);
              for (const op of ['add', 'sub', 'mul'] as const) {
                const out = nan(n, place);
                bk[op](place(a), place(b), out);
                const inPlace = place(a);
                bk[op](inPlace, place(b), inPlace);
                outs.push(out, inPlace);
              }
              const scaled = nan(n, place);
              bk.scale(place(a), 0.3, scaled);
              const scaledInPlace = place(a);
              bk.scale(scaledInPlace, -1.7, scaledInPlace);
              outs.push(scaled, scaledInPlace);
              return outs.map((o) => o.slice());
            });
          }
        });

        it('sum, sumAbs, sumSquares accumulate in float64; allFinite finds NaN and ±Infinity in any lane', () => {
          for (const n of lengths) {
            const rng = new RandomGenerator(n + 7);
            const x = randomArray(rng, n, -3, 3);
            const scale = x.reduce((s, v) => s + Math.abs(v) + v * v, 0);
            const results = (bk: Backend, place: Place): number[] => [bk.sum(place(x)), bk.sumAbs(place(x)), bk.sumSquares(place(x))];
            const expected = results(jsBackend, (d) => d.slice());
            const actual = results(backend, makePlace(backend));
            expect(mismatches(actual, expected, () => 1e-12 * scale + 1e-300)).toEqual([]);
            expect(backend.allFinite(makePlace(backend)(x))).toBe(true);
            for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
              for (const at of n > 0 ? [0, n - 1, n >> 1] : []) {
                const y = x.slice();
                y[at] = bad;
                expect(backend.allFinite(makePlace(backend)(y)), `n=${n} ${bad} at ${at}`).toBe(false);
              }
            }
          }
        });

        it('greaterThan gives 0/1 over SIMD tails, also in place, with float32 and float64 thresholds', () => {
          for (const n of lengths) {
            const rng = new RandomGenerator(n + 3);
            const x = randomArray(rng, n);
            if (n > 3) x[2] = 0.5;
            if (n > 4) x[3] = Number.NaN;
            compare((bk, place) => {
              const outs: FloatArray[] = [];
              for (const threshold of [0.5, 0, 0.1]) {
                const out = nan(n, place);
                bk.greaterThan(place(x), threshold, out);
                const inPlace = place(x);
                bk.greaterThan(inPlace, threshold, inPlace);
                outs.push(out, inPlace);
              }
              return outs.map((o) => o.slice());
            });
          }
        });

        it('argmaxRows returns the first largest index', () => {
          for (const [rows, cols] of matrices) {
            const rng = new RandomGenerator(rows + cols);
            // Few distinct values, so ties are common.
            const x = rng.binomial(3, 0.5, rows * cols);
            const expected = new Int32Array(rows);
            jsBackend.argmaxRows(x, rows, cols, expected);
            for (const out of [new Int32Array(rows).fill(-1), Int32Array.from({ length: rows }, () => -1)]) {
              backend.argmaxRows(makePlace(backend)(x), rows, cols, out);
              expect(Array.from(out)).toEqual(Array.from(expected));
            }
          }
        });

        it('im2col, col2im, maxPool and maxPoolBackward over window geometries, exactly', () => {
          const exact = () => () => 0;
          for (const g of windowGeometries) {
            const sizes = windowSizes(g);
            const rng = new RandomGenerator(sizes.input + sizes.cols);
            const x = randomArray(rng, sizes.input);
            // Few distinct values (with −0 beside +0), so pooling windows tie often.
            const ties = Float32Array.from(rng.binomial(3, 0.5, sizes.input), (v, i) => (v === 0 && i % 2 === 1 ? -0 : v));
            const dCols = randomArray(rng, sizes.cols);
            const dY = randomArray(rng, sizes.output);
            for (const pooled of [x, ties]) {
              compare(
                (bk, place) => {
                  const cols = nan(sizes.cols, place);
                  bk.im2col(place(x), g, cols);
                  // Past the matrix's end nothing is written.
                  const longer = place(new Float32Array(sizes.cols + 3).fill(7));
                  bk.im2col(place(x), g, longer);
                  const dx = nan(sizes.input, place);
                  bk.col2im(place(dCols), g, dx);
                  const y = nan(sizes.output, place);
                  const argmax = new Int32Array(sizes.output).fill(-1);
                  bk.maxPool(place(pooled), g, y, argmax);
                  const dxPool = nan(sizes.input, place);
                  bk.maxPoolBackward(place(dY), argmax, dxPool);
                  // Indices as an int32 view of a placed block (in the backend's memory when placed by allocate).
                  const block = place(new Float32Array(sizes.output));
                  const argmaxView = new Int32Array(block.buffer, block.byteOffset, sizes.output).fill(-1);
                  bk.maxPool(place(pooled), g, nan(sizes.output, place), argmaxView);
                  const dxView = nan(sizes.input, place);
                  bk.maxPoolBackward(place(dY), argmaxView, dxView);
                  return [cols.slice(), longer.slice(), dx.slice(), y.slice(), argmax.slice(), dxPool.slice(), argmaxView.slice(), dxView.slice()];
                },
                [exact, exact, exact, exact, exact, exact, exact, exact],
              );
            }
          }
        });

        it('activations and their backward passes, also in place', () => {
          for (const n of lengths) {
            const rng = new RandomGenerator(n + 11);
            const x = randomArray(rng, n, -4, 4);
            if (n > 2) x[1] = 0; // the subgradient choice at 0
            const dOut = randomArray(rng, n);
            compare((bk, place) => {
              const outs: FloatArray[] = [];
              const forward = (f: (x: FloatArray, y: FloatArray) => void): FloatArray => {
                const y = nan(n, place);
                f(place(x), y);
                const inPlace = place(x);
                f(inPlace, inPlace);
                outs.push(y, inPlace);
                return y;
              };
              const backward = (f: (d: FloatArray, s: FloatArray, dIn: FloatArray) => void, saved: FloatArray): void => {
                const dIn = nan(n, place);
                f(place(dOut), place(saved as Float32Array), dIn);
                const inPlace = place(dOut);
                f(inPlace, place(saved as Float32Array), inPlace);
                outs.push(dIn, inPlace);
              };
              forward((a, y) => bk.relu(a, y));
              backward((d, s, o) => bk.reluBackward(d, s, o), x);
              forward((a, y) => bk.leakyRelu(a, 0.01, y));
              backward((d, s, o) => bk.leakyReluBackward(d, s, 0.01, o), x);
              const s = forward((a, y) => bk.sigmoid(a, y));
              backward((d, y, o) => bk.sigmoidBackward(d, y, o), s.slice());
              const t = forward((a, y) => bk.tanh(a, y));
              backward((d, y, o) => bk.tanhBackward(d, y, o), t.slice());
              return outs.map((o) => o.slice());
            });
          }
        });

        it('softmax and softmaxBackward by rows', () => {
          for (const [rows, cols] of matrices) {
            const rng = new RandomGenerator(rows * 7 + cols);
            const x = randomArray(rng, rows * cols, -20, 20);
            const dOut = randomArray(rng, rows * cols);
            compare((bk, place) => {
              const y = nan(rows * cols, place);
              bk.softmax(place(x), rows, cols, y);
              const dIn = nan(rows * cols, place);
              bk.softmaxBackward(place(dOut), place(y.slice()), rows, cols, dIn);
              return [y.slice(), dIn.slice()];
            }, [(e) => relative(e), (e) => relative(e, 16 * 2 ** -24, 1e-12)]);
          }
        });

        it('losses and their gradients, sparse (several integer types) and one-hot', () => {
          for (const [rows, cols] of matrices) {
            if (cols < 2) continue;
            const rng = new RandomGenerator(rows * 13 + cols);
            const pred = randomArray(rng, rows * cols, 0.001, 0.999);
            const probs = new Float32Array(rows * cols);
            jsBackend.softmax(randomArray(rng, rows * cols, -3, 3), rows, cols, probs);
            const ids = Int32Array.from({ length: rows }, () => rng.interval(cols - 1));
            const oneHot = new Float32Array(rows * cols);
            ids.forEach((c, r) => (oneHot[r * cols + c] = 1));
            const binary = rng.binomial(1, 0.5, rows * cols);
            const regression = randomArray(rng, rows * cols, -2, 2);
            const sparseForms: NumericArray[] = [ids, Uint8Array.from(ids), Float32Array.from(ids)];
            compare((bk, place) => {
              const outs: FloatArray[] = [];
              const perRow = (f: (out: FloatArray) => void): void => {
                const out = nan(rows, place);
                f(out);
                outs.push(out);
              };
              const perValue = (f: (out: FloatArray) => void): void => {
                const out = nan(rows * cols, place);
                f(out);
                outs.push(out);
              };
              for (const targets of sparseForms) {
                perRow((o) => bk.categoricalCrossentropy(place(pred), targets, true, rows, cols, 1e-7, o));
                perValue((o) => bk.categoricalCrossentropyBackward(place(pred), targets, true, rows, cols, o));
                perValue((o) => bk.softmaxCrossentropyBackward(place(probs), targets, true, rows, cols, o));
              }
              perRow((o) => bk.categoricalCrossentropy(place(pred), place(oneHot), false, rows, cols, 1e-7, o));
              perValue((o) => bk.categoricalCrossentropyBackward(place(pred), place(oneHot), false, rows, cols, o));
              perValue((o) => bk.softmaxCrossentropyBackward(place(probs), place(oneHot), false, rows, cols, o));
              perRow((o) => bk.binaryCrossentropy(place(pred), place(binary), rows, cols, 1e-7, o));
              perValue((o) => bk.binaryCrossentropyBackward(place(pred), place(binary), rows, cols, 1e-7, o));
              perRow((o) => bk.meanSquaredError(place(pred), place(regression), rows, cols, o));
              perValue((o) => bk.meanSquaredErrorBackward(place(pred), place(regression), rows, cols, o));
              perRow((o) => bk.meanAbsoluteError(place(pred), place(regression), rows, cols, o));
              perValue((o) => bk.meanAbsoluteErrorBackward(place(pred), place(regression), rows, cols, o));
              return outs.map((o) => o.slice());
            });
          }
        });

        it('regularization gradient and optimizer updates over whole buffers, several steps', () => {
          for (const n of lengths) {
            const rng = new RandomGenerator(n + 99);
            const param0 = randomArray(rng, n);
            const grads = [randomArray(rng, n), randomArray(rng, n), randomArray(rng, n)];
            const lr = 0.01;
            const updates = new Float32Array(n).fill(lr);
            compare(
              (bk, place) => {
                const outs: FloatArray[] = [];
                const reg = place(grads[0]);
                bk.addRegularizationGradient(place(param0), 5e-4, 5e-4, reg);
                const regL2 = place(grads[0]);
                bk.addRegularizationGradient(place(param0), 0, 1e-3, regL2);
                outs.push(reg, regL2);
                const p1 = place(param0);
                const p2 = place(param0);
                const velocity = place(new Float32Array(n));
                const p3 = place(param0);
                const cache3 = place(new Float32Array(n));
                const p4 = place(param0);
                const cache4 = place(new Float32Array(n));
                const p5 = place(param0);
                const m = place(new Float32Array(n));
                const v = place(new Float32Array(n));
                grads.forEach((g, step) => {
                  bk.sgdUpdate(p1, place(g), lr);
                  bk.sgdMomentumUpdate(p2, place(g), velocity, lr, 0.9);
                  bk.adagradUpdate(p3, place(g), cache3, lr, 1e-7);
                  bk.rmspropUpdate(p4, place(g), cache4, 0.001, 0.999, 1e-7);
                  bk.adamUpdate(p5, place(g), m, v, 0.001, 0.9, 0.999, 1e-7, step + 1);
                });
                outs.push(p1, p2, velocity, p3, cache3, p4, cache4, p5, m, v);
                return outs.map((o) => o.slice());
              },
              [
                (e) => relative(e),
                (e) => relative(e),
                ...Array.from({ length: 10 }, () => (e: ArrayLike<number>) => (i: number) => ULP_RELATIVE * Math.abs(e[i]) + 2 ** -20 * 3 * updates[i] + 1e-37),
              ],
            );
          }
        });
      });
    }

    it('Adam split across two threads equals one thread bit for bit', async () => {
      const one = createWasmBackend({ threads: 1 });
      const two = createWasmBackend({ threads: 2, parallelUpdateThreshold: 0 });
      expect(await two.startThreads()).toBe(true);
      try {
        for (const n of [1, 15, 16, 33, 1001, 40_000]) {
          const rng = new RandomGenerator(n);
          const param0 = randomArray(rng, n);
          const grads = [randomArray(rng, n), randomArray(rng, n)];
          const run = (bk: WasmBackend): Float32Array[] => {
            const [param, m, v] = [bk.allocate(n), bk.allocate(n), bk.allocate(n)];
            param.set(param0);
            grads.forEach((g, step) => bk.adamUpdate(param, g, m, v, 0.001, 0.9, 0.999, 1e-7, step + 1));
            return [param, m, v].map((a) => a.slice());
          };
          expect(run(two)).toEqual(run(one));
        }
      } finally {
        one.dispose();
        two.dispose();
      }
    });

    it.each(transposes)('products with float64 operands equal the js reference bit for bit, any size, transA=%s transB=%s', (transA, transB) => {
      const types = [Float32Array, Float64Array] as const;
      // Past the float32 path's exact limit (70×65×33) too; the largest shape is left out to keep the suite fast.
      for (const [m, n, k] of [...gemmShapes.filter(([m, n, k]) => m * n * k < 1e6), [70, 65, 33] as [number, number, number]]) {
        const rng = new RandomGenerator(m * 7 + n * 3 + k);
        const a32 = randomArray(rng, m * k);
        const b32 = randomArray(rng, k * n);
        // Float64 values that are not float32 values, so a float32 shortcut would show.
        const a64 = Float64Array.from(a32, (v) => v + 1e-12);
        const b64 = Float64Array.from(b32, (v) => v - 1e-12);
        for (const A of types) {
          for (const B of types) {
            for (const C of types) {
              if (A === Float32Array && B === Float32Array && C === Float32Array) continue;
              const a = A === Float64Array ? a64 : a32;
              const b = B === Float64Array ? b64 : b32;
              const expected = new C(m * n);
              const actual = new C(m * n).fill(Number.NaN);
              jsBackend.gemm(transA, transB, m, n, k, a, b, expected);
              backend.gemm(transA, transB, m, n, k, a, b, actual);
              expect(Array.from(actual), `${m}×${n}×${k} ${A.name}·${B.name}→${C.name}`).toEqual(Array.from(expected));
            }
          }
        }
      }
    });

    it('relu, reluBackward, addBias and sumRows on float64 arrays equal the js reference bit for bit', () => {
      const special = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-310];
      for (const [rows, cols] of matrices) {
        const rng = new RandomGenerator(rows * 13 + cols);
        const n = rows * cols;
        const x = Float64Array.from(randomArray(rng, n), (v, i) => (i < special.length ? special[i] : v + 1e-12));
        const dOut = Float64Array.from(randomArray(rng, n), (v) => v - 1e-12);
        const bias32 = randomArray(rng, cols);
        const bias64 = Float64Array.from(bias32, (v) => v + 1e-12);
        const run = (bk: Backend): number[][] => {
          const y = new Float64Array(n).fill(7);
          bk.relu(x, y);
          const dIn = new Float64Array(n).fill(7);
          bk.reluBackward(dOut, x, dIn);
          const biased32 = new Float64Array(n).fill(7);
          bk.addBias(x, bias32, rows, cols, biased32);
          const biased64 = new Float64Array(n).fill(7);
          bk.addBias(x, bias64, rows, cols, biased64);
          const sums = new Float64Array(cols).fill(7);
          bk.sumRows(dOut, rows, cols, sums);
          return [y, dIn, biased32, biased64, sums].map((a) => Array.from(a));
        };
        expect(run(backend), `${rows}×${cols}`).toEqual(run(jsBackend));
      }
    });

    it('window kernels on float64 (and mixed) arrays equal the js reference bit for bit', () => {
      for (const g of windowGeometries) {
        const sizes = windowSizes(g);
        const rng = new RandomGenerator(sizes.cols);
        const x = Float64Array.from(randomArray(rng, sizes.input), (v) => v + 1e-12);
        const dCols = Float64Array.from(randomArray(rng, sizes.cols), (v) => v - 1e-12);
        const dY = Float64Array.from(randomArray(rng, sizes.output), (v) => v + 1e-12);
        const run = (bk: Backend): number[][] => {
          const cols = new Float64Array(sizes.cols).fill(7);
          bk.im2col(x, g, cols);
          const cols32 = new Float32Array(sizes.cols).fill(7);
          bk.im2col(x, g, cols32);
          const dx = new Float64Array(sizes.input).fill(7);
          bk.col2im(dCols, g, dx);
          const y = new Float64Array(sizes.output).fill(7);
          const argmax = new Int32Array(sizes.output).fill(-1);
          bk.maxPool(x, g, y, argmax);
          const dxPool = new Float64Array(sizes.input).fill(7);
          bk.maxPoolBackward(dY, argmax, dxPool);
          const dxPool32 = new Float32Array(sizes.input).fill(7);
          bk.maxPoolBackward(dY, argmax, dxPool32);
          return [cols, cols32, dx, y, argmax, dxPool, dxPool32].map((a) => Array.from(a));
        };
        expect(run(backend), describeGeometry(g)).toEqual(run(jsBackend));
      }
    });

    it('maxPool keeps the first maximum on ties, never takes padding, and propagates the first NaN', () => {
      // One 2×2 window per channel over a 2×2 input with 'same' padding of a 3×3 pool; 5 channels (a SIMD group and a tail).
      const g = windowGeometry([1, 2, 2, 5], [3, 3], [3, 3], 'same');
      expect([g.outHeight, g.outWidth, g.padTop, g.padLeft]).toEqual([1, 1, 0, 0]);
      // x[pixel][channel]; channel 0: ties, 1: a NaN after a number, 2: −0 before +0, 3: all negative, 4: NaN first then numbers.
      const pixels = [
        [2, 1, -0, -5, Number.NaN],
        [2, Number.NaN, 0, -3, 4],
        [1, 3, 0, -4, Number.NaN],
        [2, Number.NaN, -1, -3, 9],
      ];
      const x = Float32Array.from(pixels.flat());
      const y = new Float32Array(5);
      const argmax = new Int32Array(5);
      backend.maxPool(x, g, y, argmax);
      expect(Array.from(argmax)).toEqual([0, 6, 2, 8, 4]);
      expect(Object.is(y[2], -0)).toBe(true);
      expect(Array.from(y)).toEqual([2, Number.NaN, -0, -3, Number.NaN]);
    });

    it('window kernels reject a geometry with a window outside the input, and argmax outside dx, naming the rule', () => {
      const good = windowGeometry([1, 5, 5, 2], [3, 3], [2, 2], 'same');
      const sizes = windowSizes(good);
      const x = new Float32Array(sizes.input);
      const y = new Float32Array(sizes.output);
      const argmax = new Int32Array(sizes.output);
      const padded = { ...good, padTop: 3 };
      expect(() => backend.maxPool(x, padded, y, argmax)).toThrow(ArgumentError);
      expect(() => backend.maxPool(x, padded, y, argmax)).toThrow(
        'maxPool window geometry: padTop must be less than kernelHeight (3) so the first window overlaps the input, received 3',
      );
      expect(() => backend.im2col(x, { ...good, outWidth: 4 }, new Float32Array(sizes.cols * 2))).toThrow(
        "im2col window geometry: the last window starts at 5 (outWidth 4, strideWidth 2, padLeft 1), past the input's width 5",
      );
      expect(() => backend.col2im(new Float32Array(sizes.cols), { ...good, strideHeight: 0 }, x)).toThrow(
        'col2im window geometry: strideHeight must be an integer >= 1, received 0',
      );
      const dy = new Float32Array(3).fill(1);
      expect(() => backend.maxPoolBackward(dy, Int32Array.from([0, 4, 9]), new Float32Array(9))).toThrow(ArgumentError);
      expect(() => backend.maxPoolBackward(dy, Int32Array.from([0, 4, 9]), new Float32Array(9))).toThrow(
        'maxPoolBackward: argmax[2] = 9 is outside dx (length 9)',
      );
      expect(() => backend.maxPoolBackward(dy, Int32Array.from([0, -1, 2]), new Float32Array(9))).toThrow(
        'maxPoolBackward: argmax[1] = -1 is outside dx (length 9)',
      );
    });

    it('float64 arrays give the exact results of the js reference', () => {
      const rng = new RandomGenerator(5);
      const a = Float64Array.from(randomArray(rng, 6 * 7));
      const b = Float64Array.from(randomArray(rng, 7 * 5));
      const expected = new Float64Array(30);
      const actual = new Float64Array(30);
      jsBackend.gemm(false, false, 6, 5, 7, a, b, expected);
      backend.gemm(false, false, 6, 5, 7, a, b, actual);
      expect(Array.from(actual)).toEqual(Array.from(expected));
      const y = new Float64Array(42);
      const yRef = new Float64Array(42);
      backend.tanh(a, y);
      jsBackend.tanh(a, yRef);
      expect(Array.from(y)).toEqual(Array.from(yRef));
    });

    if (variant.label.startsWith('wasm default')) {
      it.each(transposes)('small products (m·n·k ≤ 65536) equal the js reference bit for bit, transA=%s transB=%s', (transA, transB) => {
        // The spiral 2-64-3 model's products (forward, dWeights, dInputs) too: 4×4 tiles with 1–3 padded rows or columns.
        const modelShapes: [number, number, number][] = [[300, 64, 2], [300, 3, 64], [64, 3, 300], [2, 64, 300], [300, 2, 64], [300, 64, 3]];
        // A width-1 layer's products (one row or one column of C), e.g. the sine model's output layer.
        modelShapes.push([300, 1, 64], [64, 1, 300], [1, 64, 300], [1, 1, 300]);
        for (const [m, n, k] of [...gemmShapes, ...modelShapes].filter(([m, n, k]) => m * n * k <= 65536)) {
          const rng = new RandomGenerator(m + n + k);
          const a = randomArray(rng, m * k);
          const b = randomArray(rng, k * n);
          const expected = new Float32Array(m * n);
          const actual = new Float32Array(m * n).fill(Number.NaN);
          jsBackend.gemm(transA, transB, m, n, k, a, b, expected);
          backend.gemm(transA, transB, m, n, k, a, b, actual);
          expect(Array.from(actual), `${m}×${n}×${k}`).toEqual(Array.from(expected));
        }
      });
    }

    if (variant.label !== 'js') {
      it('allocate() returns zeroed views that stay valid after memory grows', () => {
        const first = backend.allocate(1000);
        expect(first.every((v) => v === 0)).toBe(true);
        first.fill(2);
        const big = backend.allocate(8 * 1024 * 1024); // 32 MiB: forces a grow
        const out = backend.allocate(1000);
        backend.scale(first, 0.5, out);
        expect(first.length).toBe(1000);
        expect(Array.from(out.subarray(0, 3))).toEqual([1, 1, 1]);
        backend.release(big);
        const again = backend.allocate(8 * 1024 * 1024);
        expect(again[12345]).toBe(0);
        for (const buffer of [first, out, again]) backend.release(buffer);
      });

      it('an output array outside wasm memory, longer than the product, keeps its values past m·n', () => {
        const c = new Float32Array(4 * 5 + 3).fill(7);
        const b = backend.allocate(6 * 5).fill(0.5);
        backend.gemm(false, false, 4, 5, 6, new Float32Array(4 * 6).fill(1), b, c);
        expect(Array.from(c.subarray(0, 3))).toEqual([3, 3, 3]);
        expect(Array.from(c.subarray(20))).toEqual([7, 7, 7]);
        backend.release(b);
      });

      it('rejects arrays too short for the shapes with a ShapeError naming the operand', () => {
        const call = (): void => backend.gemm(false, false, 4, 5, 6, new Float32Array(24), new Float32Array(30), new Float32Array(19));
        expect(call).toThrow(ShapeError);
        expect(call).toThrow('wasm gemm: C (4×5) needs at least 20 values, received length 19');
      });

      it('window kernels reject arrays too short for the geometry with a ShapeError naming the array', () => {
        const g = windowGeometry([2, 5, 4, 3], [3, 3], [1, 1], 'valid');
        const sizes = windowSizes(g);
        expect(() => backend.im2col(new Float32Array(sizes.input - 1), g, new Float32Array(sizes.cols))).toThrow(
          'wasm im2col: x [2, 5, 4, 3] needs at least 120 values, received length 119',
        );
        expect(() => backend.col2im(new Float32Array(sizes.cols - 1), g, new Float32Array(sizes.input))).toThrow(
          'wasm col2im: cols (12×27) needs at least 324 values, received length 323',
        );
        expect(() => backend.maxPool(new Float32Array(sizes.input), g, new Float32Array(sizes.output), new Int32Array(5))).toThrow(
          'wasm maxPool: argmax [2, 3, 2, 3] needs at least 36 values, received length 5',
        );
        expect(() => backend.maxPoolBackward(new Float32Array(2), new Int32Array(3), new Float32Array(9))).toThrow(ShapeError);
      });
    }
  });
}
