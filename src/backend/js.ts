import type { FloatArray, NumericArray } from '../tensor/tensor.js';
import { ArgumentError } from '../errors.js';
import type { Backend } from './backend.js';
import { checkWindowGeometry } from './window-geometry.js';

/**
 * The reference backend: plain TypeScript loops, obviously correct, always
 * available. Every other backend is tested against it. Inner products
 * accumulate in a JS number (float64) and round once on store, which is what
 * `nnfs.init()`'s float64 `np.dot` does, so the book's numbers come out.
 */
export const jsBackend: Backend = {
  name: 'js',

  allocate(length: number): Float32Array {
    return new Float32Array(length);
  },

  release(): void {},

  gemm(transA, transB, m, n, k, a, b, c, bias) {
    // Make both operands row-contiguous along k (op(A) as m×k, op(B)ᵀ as n×k), so every
    // inner product walks two contiguous rows; the copies are O(mk + nk) against O(mnk).
    const rowsA = transA ? transposeInto(a, k, m, scratchA) : a;
    const rowsB = transB ? b : transposeInto(b, k, n, scratchB);
    for (let i = 0; i < m; i++) {
      const ia = i * k;
      for (let j = 0; j < n; j++) {
        const jb = j * k;
        let acc = 0;
        for (let p = 0; p < k; p++) acc += rowsA[ia + p] * rowsB[jb + p];
        c[i * n + j] = acc;
      }
    }
    if (bias) jsBackend.addBias(c, bias, m, n, c);
  },

  addBias(x, bias, rows, cols, out) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      for (let c = 0; c < cols; c++) out[o + c] = x[o + c] + bias[c];
    }
  },

  sumRows(x, rows, cols, out) {
    for (let c = 0; c < cols; c++) {
      let acc = 0;
      for (let r = 0; r < rows; r++) acc += x[r * cols + c];
      out[c] = acc;
    }
  },

  im2col(x, g, cols) {
    checkWindowGeometry('im2col', g);
    const { channels: C, kernelHeight: kh, kernelWidth: kw } = g;
    let o = 0;
    for (let b = 0; b < g.batch; b++) {
      for (let oy = 0; oy < g.outHeight; oy++) {
        for (let ox = 0; ox < g.outWidth; ox++) {
          for (let dy = 0; dy < kh; dy++) {
            const iy = oy * g.strideHeight + dy - g.padTop;
            for (let dx = 0; dx < kw; dx++) {
              const ix = ox * g.strideWidth + dx - g.padLeft;
              const inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width;
              const at = ((b * g.height + iy) * g.width + ix) * C;
              for (let c = 0; c < C; c++) cols[o++] = inside ? x[at + c] : 0;
            }
          }
        }
      }
    }
  },

  col2im(cols, g, dx) {
    checkWindowGeometry('col2im', g);
    const { channels: C, kernelHeight: kh, kernelWidth: kw } = g;
    dx.fill(0, 0, g.batch * g.height * g.width * C);
    let o = 0;
    for (let b = 0; b < g.batch; b++) {
      for (let oy = 0; oy < g.outHeight; oy++) {
        for (let ox = 0; ox < g.outWidth; ox++) {
          for (let wy = 0; wy < kh; wy++) {
            const iy = oy * g.strideHeight + wy - g.padTop;
            for (let wx = 0; wx < kw; wx++) {
              const ix = ox * g.strideWidth + wx - g.padLeft;
              if (iy >= 0 && iy < g.height && ix >= 0 && ix < g.width) {
                const at = ((b * g.height + iy) * g.width + ix) * C;
                for (let c = 0; c < C; c++) dx[at + c] += cols[o + c];
              }
              o += C;
            }
          }
        }
      }
    }
  },

  maxPool(x, g, y, argmax) {
    checkWindowGeometry('maxPool', g);
    const C = g.channels;
    let o = 0;
    for (let b = 0; b < g.batch; b++) {
      for (let oy = 0; oy < g.outHeight; oy++) {
        for (let ox = 0; ox < g.outWidth; ox++) {
          for (let c = 0; c < C; c++) {
            let best = -1;
            let bestValue = 0;
            for (let dy = 0; dy < g.kernelHeight; dy++) {
              const iy = oy * g.strideHeight + dy - g.padTop;
              if (iy < 0 || iy >= g.height) continue;
              for (let dx = 0; dx < g.kernelWidth; dx++) {
                const ix = ox * g.strideWidth + dx - g.padLeft;
                if (ix < 0 || ix >= g.width) continue;
                const at = ((b * g.height + iy) * g.width + ix) * C + c;
                const v = x[at];
                // Strictly greater keeps the first maximum; a NaN wins once, over a number.
                if (best < 0 || v > bestValue || (v !== v && bestValue === bestValue)) {
                  best = at;
                  bestValue = v;
                }
              }
            }
            y[o] = bestValue;
            argmax[o++] = best;
          }
        }
      }
    }
  },

  maxPoolBackward(dy, argmax, dx) {
    dx.fill(0);
    for (let i = 0; i < argmax.length; i++) {
      const at = argmax[i];
      if (!(at >= 0 && at < dx.length)) throw outsideDx(i, at, dx.length);
      dx[at] += dy[i];
    }
  },

  copy(x, out) {
    if (x !== out) out.set(x);
  },

  fill(out, value) {
    out.fill(value);
  },

  add(a, b, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
  },

  sub(a, b, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
  },

  mul(a, b, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
  },

  scale(x, s, out) {
    for (let i = 0; i < out.length; i++) out[i] = s * x[i];
  },

  sum(x) {
    let acc = 0;
    for (let i = 0; i < x.length; i++) acc += x[i];
    return acc;
  },

  sumAbs(x) {
    let acc = 0;
    for (let i = 0; i < x.length; i++) acc += Math.abs(x[i]);
    return acc;
  },

  sumSquares(x) {
    let acc = 0;
    for (let i = 0; i < x.length; i++) acc += x[i] * x[i];
    return acc;
  },

  argmaxRows(x, rows, cols, out) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let best = 0;
      for (let c = 1; c < cols; c++) if (x[o + c] > x[o + best]) best = c;
      out[r] = best;
    }
  },

  allFinite(x) {
    for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
    return true;
  },

  greaterThan(x, threshold, out) {
    for (let i = 0; i < out.length; i++) out[i] = x[i] > threshold ? 1 : 0;
  },

  relu(x, y) {
    for (let i = 0; i < y.length; i++) y[i] = x[i] > 0 ? x[i] : 0;
  },

  reluBackward(dOut, x, dIn) {
    for (let i = 0; i < dIn.length; i++) dIn[i] = x[i] > 0 ? dOut[i] : 0;
  },

  leakyRelu(x, alpha, y) {
    for (let i = 0; i < y.length; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i];
  },

  leakyReluBackward(dOut, x, alpha, dIn) {
    for (let i = 0; i < dIn.length; i++) dIn[i] = x[i] > 0 ? dOut[i] : alpha * dOut[i];
  },

  sigmoid(x, y) {
    for (let i = 0; i < y.length; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
  },

  sigmoidBackward(dOut, y, dIn) {
    for (let i = 0; i < dIn.length; i++) dIn[i] = dOut[i] * (1 - y[i]) * y[i];
  },

  tanh(x, y) {
    for (let i = 0; i < y.length; i++) y[i] = Math.tanh(x[i]);
  },

  tanhBackward(dOut, y, dIn) {
    for (let i = 0; i < dIn.length; i++) dIn[i] = dOut[i] * (1 - y[i] * y[i]);
  },

  softmax(x, rows, cols, y) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let max = -Infinity;
      for (let c = 0; c < cols; c++) if (x[o + c] > max) max = x[o + c];
      let total = 0;
      for (let c = 0; c < cols; c++) {
        const e = Math.exp(x[o + c] - max);
        y[o + c] = e;
        total += y[o + c];
      }
      for (let c = 0; c < cols; c++) y[o + c] = y[o + c] / total;
    }
  },

  softmaxBackward(dOut, y, rows, cols, dIn) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += dOut[o + c] * y[o + c];
      for (let c = 0; c < cols; c++) dIn[o + c] = y[o + c] * (dOut[o + c] - dot);
    }
  },

  categoricalCrossentropy(pred, targets, sparse, rows, cols, epsilon, out) {
    const clip = (p: number): number => Math.min(Math.max(p, epsilon), 1 - epsilon);
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let confidence = 0;
      if (sparse) confidence = clip(pred[o + targets[r]]);
      else for (let c = 0; c < cols; c++) confidence += clip(pred[o + c]) * targets[o + c];
      out[r] = -Math.log(confidence);
    }
  },

  categoricalCrossentropyBackward(pred, targets, sparse, rows, cols, dIn) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      for (let c = 0; c < cols; c++) {
        const t = sparse ? (targets[r] === c ? 1 : 0) : targets[o + c];
        dIn[o + c] = -t / pred[o + c] / rows;
      }
    }
  },

  softmaxCrossentropyBackward(probs, targets, sparse, rows, cols, dIn) {
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      const label = sparse ? targets[r] : argmax(targets, o, cols);
      for (let c = 0; c < cols; c++) dIn[o + c] = ((c === label ? probs[o + c] - 1 : probs[o + c])) / rows;
    }
  },

  binaryCrossentropy(pred, targets, rows, cols, epsilon, out) {
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      for (let c = 0; c < cols; c++) {
        const p = Math.min(Math.max(pred[r * cols + c], epsilon), 1 - epsilon);
        const t = targets[r * cols + c];
        acc += -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
      }
      out[r] = acc / cols;
    }
  },

  binaryCrossentropyBackward(pred, targets, rows, cols, epsilon, dIn) {
    for (let i = 0; i < rows * cols; i++) {
      const p = Math.min(Math.max(pred[i], epsilon), 1 - epsilon);
      const t = targets[i];
      dIn[i] = -(t / p - (1 - t) / (1 - p)) / cols / rows;
    }
  },

  meanSquaredError(pred, targets, rows, cols, out) {
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      for (let c = 0; c < cols; c++) {
        const d = targets[r * cols + c] - pred[r * cols + c];
        acc += d * d;
      }
      out[r] = acc / cols;
    }
  },

  meanSquaredErrorBackward(pred, targets, rows, cols, dIn) {
    for (let i = 0; i < rows * cols; i++) dIn[i] = (-2 * (targets[i] - pred[i])) / cols / rows;
  },

  meanAbsoluteError(pred, targets, rows, cols, out) {
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      for (let c = 0; c < cols; c++) acc += Math.abs(targets[r * cols + c] - pred[r * cols + c]);
      out[r] = acc / cols;
    }
  },

  meanAbsoluteErrorBackward(pred, targets, rows, cols, dIn) {
    for (let i = 0; i < rows * cols; i++) dIn[i] = -Math.sign(targets[i] - pred[i]) / cols / rows;
  },

  addRegularizationGradient(param, l1, l2, grad) {
    for (let i = 0; i < grad.length; i++) {
      let g = grad[i];
      if (l1 > 0) g += param[i] < 0 ? -l1 : l1;
      if (l2 > 0) g += 2 * l2 * param[i];
      grad[i] = g;
    }
  },

  // The optimizer updates evaluate the book's numpy expressions operation by
  // operation. numpy runs them in the parameters' float32, rounding after every
  // operation (Python scalars become float32 first), so with float32
  // parameters each intermediate is rounded with Math.fround (exact float32
  // arithmetic, since a float64 result rounded once to float32 is the correctly
  // rounded float32 result for + − × ÷ √). float64 parameters (gradient checks)
  // compute in float64 throughout.

  sgdUpdate(param, grad, lr) {
    const f = roundingFor(param);
    const negativeLr = f(-lr);
    for (let i = 0; i < param.length; i++) param[i] = f(param[i] + f(negativeLr * grad[i]));
  },

  sgdMomentumUpdate(param, grad, velocity, lr, momentum) {
    const f = roundingFor(param);
    const mu = f(momentum);
    const eta = f(lr);
    for (let i = 0; i < param.length; i++) {
      const update = f(f(mu * velocity[i]) - f(eta * grad[i]));
      velocity[i] = update;
      param[i] = f(param[i] + update);
    }
  },

  adagradUpdate(param, grad, cache, lr, epsilon) {
    const f = roundingFor(param);
    const negativeLr = f(-lr);
    const eps = f(epsilon);
    for (let i = 0; i < param.length; i++) {
      const g = grad[i];
      const c = f(cache[i] + f(g * g));
      cache[i] = c;
      param[i] = f(param[i] + f(f(negativeLr * g) / f(f(Math.sqrt(c)) + eps)));
    }
  },

  rmspropUpdate(param, grad, cache, lr, rho, epsilon) {
    const f = roundingFor(param);
    const negativeLr = f(-lr);
    const eps = f(epsilon);
    const keep = f(rho);
    const blend = f(1 - rho);
    for (let i = 0; i < param.length; i++) {
      const g = grad[i];
      const c = f(f(keep * cache[i]) + f(blend * f(g * g)));
      cache[i] = c;
      param[i] = f(param[i] + f(f(negativeLr * g) / f(f(Math.sqrt(c)) + eps)));
    }
  },

  adamUpdate(param, grad, m, v, lr, beta1, beta2, epsilon, step) {
    const f = roundingFor(param);
    const negativeLr = f(-lr);
    const eps = f(epsilon);
    const b1 = f(beta1);
    const b2 = f(beta2);
    const blend1 = f(1 - beta1);
    const blend2 = f(1 - beta2);
    const correction1 = f(1 - beta1 ** step);
    const correction2 = f(1 - beta2 ** step);
    for (let i = 0; i < param.length; i++) {
      const g = grad[i];
      const mi = f(f(b1 * m[i]) + f(blend1 * g));
      const vi = f(f(b2 * v[i]) + f(blend2 * f(g * g)));
      m[i] = mi;
      v[i] = vi;
      const mHat = f(mi / correction1);
      const vHat = f(vi / correction2);
      param[i] = f(param[i] + f(f(negativeLr * mHat) / f(f(Math.sqrt(vHat)) + eps)));
    }
  },
};

