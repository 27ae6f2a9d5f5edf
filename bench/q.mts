import { createWasmBackend } from '../src/backend/wasm/wasm-backend.js';
for (const simd of ['simd', 'relaxed'] as const) {
  const w = createWasmBackend({ simd, threads: 1 });
  for (const [m, n, k] of [[128, 128, 256], [512, 512, 256], [1024, 1024, 1024]]) {
    const a = w.allocate(m * k).fill(1), b = w.allocate(k * n).fill(1), c = w.allocate(m * n);
    w.gemm(false, false, m, n, k, a, b, c);
    const reps = Math.max(3, Math.round(3e9 / (2 * m * n * k)));
    const times = [];
    for (let t = 0; t < 5; t++) { const s = performance.now(); for (let r = 0; r < reps; r++) w.gemm(false, false, m, n, k, a, b, c); times.push(performance.now() - s); }
    const best = Math.min(...times) / reps;
    console.log(simd, m, n, k, (2 * m * n * k / best / 1e6).toFixed(1));
  }
}
