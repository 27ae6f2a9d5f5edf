// Sliding-window kernels over NHWC float32 batches: im2col and its adjoint
// col2im (convolution as one GEMM), max pooling and its backward pass. They
// compute exactly what the js reference does (copies, maxes, and sums in the
// same order), bit for bit.
//
// Geometry arguments, as in the Backend's WindowGeometry: batch, height (h),
// width (w), channels (c); kernel kh×kw, strides sh, sw; padding padTop,
// padLeft; output outH×outW. The host checks that every window overlaps the
// input, so each window's clipped range [dy0, dy1)×[dx0, dx1) is non-empty.
// In NHWC, the valid part of one window row is (dx1 − dx0)·c contiguous
// floats of the input, and its slot in cols is contiguous too: the kernels
// move whole window rows, four floats at a time.

/**
 * dst[0, n) = src[0, n) (float32, no overlap), four at a time. (A short row's
 * last 1–3 floats go one by one: one more vector running past them measured
 * slower, its stores overlapping the next row's.)
 */
// @ts-ignore: decorator
@inline function copyFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + <usize>i * 4, v128.load(src + <usize>i * 4));
  for (; i < n; i++) store<f32>(dst + <usize>i * 4, load<f32>(src + <usize>i * 4));
}

/** dst[0, n) = 0 */
// @ts-ignore: decorator
@inline function zeroFloats(dst: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + <usize>i * 4, zero);
  for (; i < n; i++) store<f32>(dst + <usize>i * 4, 0);
}

/** dst[0, n) += src[0, n) */
// @ts-ignore: decorator
@inline function addFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = dst + <usize>i * 4;
    v128.store(at, f32x4.add(v128.load(at), v128.load(src + <usize>i * 4)));
  }
  for (; i < n; i++) {
    const at = dst + <usize>i * 4;
    store<f32>(at, load<f32>(at) + load<f32>(src + <usize>i * 4));
  }
}

/** cols[(b·outH + oy)·outW + ox, (dy·kw + dx)·c + ch] = x[b, oy·sh + dy − padTop, ox·sw + dx − padLeft, ch], 0 outside. */
export function im2col(
  x: usize, batch: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32,
  padTop: i32, padLeft: i32, outH: i32, outW: i32, cols: usize,
): void {
  const windowRow = kw * c;
  const rowBytes = <usize>windowRow * 4;
  const inputRowBytes = <usize>w * <usize>c * 4;
  let o = cols;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - padTop;
      // Window rows [dy0, dy1) are inside the input; the others are padding.
      const dy0 = max(0, -y0);
      const dy1 = min(kh, h - y0);
      const top = <usize>dy0 * rowBytes;
      const bottom = <usize>(kh - dy1) * rowBytes;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * sw - padLeft;
        const dx0 = max(0, -x0);
        const dx1 = min(kw, w - x0);
        const before = dx0 * c;
        const inside = (dx1 - dx0) * c;
        const after = (kw - dx1) * c;
        zeroFloats(o, dy0 * windowRow);
        o += top;
        let from = x + <usize>(((b * h + y0 + dy0) * w + x0 + dx0) * c) * 4;
        for (let dy = dy0; dy < dy1; dy++) {
          zeroFloats(o, before);
          copyFloats(o + <usize>before * 4, from, inside);
          zeroFloats(o + <usize>(before + inside) * 4, after);
          o += rowBytes;
          from += inputRowBytes;
        }
        zeroFloats(o, (kh - dy1) * windowRow);
        o += bottom;
      }
    }
  }
}

