// GEMM: C[m×n] = op(A)·op(B), computed block by block with packed panels and
// one register-blocked 4×8 micro-kernel (GotoBLAS layout).
//
// Glossary: m, n, k are the product's sizes; op(A) is m×k, op(B) is k×n;
// a transposed A is stored k×m, a transposed B is stored n×k. Pointers are
// byte addresses in linear memory.
//
// Why this shape: 4 rows × 8 columns keeps 8 accumulators + 2 B vectors + 1
// broadcast A value = 11 live f32x4 registers; with more than ~14 live
// vectors V8 spills to the stack and the kernel gets slower. Packing copies
// a kc×8 strip of op(B) and a 4×kc strip of op(A) into contiguous, zero-padded
// panels, so the inner loop reads both with unit stride whatever the
// transposes were, and edge tiles need no special case in the inner loop.

/** Rows of the micro-tile. */
const MR: i32 = 4;
/** Columns of the micro-tile (two f32x4 vectors). */
const NR: i32 = 8;
/** Depth of one packed block: a kc×8 B panel (8 KiB) stays in L1. */
export const KC: i32 = 256;
/** Rows of op(A) packed at once: the mc×kc A block (128 KiB) stays in L2. */
export const MC: i32 = 128;
/** Columns of op(B) packed at once (1 MiB of packed B at KC = 256). */
export const NC: i32 = 1024;

/** Floats a thread's pack buffer needs: packed B block + packed A block + a 4×8 tile. */
export function packFloats(): i32 {
  return KC * NC + MC * KC + MR * NR;
}

@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    return f32x4.relaxed_madd(a, b, c);
  } else {
    return f32x4.add(f32x4.mul(a, b), c);
  }
}

// Transposes the 4×4 block of floats at src (rows srcStride bytes apart):
// its column q goes to out + q·outStride. Packing reads four rows of an
// operand 16 bytes at a time this way instead of value by value.
@inline
function transpose4x4(src: usize, srcStride: usize, out: usize, outStride: usize): void {
  const r0 = v128.load(src);
  const r1 = v128.load(src + srcStride);
  const r2 = v128.load(src + 2 * srcStride);
  const r3 = v128.load(src + 3 * srcStride);
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(out, i32x4.shuffle(t0, t1, 0, 1, 4, 5));
  v128.store(out + outStride, i32x4.shuffle(t0, t1, 2, 3, 6, 7));
  v128.store(out + 2 * outStride, i32x4.shuffle(t2, t3, 0, 1, 4, 5));
  v128.store(out + 3 * outStride, i32x4.shuffle(t2, t3, 2, 3, 6, 7));
}

// Packs op(B)[p0 : p0+kc, j0 : j0+nc] as ceil(nc/8) panels of kc×8, zero-padded.
function packB(transB: bool, n: i32, k: i32, b: usize, p0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const panel = dst + <usize>(jp * kc) * 4;
    const j = j0 + jp;
    if (!transB) {
      // Row p of op(B) is contiguous: copy 8 floats per p.
      if (cols == NR) {
        for (let p = 0; p < kc; p++) {
          const src = b + (<usize>(p0 + p) * <usize>n + <usize>j) * 4;
          const out = panel + <usize>(p * NR) * 4;
          v128.store(out, v128.load(src));
          v128.store(out, v128.load(src, 16), 16);
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const src = b + (<usize>(p0 + p) * <usize>n + <usize>j) * 4;
          const out = panel + <usize>(p * NR) * 4;
          for (let jj = 0; jj < NR; jj++) store<f32>(out + <usize>jj * 4, jj < cols ? load<f32>(src + <usize>jj * 4) : 0);
        }
      }
    } else {
      // B is stored n×k: column j of op(B) is row j of B, contiguous over p.
      let p = 0;
      if (cols == NR) {
        // Eight rows of B, four depths at a time: two 4×4 transposes fill 4 rows of the panel.
        const row = b + (<usize>j * <usize>k + <usize>p0) * 4;
        const stride = <usize>k * 4;
        for (; p + 4 <= kc; p += 4) {
          const src = row + <usize>p * 4;
          const out = panel + <usize>(p * NR) * 4;
          transpose4x4(src, stride, out, NR * 4);
          transpose4x4(src + 4 * stride, stride, out + 16, NR * 4);
        }
      }
      for (let jj = 0; jj < NR; jj++) {
        const out = panel + <usize>jj * 4;
        if (jj < cols) {
          const src = b + (<usize>(j + jj) * <usize>k + <usize>p0) * 4;
          for (let q = p; q < kc; q++) store<f32>(out + <usize>(q * NR) * 4, load<f32>(src + <usize>q * 4));
        } else {
          for (let q = p; q < kc; q++) store<f32>(out + <usize>(q * NR) * 4, 0);
        }
      }
    }
  }
}

