// Activations and their backward passes. Comparisons select with masks
// (bitselect) rather than max/min so NaN inputs behave like the js
// reference: `x > 0 ? x : 0` maps NaN to 0. Transcendentals run in float64
// and round once, as the reference does.

export function relu(x: usize, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    const v = v128.load(x + o);
    v128.store(y + o, v128.bitselect(v, zero, f32x4.gt(v, zero)));
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

export function sigmoid(x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(y + o, <f32>(1 / (1 + Math.exp(-<f64>load<f32>(x + o)))));
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

/** Row-wise softmax; the row max is subtracted first so exp never overflows. */
export function softmax(x: usize, rows: i32, cols: i32, y: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * <usize>cols * 4;
    const yr = y + <usize>r * <usize>cols * 4;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) {
      const v = <f64>load<f32>(xr + <usize>c * 4);
      if (v > max) max = v;
    }
    let total: f64 = 0;
    for (let c = 0; c < cols; c++) {
      const e = <f32>Math.exp(<f64>load<f32>(xr + <usize>c * 4) - max);
      store<f32>(yr + <usize>c * 4, e);
      total += <f64>e;
    }
    for (let c = 0; c < cols; c++) {
      const at = yr + <usize>c * 4;
      store<f32>(at, <f32>(<f64>load<f32>(at) / total));
    }
  }
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