/** The error of an argmax index outside dx, the same on every backend. */
export function outsideDx(i: number, at: number, length: number): ArgumentError {
  return new ArgumentError(`maxPoolBackward: argmax[${i}] = ${at} is outside dx (length ${length})`);
}

/** Grow-only scratch space for gemm's transposed copies (kept in float64: exact for float32 and float64 inputs). */
const scratchA = { buffer: new Float64Array(0) };
const scratchB = { buffer: new Float64Array(0) };

/** Writes the transpose of `source` (rows × cols) into scratch and returns it (cols × rows). */
function transposeInto(source: FloatArray, rows: number, cols: number, scratch: { buffer: Float64Array }): Float64Array {
  if (scratch.buffer.length < rows * cols) scratch.buffer = new Float64Array(rows * cols);
  const out = scratch.buffer;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = source[r * cols + c];
  return out;
}

const exact = (x: number): number => x;

/** Math.fround for float32 storage (numpy's float32 arithmetic), identity for float64. */
function roundingFor(param: FloatArray): (x: number) => number {
  return param instanceof Float32Array ? Math.fround : exact;
}

function argmax(values: NumericArray, offset: number, length: number): number {
  let best = 0;
  for (let c = 1; c < length; c++) if (values[offset + c] > values[offset + best]) best = c;
  return best;
}

