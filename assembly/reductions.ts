// Reductions over float32 data that accumulate in float64 (two f64x2 lanes
// per f32x4 load), as the Backend contract asks.

/** kind: 0 Σx, 1 Σ|x|, 2 Σx². */
export function reduce(kind: i32, x: usize, n: i32): f64 {
  let lo = f64x2.splat(0);
  let hi = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let v = v128.load(x + <usize>i * 4);
    if (kind == 1) v = f32x4.abs(v);
    let vl = f64x2.promote_low_f32x4(v);
    let vh = f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1));
    if (kind == 2) {
      vl = f64x2.mul(vl, vl);
      vh = f64x2.mul(vh, vh);
    }
    lo = f64x2.add(lo, vl);
    hi = f64x2.add(hi, vh);
  }
  const both = f64x2.add(lo, hi);
  let acc = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + <usize>i * 4);
    acc += kind == 0 ? v : kind == 1 ? Math.abs(v) : v * v;
  }
  return acc;
}

/** First index of each row's largest value, written as i32. */
export function argmaxRows(x: usize, rows: i32, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * <usize>cols * 4;
    let best = 0;
    let bestValue = load<f32>(row);
    for (let c = 1; c < cols; c++) {
      const v = load<f32>(row + <usize>c * 4);
      if (v > bestValue) { best = c; bestValue = v; }
    }
    store<i32>(out + <usize>r * 4, best);
  }
}

/** 1 when every value is finite: x − x is 0 for finite x and NaN for NaN/±Infinity. */
export function allFinite(x: usize, n: i32): i32 {
  let bad = i32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + <usize>i * 4);
    bad = v128.or(bad, f32x4.ne(f32x4.sub(v, v), f32x4.splat(0)));
  }
  if (v128.any_true(bad)) return 0;
  for (; i < n; i++) {
    const v = load<f32>(x + <usize>i * 4);
    if (v - v != 0) return 0;
  }
  return 1;
}

/** out = x > threshold ? 1 : 0 (NaN gives 0). */
export function greaterThan(x: usize, threshold: f32, out: usize, n: i32): void {
  const t = f32x4.splat(threshold);
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    v128.store(out + o, v128.and(one, f32x4.gt(v128.load(x + o), t)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(out + o, load<f32>(x + o) > threshold ? 1 : 0);
  }
}
