import { createWasmBackend } from '../src/backend/wasm/wasm-backend.js';
import { windowGeometry } from '../src/backend/window-geometry.js';
const w = createWasmBackend({ threads: 1 });
const which = process.argv[2];
const n = Number(process.argv[3]);
const g1 = windowGeometry([128, 28, 28, 1], [3, 3], [1, 1], 'valid');
const gp = windowGeometry([128, 26, 26, 16], [2, 2], [2, 2], 'valid');
const rnd = (a: Float32Array) => { for (let i = 0; i < a.length; i++) a[i] = Math.sin(i * 12.9898) ; return a; };
const x = rnd(w.allocate(128 * 784));
const cols = w.allocate(86528 * 9);
const xp = rnd(w.allocate(128 * 26 * 26 * 16));
const yp = w.allocate(128 * 13 * 13 * 16);
const am = new Int32Array(128 * 13 * 13 * 16);
const dxp = w.allocate(128 * 26 * 26 * 16);
const ops: Record<string, () => void> = {
  im2col: () => w.im2col(x, g1, cols),
  col2im: () => w.col2im(cols, g1, x),
  maxPool: () => w.maxPool(xp, gp, yp, am),
  maxPoolBackward: () => w.maxPoolBackward(yp, am, dxp),
};
w.maxPool(xp, gp, yp, am);
for (const name of which === 'all' ? Object.keys(ops) : [which]) {
  let best = Infinity;
  for (let i = 0; i < n; i++) { const s = performance.now(); ops[name](); best = Math.min(best, performance.now() - s); }
  console.log(name, best.toFixed(3), 'ms (best)');
}
w.dispose();
