/** The first chunk's entries; each next chunk doubles, up to MAX_CHUNK. */
const FIRST_CHUNK = 256;
/** Entries per chunk once grown: 64 Ki, so 256 KiB (Int32) or 512 KiB (Float64) per allocation. */
const MAX_CHUNK = 1 << 16;

/**
 * An append-only array of numbers stored in typed-array chunks: growing
 * never copies what is already stored (a doubling array briefly holds 1.5×
 * to 3× its contents), so a column read from a big CSV costs its length
 * times the element size, plus at most one chunk. Chunks start small and
 * double up to 64 Ki entries, so a small table stays small.
 *
 * ```ts
 * const values = new ChunkedArray(Float64Array);
 * values.push(1.5); values.forEach((v, i) => …);   // 1.5, 0
 * ```
 */
export class ChunkedArray<T extends Float64Array | Int32Array> {
  private readonly chunks: T[] = [];
  private last: T | undefined;
  private used = 0;
  length = 0;

  constructor(private readonly Type: new (length: number) => T) {}

  push(value: number): void {
    if (this.last === undefined || this.used === this.last.length) {
      this.last = new this.Type(this.last === undefined ? FIRST_CHUNK : Math.min(MAX_CHUNK, 2 * this.last.length));
      this.chunks.push(this.last);
      this.used = 0;
    }
    this.last[this.used++] = value;
    this.length++;
  }

  /** Calls `visit(value, index)` for every entry, in order. */
  forEach(visit: (value: number, index: number) => void): void {
    let index = 0;
    for (const chunk of this.chunks) {
      const end = Math.min(chunk.length, this.length - index);
      for (let i = 0; i < end; i++) visit(chunk[i], index + i);
      index += end;
    }
  }
}
