// Small products computed the way the js reference and numpy under
// nnfs.init() compute them: each float32 product is exact in float64, summed
// in float64 in ascending p, rounded once to float32. The results are
// bit-identical to the reference, so the book's printed numbers come out on
// the wasm backend too. Used below a size where packing for the float32
// kernel would not pay anyway, and for every product with a float64
// operand (float64 data, finite-difference checks): each operand and C may
// be float32 or float64, and the float64 products are the reference's too.
//
// Speed comes from independence, not reordering: every C value keeps its own
// sequential sum, but a 4×4 tile of C has 16 of them, so 8 f64x2 accumulators
// advance together and the adds' latency overlaps. Both operands are first
// widened to float64 and packed in panels (4 rows of op(A), 4 columns of
// op(B), interleaved by depth), so the tile loop reads two short contiguous
// streams that stay in L1, whatever the transposes; padding is zero and lands
// only in the discarded edge of a tile.

/** Bytes of scratch `gemmExact` needs for an m×n×k product (B padded to 8 columns for two-row products). */
export function gemmExactScratchBytes(m: i32, n: i32, k: i32): i32 {
  return (((m + 3) & ~3) + ((n + 7) & ~7)) * k * 8;
}

/**
 * C[m×n] = op(A)·op(B) with float64 accumulation (same sizes and layouts as
 * gemmRange). `a64`, `b64`, `c64` mark float64 arrays (else float32). A
 * nonzero `bias` (float32 C only) points at n float32 values added to every
 * row after the rounding, as a separate bias add would: the bits stay the same.
 */
export function gemmExact(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize, scratch: usize,
  a64: bool, b64: bool, c64: bool, bias: usize,
): void {
  // Element strides: op(A)[i, p] = a[i·rowA + p·stepA], op(B)[p, j] = b[p·stepB + j·colB].
  const rowA: usize = transA ? 1 : <usize>k;
  const stepA: usize = transA ? <usize>m : 1;
  const colB: usize = transB ? <usize>k : 1;
  const stepB: usize = transB ? 1 : <usize>n;
  if (m == 1 || n == 1) {
    dotProducts(m, n, k, a, rowA, stepA, b, stepB, colB, c, a64, b64, c64, bias);
    return;
  }
  const mp = (m + 3) & ~3;
  const np = (n + 3) & ~3;
  const pa = scratch;
  const pb = scratch + <usize>mp * <usize>k * 8;
  // With two rows, C goes by 2×8 tiles: B is padded to 8 columns.
  const padB = m == 2 ? (n + 7) & ~7 : np;
  if (a64) pack<f64>(m, mp, k, a, rowA, stepA, pa);
  else pack<f32>(m, mp, k, a, rowA, stepA, pa);
  if (b64) pack<f64>(n, padB, k, b, colB, stepB, pb);
  else pack<f32>(n, padB, k, b, colB, stepB, pb);
  if (m == 2) {
    twoRows(n, k, pa, pb, c, c64, bias);
    return;
  }
  for (let i = 0; i < mp; i += 4) {
    const panelA = pa + <usize>i * <usize>k * 8;
    for (let j = 0; j < np; j += 4) {
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
      let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
      let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      let ap = panelA;
      let bp = pb + <usize>j * <usize>k * 8;
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        let av = v128.load64_splat(ap);
        c00 = f64x2.add(c00, f64x2.mul(av, b0));
        c01 = f64x2.add(c01, f64x2.mul(av, b1));
        av = v128.load64_splat(ap, 8);
        c10 = f64x2.add(c10, f64x2.mul(av, b0));
        c11 = f64x2.add(c11, f64x2.mul(av, b1));
        av = v128.load64_splat(ap, 16);
        c20 = f64x2.add(c20, f64x2.mul(av, b0));
        c21 = f64x2.add(c21, f64x2.mul(av, b1));
        av = v128.load64_splat(ap, 24);
        c30 = f64x2.add(c30, f64x2.mul(av, b0));
        c31 = f64x2.add(c31, f64x2.mul(av, b1));
        ap += 32;
        bp += 32;
      }
      const rows = min(4, m - i);
      const cols = min(4, n - j);
      if (rows == 4 && cols == 4 && !c64) {
        // The common case, without storeRow's per-row tests.
        const stride = <usize>n * 4;
        const at = c + (<usize>i * <usize>n + <usize>j) * 4;
        if (bias == 0) {
          storeFloat32(at, c00, c01);
          storeFloat32(at + stride, c10, c11);
          storeFloat32(at + 2 * stride, c20, c21);
          storeFloat32(at + 3 * stride, c30, c31);
        } else {
          const b = v128.load(bias + <usize>j * 4);
          v128.store(at, f32x4.add(float32Row(c00, c01), b));
          v128.store(at + stride, f32x4.add(float32Row(c10, c11), b));
          v128.store(at + 2 * stride, f32x4.add(float32Row(c20, c21), b));
          v128.store(at + 3 * stride, f32x4.add(float32Row(c30, c31), b));
        }
        continue;
      }
      storeRow(c, c64, n, i, j, cols, c00, c01, bias);
      if (rows > 1) storeRow(c, c64, n, i + 1, j, cols, c10, c11, bias);
      if (rows > 2) storeRow(c, c64, n, i + 2, j, cols, c20, c21, bias);
      if (rows > 3) storeRow(c, c64, n, i + 3, j, cols, c30, c31, bias);
    }
  }
}

