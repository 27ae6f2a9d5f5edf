import { exp64x2 } from './exp';

// Activations and their backward passes. Comparisons select with masks
// (bitselect) rather than max/min so NaN inputs behave like the js
// reference: `x > 0 ? x : 0` maps NaN to 0. Transcendentals run in float64
// and round once, as the reference does; exponentials come from exp64x2.

// The ReLU loops take 8 values per iteration: a step of 4 spends more on the
// loop (counter, bounds, V8's stack check) than on the work.

export function relu(x: usize, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i * 4;
    const v = v128.load(x + o);
    const w = v128.load(x + o, 16);
    v128.store(y + o, v128.and(v, f32x4.gt(v, zero)));
    v128.store(y + o, v128.and(w, f32x4.gt(w, zero)), 16);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const v = v128.load(x + o);
    v128.store(y + o, v128.and(v, f32x4.gt(v, zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const v = load<f32>(x + o);
    store<f32>(y + o, v > 0 ? v : 0);
  }
}

/** The book's subgradient: 0 at x = 0. */
export function reluBackward(dOut: usize, x: usize, dIn: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i * 4;
    const d = v128.load(dOut + o);
    const e = v128.load(dOut + o, 16);
    const mask = f32x4.gt(v128.load(x + o), zero);
    const mask2 = f32x4.gt(v128.load(x + o, 16), zero);
    v128.store(dIn + o, v128.and(d, mask));
    v128.store(dIn + o, v128.and(e, mask2), 16);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    v128.store(dIn + o, v128.and(v128.load(dOut + o), f32x4.gt(v128.load(x + o), zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(dIn + o, load<f32>(x + o) > 0 ? load<f32>(dOut + o) : 0);
  }
}

export function leakyRelu(x: usize, alpha: f32, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const av = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const v = v128.load(x + o);
    v128.store(y + o, v128.bitselect(v, f32x4.mul(av, v), f32x4.gt(v, zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const v = load<f32>(x + o);
    store<f32>(y + o, v > 0 ? v : alpha * v);
  }
}

export function leakyReluBackward(dOut: usize, x: usize, alpha: f32, dIn: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const av = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const d = v128.load(dOut + o);
    v128.store(dIn + o, v128.bitselect(d, f32x4.mul(av, d), f32x4.gt(v128.load(x + o), zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const d = load<f32>(dOut + o);
    store<f32>(dIn + o, load<f32>(x + o) > 0 ? d : alpha * d);
  }
}

/** y = 1 / (1 + e^−x), in float64 two values at a time, rounded once to float32. */
export function sigmoid(x: usize, y: usize, n: i32): void {
  const one = f64x2.splat(1);
  for (let i = 0; i < n; i += 2) {
    const o = <usize>i * 4;
    // An odd n's last value goes alone (lane 1 is 0 and not stored).
    const v = f64x2.promote_low_f32x4(i + 1 < n ? v128.load64_zero(x + o) : v128.load32_zero(x + o));
    const s = f32x4.demote_f64x2_zero(f64x2.div(one, f64x2.add(one, exp64x2(f64x2.neg(v)))));
    if (i + 1 < n) v128.store64_lane(y + o, s, 0);
    else v128.store32_lane(y + o, s, 0);
  }
}

/** dIn = dOut · (1 − y) · y */
export function sigmoidBackward(dOut: usize, y: usize, dIn: usize, n: i32): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const yv = v128.load(y + o);
    v128.store(dIn + o, f32x4.mul(f32x4.mul(v128.load(dOut + o), f32x4.sub(one, yv)), yv));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const yv = load<f32>(y + o);
    store<f32>(dIn + o, load<f32>(dOut + o) * (1 - yv) * yv);
  }
}

export function tanh(x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(y + o, <f32>Math.tanh(<f64>load<f32>(x + o)));
  }
}

/** dIn = dOut · (1 − y²), as (1 − y)(1 + y): for |y| near 1, y² in float32 would cancel away the digits that matter. */
export function tanhBackward(dOut: usize, y: usize, dIn: usize, n: i32): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const yv = v128.load(y + o);
    v128.store(dIn + o, f32x4.mul(v128.load(dOut + o), f32x4.mul(f32x4.sub(one, yv), f32x4.add(one, yv))));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    const yv = load<f32>(y + o);
    store<f32>(dIn + o, load<f32>(dOut + o) * ((1 - yv) * (1 + yv)));
  }
}

/**
 * Row-wise softmax; the row max is subtracted first so exp never overflows.
 * Two rows go together, one per f64x2 lane, so every exponential (exp64x2)
 * serves two values whatever the width; each lane follows the reference's
 * steps for its row: max in column order, float32 exponentials summed in
 * column order, each divided by the float64 total.
 */
export function softmax(x: usize, rows: i32, cols: i32, y: usize): void {
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r += 2) {
    const xr = x + <usize>r * rowBytes;
    const yr = y + <usize>r * rowBytes;
    // With an odd row count the last pair's second lane re-reads the first row; it is never stored.
    const next: usize = r + 1 < rows ? rowBytes : 0;
    let max = f64x2.splat(-Infinity);
    for (let c = 0; c < cols; c++) max = f64x2.pmax(max, column(xr, next, c));
    let total = f64x2.splat(0);
    for (let c = 0; c < cols; c++) {
      const e = f32x4.demote_f64x2_zero(exp64x2(f64x2.sub(column(xr, next, c), max)));
      total = f64x2.add(total, f64x2.promote_low_f32x4(e));
      putColumn(yr, next, c, e);
    }
    for (let c = 0; c < cols; c++) putColumn(yr, next, c, f32x4.demote_f64x2_zero(f64x2.div(column(yr, next, c), total)));
  }
}

/** Column c of a row and of the row `next` bytes after it, as float64 lanes 0 and 1. */
@inline
function column(row: usize, next: usize, c: i32): v128 {
  const at = row + <usize>c * 4;
  return f64x2.promote_low_f32x4(v128.load32_lane(at + next, v128.load32_zero(at), 1));
}

/** Stores float32 lanes 0 and 1 of `v` at column c of a row and of the row after it (lane 0 alone when `next` is 0). */
@inline
function putColumn(row: usize, next: usize, c: i32, v: v128): void {
  const at = row + <usize>c * 4;
  if (next != 0) v128.store32_lane(at + next, v, 1);
  v128.store32_lane(at, v, 0);
}

/** dIn = y ⊙ (dOut − ⟨dOut, y⟩) per row. */
export function softmaxBackward(dOut: usize, y: usize, rows: i32, cols: i32, dIn: usize): void {
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * <usize>cols * 4;
    let dot: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const at = o + <usize>c * 4;
      dot += <f64>load<f32>(dOut + at) * <f64>load<f32>(y + at);
    }
    for (let c = 0; c < cols; c++) {
      const at = o + <usize>c * 4;
      store<f32>(dIn + at, <f32>(<f64>load<f32>(y + at) * (<f64>load<f32>(dOut + at) - dot)));
    }
  }
}
