/**
 * MT19937, the Mersenne Twister that numpy's legacy `RandomState` runs on.
 *
 * `seed(s)` is numpy's `np.random.seed(s)` for an integer `s` in [0, 2³²):
 * the reference `init_genrand` (Knuth's multiplier 1812433253). The state is
 * 624 words plus a position, and can be read and restored exactly.
 */
export class MT19937 {
  static readonly N = 624;
  private static readonly M = 397;

  private readonly mt = new Uint32Array(MT19937.N);
  private index = MT19937.N;

  constructor(seed = 0) {
    this.seed(seed);
  }

  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`MT19937 seed must be an integer in [0, 2^32 - 1], received ${seed}`);
    }
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < MT19937.N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, modulo 2^32, without losing bits to doubles.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = MT19937.N;
  }

  /** Next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    if (this.index >= MT19937.N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits: numpy's `random_sample`. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** The key words and position; `key`, an array from an earlier call, is overwritten instead of allocating a new one. */
  getState(key: number[] = new Array<number>(MT19937.N)): { key: number[]; pos: number } {
    for (let i = 0; i < MT19937.N; i++) key[i] = this.mt[i];
    return { key, pos: this.index };
  }

  setState(state: { key: ArrayLike<number>; pos: number }): void {
    if (state.key.length !== MT19937.N || !Number.isInteger(state.pos) || state.pos < 0 || state.pos > MT19937.N) {
      throw new RangeError(`MT19937 state needs ${MT19937.N} key words and a position in [0, ${MT19937.N}]`);
    }
    this.mt.set(state.key);
    this.index = state.pos;
  }

  private twist(): void {
    const mt = this.mt;
    const N = MT19937.N;
    const M = MT19937.M;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      let next = mt[(i + M) % N] ^ (y >>> 1);
      if (y & 1) next ^= 0x9908b0df;
      mt[i] = next >>> 0;
    }
    this.index = 0;
  }
}