/**
 * C with two rows (Xᵀ·dY for a layer of two inputs, as on the book's 2-D
 * datasets): 2×8 tiles over two adjacent B panels, so no work goes to the
 * two padding rows a 4×4 tile would carry. Same sums in the same order.
 */
function twoRows(n: i32, k: i32, pa: usize, pb: usize, c: usize, c64: bool, bias: usize): void {
  const panelBytes = <usize>k * 32;
  for (let j = 0; j < n; j += 8) {
    let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
    let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
    let ap = pa;
    let bp = pb + <usize>j * <usize>k * 8;
    for (let p = 0; p < k; p++) {
      const a0 = v128.load64_splat(ap);
      const a1 = v128.load64_splat(ap, 8);
      const b0 = v128.load(bp);
      const b1 = v128.load(bp, 16);
      const b2 = v128.load(bp + panelBytes);
      const b3 = v128.load(bp + panelBytes, 16);
      c00 = f64x2.add(c00, f64x2.mul(a0, b0));
      c01 = f64x2.add(c01, f64x2.mul(a0, b1));
      c02 = f64x2.add(c02, f64x2.mul(a0, b2));
      c03 = f64x2.add(c03, f64x2.mul(a0, b3));
      c10 = f64x2.add(c10, f64x2.mul(a1, b0));
      c11 = f64x2.add(c11, f64x2.mul(a1, b1));
      c12 = f64x2.add(c12, f64x2.mul(a1, b2));
      c13 = f64x2.add(c13, f64x2.mul(a1, b3));
      ap += 32;
      bp += 32;
    }
    storeRow(c, c64, n, 0, j, min(4, n - j), c00, c01, bias);
    storeRow(c, c64, n, 1, j, min(4, n - j), c10, c11, bias);
    if (n > j + 4) {
      storeRow(c, c64, n, 0, j + 4, min(4, n - j - 4), c02, c03, bias);
      storeRow(c, c64, n, 1, j + 4, min(4, n - j - 4), c12, c13, bias);
    }
  }
}

/** Writes the first `cols` (1–4) of one tile row: as float64, or each rounded once to float32 (then plus the bias, if any). */
@inline
function storeRow(c: usize, c64: bool, n: i32, i: i32, j: i32, cols: i32, lo: v128, hi: v128, bias: usize): void {
  if (c64) {
    const at = c + (<usize>i * <usize>n + <usize>j) * 8;
    if (cols == 4) {
      v128.store(at, lo);
      v128.store(at, hi, 16);
      return;
    }
    store<f64>(at, f64x2.extract_lane(lo, 0));
    if (cols > 1) store<f64>(at, f64x2.extract_lane(lo, 1), 8);
    if (cols > 2) store<f64>(at, f64x2.extract_lane(hi, 0), 16);
    return;
  }
  const at = c + (<usize>i * <usize>n + <usize>j) * 4;
  if (cols == 4) {
    if (bias == 0) storeFloat32(at, lo, hi);
    else v128.store(at, f32x4.add(float32Row(lo, hi), v128.load(bias + <usize>j * 4)));
    return;
  }
  store<f32>(at, plusBias(<f32>f64x2.extract_lane(lo, 0), bias, j));
  if (cols > 1) store<f32>(at, plusBias(<f32>f64x2.extract_lane(lo, 1), bias, j + 1), 4);
  if (cols > 2) store<f32>(at, plusBias(<f32>f64x2.extract_lane(hi, 0), bias, j + 2), 8);
}

