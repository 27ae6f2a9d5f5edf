// Elementwise kernels over n floats, four at a time with a scalar tail.
// Outputs may alias inputs: every lane is read before it is written.

export function addBias(x: usize, bias: usize, rows: i32, cols: i32, out: usize): void {
  const vecEnd = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * <usize>cols * 4;
    let c = 0;
    // Eight values per iteration while they last (the loop itself costs as much as four adds).
    for (; c + 8 <= vecEnd; c += 8) {
      const at = o + <usize>c * 4;
      const b = bias + <usize>c * 4;
      const v = f32x4.add(v128.load(x + at), v128.load(b));
      const w = f32x4.add(v128.load(x + at, 16), v128.load(b, 16));
      v128.store(out + at, v);
      v128.store(out + at, w, 16);
    }
    for (; c < vecEnd; c += 4) {
      const at = o + <usize>c * 4;
      v128.store(out + at, f32x4.add(v128.load(x + at), v128.load(bias + <usize>c * 4)));
    }
    for (; c < cols; c++) {
      const at = o + <usize>c * 4;
      store<f32>(out + at, load<f32>(x + at) + load<f32>(bias + <usize>c * 4));
    }
  }
}

/**
 * Column sums in float64, each column summed in ascending row order and
 * rounded once, exactly like the reference; four columns per pass.
 */
export function sumRows(x: usize, rows: i32, cols: i32, out: usize): void {
  let c = 0;
  // Eight columns per pass while they last: four independent sums per row
  // step instead of two, and half the passes over the rows.
  for (; c + 8 <= cols; c += 8) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let at = x + <usize>c * 4;
    for (let r = 0; r < rows; r++) {
      const v = v128.load(at);
      const w = v128.load(at, 16);
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1)));
      s2 = f64x2.add(s2, f64x2.promote_low_f32x4(w));
      s3 = f64x2.add(s3, f64x2.promote_low_f32x4(v128.shuffle<i32>(w, w, 2, 3, 0, 1)));
      at += <usize>cols * 4;
    }
    const to = out + <usize>c * 4;
    v128.store64_lane(to, f32x4.demote_f64x2_zero(s0), 0);
    v128.store64_lane(to, f32x4.demote_f64x2_zero(s1), 0, 8);
    v128.store64_lane(to, f32x4.demote_f64x2_zero(s2), 0, 16);
    v128.store64_lane(to, f32x4.demote_f64x2_zero(s3), 0, 24);
  }
  for (; c + 4 <= cols; c += 4) {
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    for (let r = 0; r < rows; r++) {
      const v = v128.load(x + (<usize>r * <usize>cols + <usize>c) * 4);
      lo = f64x2.add(lo, f64x2.promote_low_f32x4(v));
      hi = f64x2.add(hi, f64x2.promote_low_f32x4(v128.shuffle<i32>(v, v, 2, 3, 0, 1)));
    }
    const at = out + <usize>c * 4;
    store<f32>(at, <f32>f64x2.extract_lane(lo, 0));
    store<f32>(at, <f32>f64x2.extract_lane(lo, 1), 4);
    store<f32>(at, <f32>f64x2.extract_lane(hi, 0), 8);
    store<f32>(at, <f32>f64x2.extract_lane(hi, 1), 12);
  }
  for (; c < cols; c++) {
    let acc: f64 = 0;
    for (let r = 0; r < rows; r++) acc += <f64>load<f32>(x + (<usize>r * <usize>cols + <usize>c) * 4);
    store<f32>(out + <usize>c * 4, <f32>acc);
  }
}

export function fill(out: usize, n: i32, value: f32): void {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + <usize>i * 4, v);
  for (; i < n; i++) store<f32>(out + <usize>i * 4, value);
}

/** op: 0 add, 1 sub, 2 mul. */
export function binary(op: i32, a: usize, b: usize, out: usize, n: i32): void {
  let i = 0;
  if (op == 0) {
    for (; i + 4 <= n; i += 4) { const o = <usize>i * 4; v128.store(out + o, f32x4.add(v128.load(a + o), v128.load(b + o))); }
    for (; i < n; i++) { const o = <usize>i * 4; store<f32>(out + o, load<f32>(a + o) + load<f32>(b + o)); }
  } else if (op == 1) {
    for (; i + 4 <= n; i += 4) { const o = <usize>i * 4; v128.store(out + o, f32x4.sub(v128.load(a + o), v128.load(b + o))); }
    for (; i < n; i++) { const o = <usize>i * 4; store<f32>(out + o, load<f32>(a + o) - load<f32>(b + o)); }
  } else {
    for (; i + 4 <= n; i += 4) { const o = <usize>i * 4; v128.store(out + o, f32x4.mul(v128.load(a + o), v128.load(b + o))); }
    for (; i < n; i++) { const o = <usize>i * 4; store<f32>(out + o, load<f32>(a + o) * load<f32>(b + o)); }
  }
}

/** out = s·x computed in float64 and rounded once, as the reference does (s is a float64). */
export function scale(x: usize, s: f64, out: usize, n: i32): void {
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i * 4;
    const v = f64x2.mul(sv, f64x2.promote_low_f32x4(v128.load64_zero(x + o)));
    store<f32>(out + o, <f32>f64x2.extract_lane(v, 0));
    store<f32>(out + o + 4, <f32>f64x2.extract_lane(v, 1));
  }
  for (; i < n; i++) { const o = <usize>i * 4; store<f32>(out + o, <f32>(s * <f64>load<f32>(x + o))); }
}
