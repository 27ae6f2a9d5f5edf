// Elementwise kernels over n floats, four at a time with a scalar tail.
// Outputs may alias inputs: every lane is read before it is written.

export function addBias(x: usize, bias: usize, rows: i32, cols: i32, out: usize): void {
  const vecEnd = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * <usize>cols * 4;
    let c = 0;
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

/** Column sums, accumulated row by row so every load is sequential. */
export function sumRows(x: usize, rows: i32, cols: i32, out: usize): void {
  memory.fill(out, 0, <usize>cols * 4);
  const vecEnd = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * <usize>cols * 4;
    let c = 0;
    for (; c < vecEnd; c += 4) {
      const at = <usize>c * 4;
      v128.store(out + at, f32x4.add(v128.load(out + at), v128.load(row + at)));
    }
    for (; c < cols; c++) {
      const at = <usize>c * 4;
      store<f32>(out + at, load<f32>(out + at) + load<f32>(row + at));
    }
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

export function scale(x: usize, s: f32, out: usize, n: i32): void {
  const sv = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) { const o = <usize>i * 4; v128.store(out + o, f32x4.mul(sv, v128.load(x + o))); }
  for (; i < n; i++) { const o = <usize>i * 4; store<f32>(out + o, s * load<f32>(x + o)); }
}
