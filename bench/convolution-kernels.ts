// The kernels one W4 training step runs for its convolution and pooling
// layers, each timed alone on the wasm backend (1 and 2 threads):
// W4 = Conv2D(1,16,3) ReLU MaxPool2D(2) Conv2D(16,32,3) ReLU MaxPool2D(2)
//      Flatten Dense(800,128) ReLU Dense(128,10), batch 128, 28×28×1 input.
// Per conv layer: im2col, the forward product cols·W + b (NN), dW = colsᵀ·dY
// (TN), dCols = dY·Wᵀ (NT) and col2im; per pool layer: maxPool and
// maxPoolBackward; Dense(800→128)'s forward product for comparison.
// Medians (and the best) of interleaved rounds, as a table. Not a test: nothing here asserts a time.
//
//   npx tsx bench/convolution-kernels.ts [--rounds=N]
import type { WindowGeometry } from '../src/backend/backend.js';
import { createWasmBackend, type WasmBackend } from '../src/backend/wasm/wasm-backend.js';
import { windowGeometry } from '../src/backend/window-geometry.js';

const BATCH = 128;
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 7);
/** Each timed measurement loops a kernel for at least this long. */
const MINIMUM_SECONDS = 0.05;

interface Operation {
  name: string;
  /** Floating-point operations of one call (products only). */
  flops?: number;
  run(): void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function fillRandom(out: Float32Array, seed: number): Float32Array {
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

/** The operations of W4's conv and pool layers on `backend`, on buffers it allocated. */
function operations(backend: WasmBackend): Operation[] {
  const buffer = (n: number, seed = n): Float32Array => fillRandom(backend.allocate(n), seed);
  const ops: Operation[] = [];
  const conv = (label: string, g: WindowGeometry, filters: number): void => {
    const rows = g.batch * g.outHeight * g.outWidth;
    const depth = g.kernelHeight * g.kernelWidth * g.channels;
    const x = buffer(g.batch * g.height * g.width * g.channels);
    const cols = buffer(rows * depth);
    const weights = buffer(depth * filters);
    const biases = buffer(filters);
    const y = buffer(rows * filters);
    const dY = buffer(rows * filters, 7);
    const dWeights = buffer(depth * filters);
    const dCols = buffer(rows * depth);
    const dX = buffer(x.length);
    const flops = 2 * rows * depth * filters;
    ops.push(
      { name: `${label} im2col [${rows}, ${depth}]`, run: () => backend.im2col(x, g, cols) },
      { name: `${label} forward NN ${rows}×${filters}×${depth} + bias`, flops, run: () => backend.gemm(false, false, rows, filters, depth, cols, weights, y, biases) },
      { name: `${label} dW TN ${depth}×${filters}×${rows}`, flops, run: () => backend.gemm(true, false, depth, filters, rows, cols, dY, dWeights) },
      { name: `${label} dCols NT ${rows}×${depth}×${filters}`, flops, run: () => backend.gemm(false, true, rows, depth, filters, dY, weights, dCols) },
      { name: `${label} col2im`, run: () => backend.col2im(dCols, g, dX) },
    );
  };
  const pool = (label: string, g: WindowGeometry): void => {
    const x = buffer(g.batch * g.height * g.width * g.channels);
    const outputs = g.batch * g.outHeight * g.outWidth * g.channels;
    const y = buffer(outputs);
    // Indices in the backend's memory (an int32 view of an allocated block), as a layer keeps them, so nothing is staged.
    const indices = backend.allocate(outputs);
    const argmax = new Int32Array(indices.buffer, indices.byteOffset, outputs);
    const dY = buffer(outputs, 3);
    const dX = buffer(x.length);
    backend.maxPool(x, g, y, argmax);
    ops.push(
      { name: `${label} maxPool → [${g.batch}, ${g.outHeight}, ${g.outWidth}, ${g.channels}]`, run: () => backend.maxPool(x, g, y, argmax) },
      { name: `${label} maxPoolBackward`, run: () => backend.maxPoolBackward(dY, argmax, dX) },
    );
  };
  conv('conv1', windowGeometry([BATCH, 28, 28, 1], [3, 3], [1, 1], 'valid'), 16);
  pool('pool1', windowGeometry([BATCH, 26, 26, 16], [2, 2], [2, 2], 'valid'));
  conv('conv2', windowGeometry([BATCH, 13, 13, 16], [3, 3], [1, 1], 'valid'), 32);
  pool('pool2', windowGeometry([BATCH, 11, 11, 32], [2, 2], [2, 2], 'valid'));
  const input = buffer(BATCH * 800);
  const weights = buffer(800 * 128);
  const out = buffer(BATCH * 128);
  ops.push({ name: `dense1 forward NN ${BATCH}×128×800 (comparison)`, flops: 2 * BATCH * 128 * 800, run: () => backend.gemm(false, false, BATCH, 128, 800, input, weights, out) });
  return ops;
}

/** Seconds per call of `op`, looping it for at least MINIMUM_SECONDS. */
function secondsPerCall(op: Operation): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    op.run();
    calls++;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < MINIMUM_SECONDS);
  return elapsed / calls;
}

const configurations: [string, WasmBackend][] = [
  ['1 thread', createWasmBackend({ threads: 1 })],
  ['2 threads', createWasmBackend({ threads: 2 })],
];
for (const [, backend] of configurations) await backend.startThreads();
const suites = configurations.map(([label, backend]) => ({ label, backend, ops: operations(backend) }));
const times = suites.map((s) => s.ops.map(() => [] as number[]));
for (const suite of suites) for (const op of suite.ops) op.run(); // warm-up
for (let round = 0; round < rounds; round++) {
  suites.forEach((suite, si) => suite.ops.forEach((op, oi) => times[si][oi].push(secondsPerCall(op))));
}

// Medians, and the best round: the machine may be shared, and the best round shows what the kernel can do.
const header = ['kernel', ...suites.flatMap((s) => [`ms (${s.label})`, `GFLOP/s (${s.label})`, `best ms (${s.label})`])];
const rows = suites[0].ops.map((op, oi) => [
  op.name,
  ...suites.flatMap((_, si) => {
    const seconds = median(times[si][oi]);
    return [(seconds * 1000).toFixed(3), op.flops ? (op.flops / seconds / 1e9).toFixed(1) : '', (Math.min(...times[si][oi]) * 1000).toFixed(3)];
  }),
]);
const totals = suites.map((_, si) => suites[si].ops.slice(0, -1).reduce((sum, __, oi) => sum + median(times[si][oi]), 0));
rows.push(['total (conv and pool layers)', ...totals.flatMap((t) => [(t * 1000).toFixed(3), '', ''])]);
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (cells: string[]): string => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
console.log(`W4 conv/pool kernels, wasm ${suites[0].backend.simd} SIMD, batch ${BATCH}: median of ${rounds} interleaved rounds`);
console.log(line(header));
console.log(`| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
for (const [, backend] of configurations) backend.dispose();