// Packs op(A)[i0 : i0+mc, p0 : p0+kc] as ceil(mc/4) panels of kc×4, zero-padded.
function packA(transA: bool, m: i32, k: i32, a: usize, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const rows = min(MR, mc - ip);
    const panel = dst + <usize>(ip * kc) * 4;
    const i = i0 + ip;
    if (transA) {
      // A is stored k×m: the 4 values of op(A) at depth p are contiguous.
      if (rows == MR) {
        for (let p = 0; p < kc; p++) {
          v128.store(panel + <usize>(p * MR) * 4, v128.load(a + (<usize>(p0 + p) * <usize>m + <usize>i) * 4));
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const src = a + (<usize>(p0 + p) * <usize>m + <usize>i) * 4;
          const out = panel + <usize>(p * MR) * 4;
          for (let ii = 0; ii < MR; ii++) store<f32>(out + <usize>ii * 4, ii < rows ? load<f32>(src + <usize>ii * 4) : 0);
        }
      }
    } else {
      // Row i of op(A) is contiguous over p.
      let p = 0;
      if (rows == MR) {
        // Four rows, four depths at a time: one 4×4 transpose fills 4 rows of the panel.
        const src = a + (<usize>i * <usize>k + <usize>p0) * 4;
        const stride = <usize>k * 4;
        for (; p + 4 <= kc; p += 4) {
          transpose4x4(src + <usize>p * 4, stride, panel + <usize>(p * MR) * 4, MR * 4);
        }
      }
      for (let ii = 0; ii < MR; ii++) {
        const out = panel + <usize>ii * 4;
        if (ii < rows) {
          const src = a + (<usize>(i + ii) * <usize>k + <usize>p0) * 4;
          for (let q = p; q < kc; q++) store<f32>(out + <usize>(q * MR) * 4, load<f32>(src + <usize>q * 4));
        } else {
          for (let q = p; q < kc; q++) store<f32>(out + <usize>(q * MR) * 4, 0);
        }
      }
    }
  }
}

// The micro-kernel: a 4×8 tile of C (row stride n floats) from a kc×4 A panel
// and a kc×8 B panel. `accumulate` adds to C (later k blocks); `rows`/`cols`
// < 4/8 mark an edge tile, written through `tile` so nothing outside C is touched.
function micro(kc: i32, ap: usize, bp: usize, c: usize, n: i32, accumulate: bool, rows: i32, cols: i32, tile: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let av = v128.load32_splat(ap);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(ap, 4);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(ap, 8);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(ap, 12);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    ap += 16;
    bp += 32;
  }
  const stride = <usize>n * 4;
  if (rows == MR && cols == NR) {
    const r1 = c + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    if (accumulate) {
      c00 = f32x4.add(c00, v128.load(c));
      c01 = f32x4.add(c01, v128.load(c, 16));
      c10 = f32x4.add(c10, v128.load(r1));
      c11 = f32x4.add(c11, v128.load(r1, 16));
      c20 = f32x4.add(c20, v128.load(r2));
      c21 = f32x4.add(c21, v128.load(r2, 16));
      c30 = f32x4.add(c30, v128.load(r3));
      c31 = f32x4.add(c31, v128.load(r3, 16));
    }
    v128.store(c, c00);
    v128.store(c, c01, 16);
    v128.store(r1, c10);
    v128.store(r1, c11, 16);
    v128.store(r2, c20);
    v128.store(r2, c21, 16);
    v128.store(r3, c30);
    v128.store(r3, c31, 16);
    return;
  }
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
  for (let i = 0; i < rows; i++) {
    const row = c + <usize>i * stride;
    for (let j = 0; j < cols; j++) {
      const v = load<f32>(tile + <usize>(i * NR + j) * 4);
      const at = row + <usize>j * 4;
      store<f32>(at, accumulate ? load<f32>(at) + v : v);
    }
  }
}

/**
 * C[i0:i1, j0:j1] of C = op(A)·op(B) (C is m×n, row-major). Each thread calls
 * this on its own part of C with its own pack buffer of `packFloats()` floats.
 * With k = 0 the part is zero-filled.
 */
export function gemmRange(
  transA: bool, transB: bool, m: i32, n: i32, k: i32,
  a: usize, b: usize, c: usize, pack: usize,
  i0: i32, i1: i32, j0: i32, j1: i32,
): void {
  if (i1 <= i0 || j1 <= j0) return;
  if (k == 0) {
    for (let i = i0; i < i1; i++) memory.fill(c + (<usize>i * <usize>n + <usize>j0) * 4, 0, <usize>(j1 - j0) * 4);
    return;
  }
  const packedB = pack;
  const packedA = pack + <usize>(KC * NC) * 4;
  const tile = packedA + <usize>(MC * KC) * 4;
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(transB, n, k, b, pc, kc, jc, nc, packedB);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic);
        packA(transA, m, k, a, ic, mc, pc, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bp = packedB + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            const cp = c + (<usize>(ic + ir) * <usize>n + <usize>(jc + jr)) * 4;
            micro(kc, packedA + <usize>(ir * kc) * 4, bp, cp, n, pc > 0, rows, cols, tile);
          }
        }
      }
    }
  }
}
