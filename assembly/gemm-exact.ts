// Small products computed the way the js reference and numpy under
// nnfs.init() compute them: each float32 product is exact in float64, summed
// in float64 in ascending p, rounded once to float32. The results are
// bit-identical to the reference, so the book's printed numbers come out on
// the wasm backend too. Used below a size where packing would not pay anyway.

/** C[m×n] = op(A)·op(B) with float64 accumulation (same sizes and layouts as gemmRange). */
export function gemmExact(transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize): void {
  // op(A)[i, p] is at a[i·rowA + p·stepA]; op(B)[p, j] at b[p·stepB + j·colB].
  const rowA = transA ? 1 : k;
  const stepA = transA ? m : 1;
  const colB = transB ? k : 1;
  const stepB = transB ? 1 : n;
  for (let i = 0; i < m; i++) {
    let j = 0;
    if (!transB) {
      // Two columns per f64x2: each lane is its own ascending-p sum.
      for (; j + 2 <= n; j += 2) {
        let acc = f64x2.splat(0);
        for (let p = 0; p < k; p++) {
          const av = f64x2.splat(<f64>load<f32>(a + <usize>(i * rowA + p * stepA) * 4));
          const bv = f64x2.promote_low_f32x4(v128.load64_zero(b + <usize>(p * n + j) * 4));
          acc = f64x2.add(acc, f64x2.mul(av, bv));
        }
        store<f32>(c + <usize>(i * n + j) * 4, <f32>f64x2.extract_lane(acc, 0));
        store<f32>(c + <usize>(i * n + j + 1) * 4, <f32>f64x2.extract_lane(acc, 1));
      }
    }
    if (transB) {
      // B is stored n×k: the two columns' values at depth p are k floats apart.
      for (; j + 2 <= n; j += 2) {
        let acc = f64x2.splat(0);
        const b0 = b + <usize>(j * k) * 4;
        const b1 = b0 + <usize>k * 4;
        for (let p = 0; p < k; p++) {
          const av = f64x2.splat(<f64>load<f32>(a + <usize>(i * rowA + p * stepA) * 4));
          const bv = f64x2.replace_lane(f64x2.splat(<f64>load<f32>(b0 + <usize>p * 4)), 1, <f64>load<f32>(b1 + <usize>p * 4));
          acc = f64x2.add(acc, f64x2.mul(av, bv));
        }
        store<f32>(c + <usize>(i * n + j) * 4, <f32>f64x2.extract_lane(acc, 0));
        store<f32>(c + <usize>(i * n + j + 1) * 4, <f32>f64x2.extract_lane(acc, 1));
      }
    }
    for (; j < n; j++) {
      let acc: f64 = 0;
      for (let p = 0; p < k; p++) {
        acc += <f64>load<f32>(a + <usize>(i * rowA + p * stepA) * 4) * <f64>load<f32>(b + <usize>(p * stepB + j * colB) * 4);
      }
      store<f32>(c + <usize>(i * n + j) * 4, <f32>acc);
    }
  }
}
