import { MT19937 } from './mt19937.js';

/** Everything needed to resume a generator exactly (JSON-serialisable). */
export interface GeneratorState {
  key: number[];
  pos: number;
  hasGauss: boolean;
  gauss: number;
}

/**
 * A seeded random generator that draws the same numbers as numpy's legacy
 * `np.random` (`RandomState`) for the draws the book uses:
 *
 * - `random()`: `np.random.random_sample()`
 * - `gauss()`: `np.random.standard_normal()`, the polar Box–Muller method,
 *   which makes two normals per accepted pair and caches the second
 * - `randn(n)`: `np.random.randn(n)` cast to float32, as under `nnfs.init()`
 * - `binomial(n, p, size)`: `np.random.binomial`, by inversion (exact to numpy
 *   whenever n·min(p, 1−p) ≤ 30, which covers every dropout mask)
 * - `permutation(n)` / `shuffle(a)`: `np.random.permutation` / `np.random.shuffle`
 *
 * Library code never calls `Math.random()`: it takes a generator, or the
 * default one that `init(seed)` seeds.
 */
export class RandomGenerator {
  private readonly mt: MT19937;
  private hasGauss = false;
  private cachedGauss = 0;

  constructor(seed = 0) {
    this.mt = new MT19937(seed);
  }

  /** Reseed, like `np.random.seed(seed)`. */
  seed(seed: number): void {
    this.mt.seed(seed);
    this.hasGauss = false;
    this.cachedGauss = 0;
  }

  /** Uniform double in [0, 1). */
  random(): number {
    return this.mt.nextDouble();
  }

  /** One standard normal draw (float64), numpy's legacy polar method. */
  gauss(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.cachedGauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.mt.nextDouble() - 1;
      x2 = 2 * this.mt.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.cachedGauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `size` standard normals cast to float32, like `randn` under `nnfs.init()`. */
  randn(size: number, out?: Float32Array): Float32Array {
    checkSize('randn', size);
    out ??= new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = this.gauss();
    return out;
  }

  /** `size` uniform draws in [low, high), as float32. */
  uniform(low: number, high: number, size: number, out?: Float32Array): Float32Array {
    checkSize('uniform', size);
    out ??= new Float32Array(size);
    if (!Number.isFinite(low) || !Number.isFinite(high) || high < low) {
      throw new RangeError(`uniform needs finite low <= high, received low=${low}, high=${high}`);
    }
    for (let i = 0; i < size; i++) out[i] = low + (high - low) * this.mt.nextDouble();
    return out;
  }

  /** `size` binomial draws with `n` trials and success probability `p`. */
  binomial(n: number, p: number, size: number, out?: Float32Array): Float32Array {
    checkSize('binomial', size);
    out ??= new Float32Array(size);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n must be a non-negative integer, received ${n}`);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1], received ${p}`);
    for (let i = 0; i < size; i++) out[i] = this.binomialOne(n, p);
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher–Yates from the end, as numpy). */
  permutation(n: number): Int32Array {
    checkSize('permutation', n);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    this.shuffle(order);
    return order;
  }

  /** Shuffle in place, drawing exactly as `np.random.shuffle` on a 1-D array. */
  shuffle<T extends { length: number; [index: number]: number }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /** Integer in [0, max], numpy's masked rejection sampling (`random_interval`). */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.mt.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /**
   * The state as plain data. `into`, a state from an earlier call, is
   * overwritten and returned instead of allocating a new one (training
   * snapshots the generator every epoch).
   */
  getState(into?: GeneratorState): GeneratorState {
    const { key, pos } = this.mt.getState(into?.key);
    if (into === undefined) return { key, pos, hasGauss: this.hasGauss, gauss: this.cachedGauss };
    into.pos = pos;
    into.hasGauss = this.hasGauss;
    into.gauss = this.cachedGauss;
    return into;
  }

  setState(state: GeneratorState): void {
    this.mt.setState(state);
    this.hasGauss = Boolean(state.hasGauss);
    this.cachedGauss = Number(state.gauss);
  }

  private binomialOne(n: number, p: number): number {
    if (p <= 0.5) return this.binomialInversion(n, p);
    return n - this.binomialInversion(n, 1 - p);
  }

  // numpy's random_binomial_inversion, without its cache (same draws).
  private binomialInversion(n: number, p: number): number {
    const q = 1 - p;
    const qn = Math.exp(n * Math.log(q));
    const np = n * p;
    const bound = Math.min(n, Math.trunc(np + 10 * Math.sqrt(np * q + 1)));
    let x = 0;
    let px = qn;
    let u = this.mt.nextDouble();
    while (u > px) {
      x++;
      if (x > bound) {
        x = 0;
        px = qn;
        u = this.mt.nextDouble();
      } else {
        u -= px;
        px = ((n - x + 1) * p * px) / (x * q);
      }
    }
    return x;
  }
}

function checkSize(what: string, size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`${what} size must be a non-negative integer, received ${size}`);
  }
}
