import { ArgumentError } from '../../errors.js';

/** Every block starts on a 64-byte boundary (a cache line; SIMD loads never split one). */
const ALIGN = 64;
const PAGE = 65536;

/** How much of the wasm memory is handed out, for tests and diagnostics. */
export interface HeapStats {
  /** Bytes in blocks allocated and not yet released (block sizes, so rounded up to 64). */
  bytesInUse: number;
  /** The memory's size: it only grows, never shrinks. */
  memoryBytes: number;
}

/**
 * A simple allocator over a WebAssembly.Memory, run from JavaScript so the
 * kernels themselves never allocate. Freed blocks go to per-size free lists
 * (a training loop asks for the same sizes every step, so reuse is exact);
 * everything else bumps the top, growing memory when needed.
 *
 * With shared memory, growing never detaches earlier views, so buffers
 * handed out stay valid. Every `ArrayBuffer` the memory has exposed is
 * remembered, which is how `owns` recognises views made before a grow.
 */
export class Heap {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private readonly free = new Map<number, number[]>();
  private readonly sizes = new Map<number, number>();
  private readonly buffers = new Set<ArrayBufferLike>();
  /**
   * Addresses of the views `block` handed out. Reading `buffer` or
   * `byteOffset` of a view on a WebAssembly memory costs V8 some 30–50 ns
   * each (the buffer can grow); a lookup here costs less than half, and a
   * kernel call asks for two to four arrays.
   */
  private readonly addresses = new WeakMap<ArrayBufferView, number>();
  private current: ArrayBufferLike;
  private bytesInUse = 0;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = Math.ceil(base / ALIGN) * ALIGN;
    this.current = memory.buffer;
    this.buffers.add(this.current);
  }

  /**
   * A block of at least `bytes` bytes; returns its byte address. `zeroed`
   * (default) clears a reused block; scratch that a kernel overwrites whole
   * skips that. (Clearing goes 8 bytes at a time: on shared memory V8 fills
   * element by element, and byte elements made it ~8× slower.)
   */
  allocate(bytes: number, zeroed = true): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const reuse = this.free.get(size);
    let address: number;
    if (reuse && reuse.length > 0) {
      address = reuse.pop() as number;
      if (zeroed) new BigInt64Array(this.buffer(), address, size / 8).fill(0n);
    } else {
      address = this.top;
      this.ensure(address + size);
      this.top = address + size;
    }
    this.sizes.set(address, size);
    this.bytesInUse += size;
    return address;
  }

  /** Returns a block from `allocate`; unknown addresses are ignored. */
  release(address: number): void {
    const size = this.sizes.get(address);
    if (size === undefined) return;
    this.sizes.delete(address);
    this.bytesInUse -= size;
    let list = this.free.get(size);
    if (!list) this.free.set(size, (list = []));
    list.push(address);
  }

  /** Bytes handed out now and the memory's size. */
  stats(): HeapStats {
    return { bytesInUse: this.bytesInUse, memoryBytes: this.memory.buffer.byteLength };
  }

  /** True when `view` lies inside this memory (made before or after any grow). */
  owns(view: ArrayBufferView): boolean {
    return this.addresses.has(view) || view.buffer === this.current || this.buffers.has(view.buffer);
  }

  /** The byte address of `view` in this memory, or −1 when it lies elsewhere. */
  addressOf(view: ArrayBufferView): number {
    const known = this.addresses.get(view);
    if (known !== undefined) return known;
    return view.buffer === this.current || this.buffers.has(view.buffer) ? view.byteOffset : -1;
  }

  /** A float32 view of `length` values at `address`, remembered so `addressOf` finds it fast. */
  block(address: number, length: number): Float32Array {
    const view = this.f32(address, length);
    this.addresses.set(view, address);
    return view;
  }

  /** The memory's buffer as of now (re-read after a grow). */
  buffer(): ArrayBufferLike {
    if (this.memory.buffer !== this.current) {
      this.current = this.memory.buffer;
      this.buffers.add(this.current);
    }
    return this.current;
  }

  f32(address: number, length: number): Float32Array {
    return new Float32Array(this.buffer(), address, length);
  }

  f64(address: number, length: number): Float64Array {
    return new Float64Array(this.buffer(), address, length);
  }

  i32(address: number, length: number): Int32Array {
    return new Int32Array(this.buffer(), address, length);
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    try {
      this.memory.grow(Math.ceil((end - have) / PAGE));
    } catch {
      throw new ArgumentError(`wasm backend: cannot grow memory to ${end} bytes (limit reached or out of memory)`);
    }
    this.buffer();
  }
}
