// e^x for two float64 lanes at once, accurate to 1 ulp of float64, so a
// result rounded to float32 matches Math.exp's except when the exact value
// lies within that ulp of a float32 rounding boundary (none of the 200 000
// values in test/backend/exponentials.test.ts does).
//
// The textbook method: write x = n·ln 2 + r with n an integer and |r| ≤ ln 2 / 2,
// so e^x = 2ⁿ · e^r. e^r comes from its Taylor series up to r¹³ (the next term
// is below 5·10⁻¹⁸ on that interval). n is rounded by adding 1.5·2⁵², which
// leaves n in the low bits of the sum; shifted into the exponent field they
// are the bits of 2ⁿ. ln 2 is split into a high part whose product with n is
// exact and a low part that carries the rest.
//
// Constants are loaded from a table rather than written inline: V8 would
// rebuild each one from an integer register at every use.

/** log2(e), ln 2 (high, low), 1.5·2⁵², the clamp bounds, then 1/13! … 1/0!. */
const TABLE = memory.data<f64>([
  1.4426950408889634, 6.93147180369123816490e-01, 1.90821492927058770002e-10, 6755399441055744.0, -708, 709,
  1.6059043836821613e-10, 2.08767569878681e-09, 2.505210838544172e-08, 2.755731922398589e-07, 2.7557319223985893e-06, 2.48015873015873e-05, 0.0001984126984126984,
  0.001388888888888889, 0.008333333333333333, 0.041666666666666664, 0.16666666666666666, 0.5, 1.0, 1.0,
]);

/** e^x in each f64x2 lane. NaN stays NaN; beyond ±708 x is clamped, so e^−∞ gives 3·10⁻³⁰⁸ and e^∞ 8·10³⁰⁷. */
@inline
export function exp64x2(x: v128): v128 {
  const magic = v128.load64_splat(TABLE, 24);
  x = f64x2.pmin(f64x2.pmax(x, v128.load64_splat(TABLE, 32)), v128.load64_splat(TABLE, 40));
  const t = f64x2.add(f64x2.mul(x, v128.load64_splat(TABLE)), magic);
  const n = f64x2.sub(t, magic);
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(n, v128.load64_splat(TABLE, 8))), f64x2.mul(n, v128.load64_splat(TABLE, 16)));
  let p = v128.load64_splat(TABLE, 48);
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 56));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 64));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 72));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 80));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 88));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 96));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 104));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 112));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 120));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 128));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 136));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 144));
  p = f64x2.add(f64x2.mul(p, r), v128.load64_splat(TABLE, 152));
  return f64x2.mul(p, i64x2.shl(i64x2.add(t, i64x2.splat(1023)), 52));
}
