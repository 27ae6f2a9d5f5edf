/** Entries per chunk: 64 Ki, so 256 KiB (Int32) or 512 KiB (Float64) per allocation. */
const CHUNK = 1 << 16;

/**
 * An append-only array of numbers stored in fixed-size typed-array chunks:
 * growing never copies what is already stored (a doubling array briefly
 * holds 1.5× to 3× its contents), so a column read from a big CSV costs its
 * length times the element size, plus at most one chunk.
 *
 * ```ts
 * const values = new ChunkedArray(Float64Array);
 * values.push(1.5); values.get(0);   // 1.5
 * ```
 */
export class ChunkedArray<T extends Float64Array | Int32Array> {
  private readonly chunks: T[] = [];
  private last: T | undefined;
  private used = CHUNK;
  length = 0;

  constructor(private readonly Type: new (length: number) => T) {}

  push(value: number): void {
    if (this.used === CHUNK) {
      this.last = new this.Type(CHUNK);
      this.chunks.push(this.last);
      this.used = 0;
    }
    this.last![this.used++] = value;
    this.length++;
  }

  get(index: number): number {
    return this.chunks[index >>> 16][index & (CHUNK - 1)];
  }

  /** Calls `visit(value, index)` for every entry, in order. */
  forEach(visit: (value: number, index: number) => void): void {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c];
      const end = Math.min(CHUNK, this.length - c * CHUNK);
      for (let i = 0; i < end; i++) visit(chunk[i], c * CHUNK + i);
    }
  }
}
