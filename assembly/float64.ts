// Float64 versions of the kernels a float64 model spends its elementwise
// time in (float64 data such as the book's sine_data makes every layer
// float64, as numpy does). Each computes exactly what the js reference
// computes in float64, bit for bit, two values per f64x2 and without
// branches: a branch on the sign of random data mispredicts half the time.

/** out[r, c] = x[r, c] + bias[c]; x and out float64, bias float64 (`bias64`) or float32. */
export function addBias64(x: usize, bias: usize, bias64: bool, rows: i32, cols: i32, out: usize): void {
  const pairs = cols & ~1;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * <usize>cols * 8;
    let c = 0;
    for (; c < pairs; c += 2) {
      const b = bias64 ? v128.load(bias + <usize>c * 8) : f64x2.promote_low_f32x4(v128.load64_zero(bias + <usize>c * 4));
      v128.store(out + o + <usize>c * 8, f64x2.add(v128.load(x + o + <usize>c * 8), b));
    }
    if (c < cols) {
      const b = bias64 ? load<f64>(bias + <usize>c * 8) : <f64>load<f32>(bias + <usize>c * 4);
      store<f64>(out + o + <usize>c * 8, load<f64>(x + o + <usize>c * 8) + b);
    }
  }
}

/** out[c] = Σ_r x[r, c], in ascending r, all float64. */
export function sumRows64(x: usize, rows: i32, cols: i32, out: usize): void {
  let c = 0;
  for (; c + 2 <= cols; c += 2) {
    let acc = f64x2.splat(0);
    for (let r = 0; r < rows; r++) acc = f64x2.add(acc, v128.load(x + (<usize>r * <usize>cols + <usize>c) * 8));
    v128.store(out + <usize>c * 8, acc);
  }
  if (c < cols) {
    let acc: f64 = 0;
    for (let r = 0; r < rows; r++) acc += load<f64>(x + (<usize>r * <usize>cols + <usize>c) * 8);
    store<f64>(out + <usize>c * 8, acc);
  }
}

/** y = x > 0 ? x : 0 (NaN and −0 give +0, as the reference). */
export function relu64(x: usize, y: usize, n: i32): void {
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const v = v128.load(x + <usize>i * 8);
    v128.store(y + <usize>i * 8, v128.and(v, f64x2.gt(v, zero)));
  }
  if (i < n) {
    const v = load<f64>(x + <usize>i * 8);
    store<f64>(y + <usize>i * 8, v > 0 ? v : 0);
  }
}

/** dIn = x > 0 ? dOut : 0 */
export function reluBackward64(dOut: usize, x: usize, dIn: usize, n: i32): void {
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i * 8;
    v128.store(dIn + o, v128.and(v128.load(dOut + o), f64x2.gt(v128.load(x + o), zero)));
  }
  if (i < n) {
    const o = <usize>i * 8;
    store<f64>(dIn + o, load<f64>(x + o) > 0 ? load<f64>(dOut + o) : 0);
  }
}