/** dx = 0, then every cols value added to the x element im2col read it from, in cols order; padding dropped. */
export function col2im(
  cols: usize, batch: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32,
  padTop: i32, padLeft: i32, outH: i32, outW: i32, dx: usize,
): void {
  memory.fill(dx, 0, <usize>batch * <usize>h * <usize>w * <usize>c * 4);
  const windowRow = kw * c;
  let o = cols;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - padTop;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * sw - padLeft;
        const dx0 = max(0, -x0);
        const dx1 = min(kw, w - x0);
        const before = dx0 * c;
        const inside = (dx1 - dx0) * c;
        for (let dy = 0; dy < kh; dy++) {
          const iy = y0 + dy;
          if (iy >= 0 && iy < h) {
            addFloats(dx + <usize>(((b * h + iy) * w + x0 + dx0) * c) * 4, o + <usize>before * 4, inside);
          }
          o += <usize>windowRow * 4;
        }
      }
    }
  }
}

/**
 * y = the max over each window per channel, argmax = indexBase + its flat
 * index into x (first on ties; the first NaN wins), four channels per f32x4
 * with their indices in an i32x4 beside them. indexBase is the index of x's
 * first value in the whole batch, for a thread that pools part of it.
 */
export function maxPool(
  x: usize, batch: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sh: i32, sw: i32,
  padTop: i32, padLeft: i32, outH: i32, outW: i32, y: usize, argmax: usize, indexBase: i32,
): void {
  const lanes = i32x4.add(i32x4(0, 1, 2, 3), i32x4.splat(indexBase));
  let o: usize = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - padTop;
      const dy0 = max(0, -y0);
      const dy1 = min(kh, h - y0);
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * sw - padLeft;
        const dx0 = max(0, -x0);
        const dx1 = min(kw, w - x0);
        const first = ((b * h + y0 + dy0) * w + x0 + dx0) * c;
        let ch = 0;
        for (; ch + 4 <= c; ch += 4) {
          // Starting from the first element and comparing it with itself changes nothing.
          let best = v128.load(x + <usize>(first + ch) * 4);
          let index = i32x4.add(i32x4.splat(first + ch), lanes);
          for (let dy = dy0; dy < dy1; dy++) {
            const row = (b * h + y0 + dy) * w + x0;
            for (let dx = dx0; dx < dx1; dx++) {
              const at = (row + dx) * c + ch;
              const v = v128.load(x + <usize>at * 4);
              // Take v unless v ≤ best or best is NaN: v > best, or v NaN after a number.
              const take = v128.andnot(f32x4.eq(best, best), f32x4.le(v, best));
              best = v128.bitselect(v, best, take);
              index = v128.bitselect(i32x4.add(i32x4.splat(at), lanes), index, take);
            }
          }
          v128.store(y + (o + <usize>ch) * 4, best);
          v128.store(argmax + (o + <usize>ch) * 4, index);
        }
        for (; ch < c; ch++) {
          let best = load<f32>(x + <usize>(first + ch) * 4);
          let index = first + ch + indexBase;
          for (let dy = dy0; dy < dy1; dy++) {
            const row = (b * h + y0 + dy) * w + x0;
            for (let dx = dx0; dx < dx1; dx++) {
              const at = (row + dx) * c + ch;
              const v = load<f32>(x + <usize>at * 4);
              if (!(v <= best) && best == best) {
                best = v;
                index = at + indexBase;
              }
            }
          }
          store<f32>(y + (o + <usize>ch) * 4, best);
          store<i32>(argmax + (o + <usize>ch) * 4, index);
        }
        o += <usize>c;
      }
    }
  }
}

/**
 * dx[0, dxLength) = 0, then dx[argmax[i]] += dy[i] for i < n in order.
 * Returns −1, or the first i whose index is outside dx (nothing is written there).
 */
export function maxPoolBackward(dy: usize, argmax: usize, n: i32, dx: usize, dxLength: i32): i32 {
  memory.fill(dx, 0, <usize>dxLength * 4);
  for (let i = 0; i < n; i++) {
    const at = load<i32>(argmax + <usize>i * 4);
    if (<u32>at >= <u32>dxLength) return i;
    const p = dx + <usize>at * 4;
    store<f32>(p, load<f32>(p) + load<f32>(dy + <usize>i * 4));
  }
  return -1;
}