/** Four sums (two f64x2) rounded once to float32, as one f32x4. */
@inline
function float32Row(lo: v128, hi: v128): v128 {
  return i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

/** Four sums (two f64x2) rounded once to float32 and stored at `at`. */
@inline
function storeFloat32(at: usize, lo: v128, hi: v128): void {
  v128.store64_lane(at, f32x4.demote_f64x2_zero(lo), 0);
  v128.store64_lane(at, f32x4.demote_f64x2_zero(hi), 0, 8);
}

/** `v` plus bias[j] in float32, or `v` itself without a bias (adding 0 would turn −0 into +0). */
@inline
function plusBias(v: f32, bias: usize, j: i32): f32 {
  if (bias == 0) return v;
  return v + load<f32>(bias + <usize>j * 4);
}

/**
 * A product with one row or one column (a layer of width 1, such as a
 * regression output): one dot product per value of C, read in place. A 4×4
 * tile would waste 3/4 of its work on padding and pack every operand value
 * for a single use.
 */
function dotProducts(
  m: i32, n: i32, k: i32, a: usize, rowA: usize, stepA: usize, b: usize, stepB: usize, colB: usize, c: usize,
  a64: bool, b64: bool, c64: bool, bias: usize,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc: f64 = 0;
      let ia = <usize>i * rowA;
      let jb = <usize>j * colB;
      for (let p = 0; p < k; p++) {
        acc += element(a, ia, a64) * element(b, jb, b64);
        ia += stepA;
        jb += stepB;
      }
      const at = <usize>i * <usize>n + <usize>j;
      if (c64) store<f64>(c + at * 8, acc);
      else store<f32>(c + at * 4, plusBias(<f32>acc, bias, j));
    }
  }
}

/** Element `index` of a float64 (`is64`) or float32 array at `base`, as float64. */
@inline
function element(base: usize, index: usize, is64: bool): f64 {
  return is64 ? load<f64>(base + index * 8) : <f64>load<f32>(base + index * 4);
}

/**
 * Packs `lines` lines of depth k as float64 panels of 4 lines, interleaved
 * by depth: panel[p][r] = src[(l + r)·lineStride + p·pStride] for the panel
 * of lines l…l+3 (strides in elements of T, f32 or f64); lines from
 * `lines` up to `padded` (a multiple of 4) are 0. op(A)'s rows and op(B)'s columns are both such
 * lines, and for every transpose one of the strides is 1: either a panel's
 * 4 values at one depth are adjacent (copied and widened as two f64x2), or
 * each line is contiguous in depth (read two depths at a time and transposed
 * in 2×2 blocks). T is a compile-time type, so the loops carry no test of it.
 */
function pack<T>(lines: i32, padded: i32, k: i32, src: usize, lineStride: usize, pStride: usize, dst: usize): void {
  const size = <usize>sizeof<T>();
  const full = lines & ~3;
  let out = dst;
  for (let l = 0; l < full; l += 4) {
    const line0 = src + <usize>l * lineStride * size;
    if (lineStride == 1) {
      const step = pStride * size;
      let at = line0;
      for (let p = 0; p < k; p++) {
        v128.store(out, pair<T>(at));
        v128.store(out, pair<T>(at + 2 * size), 16);
        at += step;
        out += 32;
      }
    } else {
      const stride = lineStride * size;
      let at = line0;
      let p = 0;
      for (; p + 2 <= k; p += 2) {
        const v0 = pair<T>(at);
        const v1 = pair<T>(at + stride);
        const v2 = pair<T>(at + 2 * stride);
        const v3 = pair<T>(at + 3 * stride);
        v128.store(out, v128.shuffle<f64>(v0, v1, 0, 2));
        v128.store(out, v128.shuffle<f64>(v2, v3, 0, 2), 16);
        v128.store(out, v128.shuffle<f64>(v0, v1, 1, 3), 32);
        v128.store(out, v128.shuffle<f64>(v2, v3, 1, 3), 48);
        at += 2 * size;
        out += 64;
      }
      if (p < k) {
        for (let r: usize = 0; r < 4; r++) store<f64>(out + r * 8, value<T>(at + r * stride));
        out += 32;
      }
    }
  }
  for (let l = full; l < padded; l++) {
    let to = out + <usize>((l - full) >> 2) * <usize>k * 32 + <usize>(l & 3) * 8;
    if (l < lines) {
      let at = src + <usize>l * lineStride * size;
      for (let p = 0; p < k; p++) {
        store<f64>(to, value<T>(at));
        at += pStride * size;
        to += 32;
      }
    } else {
      for (let p = 0; p < k; p++) {
        store<f64>(to, 0);
        to += 32;
      }
    }
  }
}

/** Two adjacent values at `at` as an f64x2: loaded, or widened from float32. */
@inline
function pair<T>(at: usize): v128 {
  if (sizeof<T>() == 8) return v128.load(at);
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

/** The value at `at` as float64. */
@inline
function value<T>(at: usize): f64 {
  return <f64>load<T>(at);
}
