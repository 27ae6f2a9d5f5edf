import { ArgumentError, ShapeError } from '../../errors.js';
import type { FloatArray, NumericArray } from '../../tensor/tensor.js';
import type { Backend, WindowGeometry } from '../backend.js';
import { jsBackend, outsideDx } from '../js.js';
import { checkWindowGeometry } from '../window-geometry.js';
import { Heap, type HeapStats } from './heap.js';
import { CONTROL_BYTES, HelperThread, helperThreadsAvailable } from './helper-thread.js';
import { createMemory, loadKernelModule, sharedMemoryAvailable, simdLevelAvailable, type SimdLevel } from './modules.js';

/** Options of `createWasmBackend`. */
export interface WasmBackendOptions {
  /** `'relaxed'` (fused multiply-add) where the engine has relaxed SIMD, else `'simd'`. Default: the best available. */
  simd?: SimdLevel;
  /** 1 or 2 threads for large matrix products. Default: 2 where shared memory and workers exist, else 1. */
  threads?: 1 | 2;
  /**
   * Smallest product (2·m·n·k floating-point operations) split across two
   * threads. Below it the hand-off and the duplicated packing cost more than
   * the second core saves. Default 4e6 (a 128×128×128 product): the helper
   * polls between jobs, so a hand-off costs ~1 µs and halves of ~60 µs
   * already gain (see docs/performance.md).
   */
  parallelThreshold?: number;
  /**
   * Smallest Adam update (parameters in one buffer) split across two threads.
   * Default 32768: an update costs ~2 ns a value on one thread, so halves of
   * that size save ~30 µs against a hand-off of ~1 µs (or ~55 µs when the
   * helper had fallen asleep).
   */
  parallelUpdateThreshold?: number;
  /**
   * Smallest im2col, col2im or maxPool (values of the larger array it reads
   * or writes) whose batch is split across two threads, one half each.
   * Default 65536: these kernels move ~1–4 ns a value, so halves of that size
   * save far more than a hand-off costs.
   */
  parallelWindowThreshold?: number;
  /**
   * Use shared memory (default: wherever it exists). Without it — a browser
   * page that is not cross-origin isolated — the backend runs one thread and
   * `allocate` returns ordinary arrays that every call stages through wasm memory.
   */
  sharedMemory?: boolean;
  /**
   * Products with at most this many multiply-adds (m·n·k) accumulate in
   * float64, bit-identical to the js reference and to the book's numbers;
   * larger ones take the packed float32 kernel. Default 65536.
   */
  exactMultiplyAdds?: number;
}

/** The wasm backend plus what tests and benchmarks need to see and control. */
export interface WasmBackend extends Backend {
  readonly simd: SimdLevel;
  /** Threads requested (1 or 2); the second starts lazily on the first large product. */
  readonly threads: number;
  /** Whether `allocate` returns views into wasm memory (true with shared memory). */
  readonly sharedMemory: boolean;
  /** Bytes of wasm memory handed out and the memory's size: flat when models are disposed. */
  heapStats(): HeapStats;
  /** Starts the helper thread now and resolves when it runs (true) or cannot (false). */
  startThreads(): Promise<boolean>;
  /** Stops the helper thread. */
  dispose(): void;
}

/** Kernel exports of assembly/index.ts. Pointers are byte addresses; booleans are 0/1. */
interface Kernels {
  heapBase(): number;
  packFloats(): number;
  gemmRange(tA: number, tB: number, m: number, n: number, k: number, a: number, b: number, c: number, pack: number, i0: number, i1: number, j0: number, j1: number): void;
  gemmExact(tA: number, tB: number, m: number, n: number, k: number, a: number, b: number, c: number, scratch: number, a64: number, b64: number, c64: number, bias: number): void;
  gemmExactScratchBytes(m: number, n: number, k: number): number;
  addBias(x: number, bias: number, rows: number, cols: number, out: number): void;
  addBias64(x: number, bias: number, bias64: number, rows: number, cols: number, out: number): void;
  sumRows64(x: number, rows: number, cols: number, out: number): void;
  relu64(x: number, y: number, n: number): void;
  reluBackward64(dOut: number, x: number, dIn: number, n: number): void;
  sumRows(x: number, rows: number, cols: number, out: number): void;
  fill(out: number, n: number, value: number): void;
  binary(op: number, a: number, b: number, out: number, n: number): void;
  scale(x: number, s: number, out: number, n: number): void;
  reduce(kind: number, x: number, n: number): number;
  argmaxRows(x: number, rows: number, cols: number, out: number): void;
  allFinite(x: number, n: number): number;
  greaterThan(x: number, threshold: number, out: number, n: number): void;
  relu(x: number, y: number, n: number): void;
  reluBackward(dOut: number, x: number, dIn: number, n: number): void;
  leakyRelu(x: number, alpha: number, y: number, n: number): void;
  leakyReluBackward(dOut: number, x: number, alpha: number, dIn: number, n: number): void;
  sigmoid(x: number, y: number, n: number): void;
  sigmoidBackward(dOut: number, y: number, dIn: number, n: number): void;
  tanh(x: number, y: number, n: number): void;
  tanhBackward(dOut: number, y: number, dIn: number, n: number): void;
  softmax(x: number, rows: number, cols: number, y: number): void;
  softmaxBackward(dOut: number, y: number, rows: number, cols: number, dIn: number): void;
  categoricalCrossentropy(pred: number, targets: number, sparse: number, rows: number, cols: number, epsilon: number, out: number): void;
  categoricalCrossentropyBackward(pred: number, targets: number, sparse: number, rows: number, cols: number, dIn: number): void;
  softmaxCrossentropyBackward(probs: number, targets: number, sparse: number, rows: number, cols: number, dIn: number): void;
  binaryCrossentropy(pred: number, targets: number, rows: number, cols: number, epsilon: number, out: number): void;
  binaryCrossentropyBackward(pred: number, targets: number, rows: number, cols: number, epsilon: number, dIn: number): void;
  meanError(kind: number, pred: number, targets: number, rows: number, cols: number, out: number): void;
  meanErrorBackward(kind: number, pred: number, targets: number, rows: number, cols: number, dIn: number): void;
  im2col(...args: [x: number, ...geometry: WindowArguments, cols: number]): void;
  col2im(...args: [cols: number, ...geometry: WindowArguments, dx: number]): void;
  maxPool(...args: [x: number, ...geometry: WindowArguments, y: number, argmax: number, indexBase: number]): void;
  maxPoolBackward(dy: number, argmax: number, n: number, dx: number, dxLength: number): number;
  addRegularizationGradient(param: number, l1: number, l2: number, grad: number, n: number): void;
  sgdUpdate(param: number, grad: number, lr: number, n: number): void;
  sgdMomentumUpdate(param: number, grad: number, velocity: number, lr: number, momentum: number, n: number): void;
  adaptiveUpdate(param: number, grad: number, cache: number, lr: number, decay: number, gain: number, epsilon: number, n: number): void;
  adamUpdate(param: number, grad: number, m: number, v: number, lr: number, beta1: number, gamma1: number, beta2: number, gamma2: number, epsilon: number, c1: number, c2: number, n: number): void;
}

/** A WindowGeometry as the window kernels take it: batch, height, width, channels, kernel, strides, padding, output size. */
type WindowArguments = [number, number, number, number, number, number, number, number, number, number, number, number];

/** How a kernel uses an array: read, written whole, or read then written. */
const enum Use {
  Read,
  Write,
  ReadWrite,
}

/** An array a kernel can read or write in wasm memory. */
type Stageable = Float32Array | Float64Array | Int32Array;

/** A foreign (not in wasm memory) array staged through scratch memory for one call. */
interface Staged {
  array: Stageable;
  address: number;
  writeBack: boolean;
}

/**
 * Default size (m·n·k) up to which products accumulate in float64 like the
 * reference, bit for bit: the book's examples (300×2·2×3 …) and small models
 * such as the 2-64-3 spiral print the book's numbers on wasm too.
 */
const EXACT_MULTIPLY_ADDS = 1 << 16;
/** The exact kernel's scratch is kept between calls up to this size (the default limit's worst case). */
const KEEP_EXACT_SCRATCH_BYTES = 4 << 20;
const BINARY_ADD = 0;
const BINARY_SUB = 1;
const BINARY_MUL = 2;
const REDUCE_SUM = 0;
const REDUCE_ABS = 1;
const REDUCE_SQUARES = 2;
const MEAN_SQUARED = 0;
const MEAN_ABSOLUTE = 1;

function hasFloat64(...arrays: (NumericArray | FloatArray)[]): boolean {
  for (const a of arrays) if (a instanceof Float64Array) return true;
  return false;
}

/** `name` may be a function so that a name built from sizes costs nothing unless the check fails. */
/** True when every array is float64: the kernels with a float64 twin in wasm take those. */
function allFloat64(...arrays: FloatArray[]): boolean {
  for (const a of arrays) if (!(a instanceof Float64Array)) return false;
  return true;
}

/** Values per batch item: of the NHWC input, of im2col's rows (one per output position), of the pooled output. */
const inputItem = (g: WindowGeometry): number => g.height * g.width * g.channels;
const colsItem = (g: WindowGeometry): number => g.outHeight * g.outWidth * g.kernelHeight * g.kernelWidth * g.channels;
const outputItem = (g: WindowGeometry): number => g.outHeight * g.outWidth * g.channels;
const inputShape = (g: WindowGeometry): string => `[${g.batch}, ${g.height}, ${g.width}, ${g.channels}]`;
const colsShape = (g: WindowGeometry): string => `(${g.batch * g.outHeight * g.outWidth}×${g.kernelHeight * g.kernelWidth * g.channels})`;
const outputShape = (g: WindowGeometry): string => `[${g.batch}, ${g.outHeight}, ${g.outWidth}, ${g.channels}]`;

/** Checks a window kernel's geometry and that its NHWC input (or dInput) and its other array are long enough. */
function checkWindow(kernel: string, g: WindowGeometry, inputName: string, input: FloatArray, otherName: string, other: FloatArray | Int32Array, otherItem: number, otherShape: (g: WindowGeometry) => string): void {
  checkWindowGeometry(kernel, g);
  checkLength(kernel, () => `${inputName} ${inputShape(g)}`, input, g.batch * inputItem(g));
  checkLength(kernel, () => `${otherName} ${otherShape(g)}`, other, g.batch * otherItem);
}

function checkLength(kernel: string, name: string | (() => string), array: { length: number }, needed: number): void {
  if (array.length < needed) {
    const label = typeof name === 'string' ? name : name();
    throw new ShapeError(`wasm ${kernel}: ${label} needs at least ${needed} values, received length ${array.length}`);
  }
}

/**
 * The WebAssembly SIMD backend. Float32 work runs in wasm; float64 arrays
 * (finite-difference checks) go to the js reference. Arrays from `allocate`
 * are used in place; any other Float32Array is copied into scratch memory
 * for the call and results copied back, so every kernel accepts both.
 *
 * ```ts
 * const wasm = createWasmBackend({ threads: 2 });
 * wasm.gemm(false, false, m, n, k, a, b, c);   // c = a·b
 * ```
 */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  const level: SimdLevel = options.simd ?? (simdLevelAvailable('relaxed') ? 'relaxed' : 'simd');
  if (level !== 'simd' && level !== 'relaxed') {
    throw new ArgumentError(`createWasmBackend: simd must be 'simd' or 'relaxed', received ${String(level)}`);
  }
  const threadsWanted = options.threads ?? (helperThreadsAvailable() ? 2 : 1);
  if (threadsWanted !== 1 && threadsWanted !== 2) {
    throw new ArgumentError(`createWasmBackend: threads must be 1 or 2, received ${String(threadsWanted)}`);
  }
  const parallelThreshold = options.parallelThreshold ?? 4e6;
  const parallelUpdateThreshold = options.parallelUpdateThreshold ?? 32768;
  const parallelWindowThreshold = options.parallelWindowThreshold ?? 65536;
  const exactMultiplyAdds = options.exactMultiplyAdds ?? EXACT_MULTIPLY_ADDS;
  if (!(parallelThreshold >= 0)) {
    throw new ArgumentError(`createWasmBackend: parallelThreshold must be a number >= 0, received ${String(parallelThreshold)}`);
  }
  if (!(parallelUpdateThreshold >= 0)) {
    throw new ArgumentError(`createWasmBackend: parallelUpdateThreshold must be a number >= 0, received ${String(parallelUpdateThreshold)}`);
  }
  if (!(parallelWindowThreshold >= 0)) {
    throw new ArgumentError(`createWasmBackend: parallelWindowThreshold must be a number >= 0, received ${String(parallelWindowThreshold)}`);
  }
  // Shared memory never detaches views on grow, so `allocate` can hand out
  // views into it. Without it (a browser page that is not cross-origin
  // isolated) a grow would detach them, so `allocate` returns ordinary arrays
  // and every call stages through scratch memory instead.
  const shared = (options.sharedMemory ?? true) && sharedMemoryAvailable();
  const threads = shared && helperThreadsAvailable() ? threadsWanted : 1;
  const { module } = loadKernelModule(level, shared);
  const memory = createMemory(shared);
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort() {
        throw new Error('wasm backend: kernel aborted');
      },
    },
  });
  const k = instance.exports as unknown as Kernels;
  const heap = new Heap(memory, k.heapBase());
  const packBytes = k.packFloats() * 4;
  let mainPack = 0;
  /** The exact path's packed float64 operands: grown as needed, kept up to KEEP_EXACT_SCRATCH_BYTES. */
  let exactScratch = 0;
  let exactScratchBytes = 0;
  let helper: HelperThread | null = null;
  let helperPack = 0;

  const staged: Staged[] = [];
  let stagedCount = 0;

  /** Address of `array` for a kernel: in place if it is ours, else staged in scratch. */
  function address(array: Stageable, use: Use): number {
    const own = heap.addressOf(array);
    if (own >= 0) return own;
    for (let i = 0; i < stagedCount; i++) {
      const s = staged[i];
      if (s.array === array) {
        if (use !== Use.Read) s.writeBack = true;
        return s.address;
      }
    }
    // Loaded even when the kernel only writes: it may write just the first
    // values (C's m·n of a longer array), and the copy back must keep the rest.
    const entry: Staged = { array, address: heap.allocate(array.byteLength, false), writeBack: use !== Use.Read };
    load(entry);
    if (stagedCount === staged.length) staged.push(entry);
    else staged[stagedCount] = entry;
    stagedCount++;
    return entry.address;
  }

  /** The staged copy of `s.array` in wasm memory, as the same element type. */
  function copyOf(s: Staged): Stageable {
    const { array, address: at } = s;
    if (array instanceof Int32Array) return heap.i32(at, array.length);
    if (array instanceof Float64Array) return heap.f64(at, array.length);
    return heap.f32(at, array.length);
  }

  function load(s: Staged): void {
    copyOf(s).set(s.array);
  }

  /** Int32 class ids in wasm memory, converting other numeric arrays. */
  function labels(targets: NumericArray, rows: number): number {
    checkLength('targets', 'sparse targets', targets, rows);
    if (targets instanceof Int32Array) return address(targets, Use.Read);
    const at = heap.allocate(rows * 4, false);
    const ids = heap.i32(at, rows);
    // Converts as `ids[r] = targets[r]` would, natively (a JS loop over a union of array types is megamorphic).
    ids.set(targets.length === rows ? targets : targets.subarray(0, rows));
    const entry: Staged = { array: ids, address: at, writeBack: false };
    if (stagedCount === staged.length) staged.push(entry);
    else staged[stagedCount] = entry;
    stagedCount++;
    return at;
  }

  /** Float32 dense targets in wasm memory, converting integer arrays. */
  function denseTargets(targets: NumericArray, length: number): number {
    checkLength('targets', 'targets', targets, length);
    if (targets instanceof Float32Array) return address(targets, Use.Read);
    const converted = Float32Array.from(targets.subarray(0, length) as ArrayLike<number>);
    return address(converted, Use.Read);
  }

  /** Copies staged outputs back and frees scratch; runs after every kernel, also when it threw. */
  function finish(): void {
    for (let i = 0; i < stagedCount; i++) {
      const s = staged[i];
      if (s.writeBack) s.array.set(copyOf(s));
      heap.release(s.address);
      staged[i] = undefined as unknown as Staged;
    }
    stagedCount = 0;
  }

  function ensureHelper(): HelperThread | null {
    if (threads < 2) return null;
    if (!helper) {
      const control = heap.allocate(CONTROL_BYTES);
      helperPack = heap.allocate(packBytes);
      helper = new HelperThread(module, memory, control);
    }
    return helper.ready ? helper : null;
  }

  function gemm(transA: boolean, transB: boolean, m: number, n: number, kk: number, a: FloatArray, b: FloatArray, c: FloatArray, bias?: FloatArray): void {
    checkLength('gemm', () => `C (${m}×${n})`, c, m * n);
    checkLength('gemm', () => `A (${transA ? `${kk}×${m}` : `${m}×${kk}`})`, a, m * kk);
    checkLength('gemm', () => `B (${transB ? `${n}×${kk}` : `${kk}×${n}`})`, b, kk * n);
    if (bias) checkLength('gemm', 'bias', bias, n);
    if (m === 0 || n === 0) return;
    const fused = product(transA, transB, m, n, kk, a, b, c, bias);
    if (bias && !fused) backend.addBias(c, bias, m, n, c);
  }

  /** C = op(A)·op(B); returns true when it also added `bias` (the exact kernel does, for float32 C and bias). */
  function product(transA: boolean, transB: boolean, m: number, n: number, kk: number, a: FloatArray, b: FloatArray, c: FloatArray, bias?: FloatArray): boolean {
    if (mainPack === 0) mainPack = heap.allocate(packBytes);
    try {
      const pa = address(a, Use.Read);
      const pb = address(b, Use.Read);
      const pc = address(c, Use.Write);
      const tA = transA ? 1 : 0;
      const tB = transB ? 1 : 0;
      const a64 = a instanceof Float64Array ? 1 : 0;
      const b64 = b instanceof Float64Array ? 1 : 0;
      const c64 = c instanceof Float64Array ? 1 : 0;
      // Float64 operands (float64 data, gradient checks) take the exact kernel at
      // any size: it computes in float64 like the reference, bit for bit.
      if (m * n * kk <= exactMultiplyAdds || a64 + b64 + c64 > 0) {
        const bytes = k.gemmExactScratchBytes(m, n, kk);
        if (bytes > exactScratchBytes) {
          heap.release(exactScratch);
          exactScratch = heap.allocate(bytes, false);
          exactScratchBytes = bytes;
        }
        // The bias rides along in the kernel's stores (after the rounding, as addBias would add it).
        const fuse = bias instanceof Float32Array && c64 === 0;
        k.gemmExact(tA, tB, m, n, kk, pa, pb, pc, exactScratch, a64, b64, c64, fuse ? address(bias, Use.Read) : 0);
        if (exactScratchBytes > KEEP_EXACT_SCRATCH_BYTES) {
          // A large float64 product: give its packed copy back rather than hold it.
          heap.release(exactScratch);
          exactScratch = 0;
          exactScratchBytes = 0;
        }
        return fuse;
      }
      const second = 2 * m * n * kk >= parallelThreshold ? ensureHelper() : null;
      if (second && (n >= 16 || m >= 8)) {
        // Static halves: the wider dimension is split on a tile boundary.
        if (n >= m && n >= 16) {
          const half = Math.ceil(n / 16) * 8;
          second.post('gemmRange', [tA, tB, m, n, kk, pa, pb, pc, helperPack, 0, m, half, n]);
          k.gemmRange(tA, tB, m, n, kk, pa, pb, pc, mainPack, 0, m, 0, half);
        } else {
          const half = Math.ceil(m / 8) * 4;
          second.post('gemmRange', [tA, tB, m, n, kk, pa, pb, pc, helperPack, half, m, 0, n]);
          k.gemmRange(tA, tB, m, n, kk, pa, pb, pc, mainPack, 0, half, 0, n);
        }
        second.wait();
      } else {
        k.gemmRange(tA, tB, m, n, kk, pa, pb, pc, mainPack, 0, m, 0, n);
      }
      return false;
    } finally {
      finish();
    }
  }

  /** Runs `body` with staged arrays copied back afterwards. */
  function call<T>(body: () => T): T {
    try {
      return body();
    } finally {
      finish();
    }
  }

  // The safety net for buffers whose owner was dropped without dispose(): once the view `allocate`
  // handed out is garbage, its block goes back to the heap. The owners (Workspace, Dense) keep that
  // view for as long as they keep any view made from it, so this frees a block only after its owner
  // is gone. `release` unregisters the block (by the token kept per address), so each block goes
  // back once, by `release` or by the finalizer, never twice.
  const tokens = new Map<number, object>();
  const collected = new FinalizationRegistry<number>((address) => {
    tokens.delete(address);
    heap.release(address);
  });

  const backend: WasmBackend = {
    name: 'wasm',
    simd: level,
    threads,
    sharedMemory: shared,

    allocate(length) {
      if (!shared) return new Float32Array(length);
      const address = heap.allocate(length * 4);
      const view = heap.block(address, length);
      const token = {};
      tokens.set(address, token);
      collected.register(view, address, token);
      return view;
    },

    release(buffer) {
      if (!(buffer instanceof Float32Array) || !heap.owns(buffer)) return;
      const token = tokens.get(buffer.byteOffset);
      if (token !== undefined) {
        collected.unregister(token);
        tokens.delete(buffer.byteOffset);
      }
      heap.release(buffer.byteOffset);
    },

    heapStats: () => heap.stats(),

    gemm,

    addBias(x, bias, rows, cols, out) {
      const wide = allFloat64(x, out);
      if (!wide && hasFloat64(x, bias, out)) return jsBackend.addBias(x, bias, rows, cols, out);
      checkLength('addBias', 'x', x, rows * cols);
      checkLength('addBias', 'out', out, rows * cols);
      checkLength('addBias', 'bias', bias, cols);
      if (wide) {
        // Float64 layers keep float32 or float64 biases.
        const b64 = bias instanceof Float64Array ? 1 : 0;
        call(() => k.addBias64(address(x, Use.Read), address(bias, Use.Read), b64, rows, cols, address(out, Use.Write)));
        return;
      }
      call(() => k.addBias(address(x, Use.Read), address(bias, Use.Read), rows, cols, address(out, Use.Write)));
    },

    sumRows(x, rows, cols, out) {
      const wide = allFloat64(x, out);
      if (!wide && hasFloat64(x, out)) return jsBackend.sumRows(x, rows, cols, out);
      checkLength('sumRows', 'x', x, rows * cols);
      checkLength('sumRows', 'out', out, cols);
      const kernel = wide ? k.sumRows64 : k.sumRows;
      call(() => kernel(address(x, Use.Read), rows, cols, address(out, Use.Write)));
    },

    im2col(x, g, cols) {
      if (hasFloat64(x, cols)) return jsBackend.im2col(x, g, cols);
      const item = colsItem(g);
      checkWindow('im2col', g, 'x', x, 'cols', cols, item, colsShape);
      call(() => windowKernel('im2col', g, g.batch * item, address(x, Use.Read), inputItem(g), address(cols, Use.Write), item));
    },

    col2im(cols, g, dx) {
      if (hasFloat64(cols, dx)) return jsBackend.col2im(cols, g, dx);
      const item = colsItem(g);
      checkWindow('col2im', g, 'dx', dx, 'cols', cols, item, colsShape);
      call(() => windowKernel('col2im', g, g.batch * item, address(cols, Use.Read), item, address(dx, Use.Write), inputItem(g)));
    },

    maxPool(x, g, y, argmax) {
      if (hasFloat64(x, y)) return jsBackend.maxPool(x, g, y, argmax);
      const item = outputItem(g);
      checkWindow('maxPool', g, 'x', x, 'y', y, item, outputShape);
      checkLength('maxPool', () => `argmax ${outputShape(g)}`, argmax, g.batch * item);
      call(() =>
        windowKernel('maxPool', g, g.batch * inputItem(g), address(x, Use.Read), inputItem(g), address(y, Use.Write), item, address(argmax, Use.Write), item),
      );
    },

    maxPoolBackward(dy, argmax, dx) {
      if (hasFloat64(dy, dx)) return jsBackend.maxPoolBackward(dy, argmax, dx);
      checkLength('maxPoolBackward', 'dy', dy, argmax.length);
      const bad = call(() =>
        k.maxPoolBackward(address(dy, Use.Read), address(argmax, Use.Read), argmax.length, address(dx, Use.Write), dx.length),
      );
      if (bad >= 0) throw outsideDx(bad, argmax[bad], dx.length);
    },

    copy(x, out) {
      // A typed-array copy is already a memmove; wasm would add nothing.
      jsBackend.copy(x, out);
    },

    fill(out, value) {
      if (hasFloat64(out)) return jsBackend.fill(out, value);
      call(() => k.fill(address(out, Use.Write), out.length, value));
    },

    add(a, b, out) {
      binary(BINARY_ADD, a, b, out, 'add');
    },

    sub(a, b, out) {
      binary(BINARY_SUB, a, b, out, 'sub');
    },

    mul(a, b, out) {
      binary(BINARY_MUL, a, b, out, 'mul');
    },

    scale(x, s, out) {
      if (hasFloat64(x, out)) return jsBackend.scale(x, s, out);
      checkLength('scale', 'x', x, out.length);
      call(() => k.scale(address(x, Use.Read), s, address(out, Use.Write), out.length));
    },

    sum(x) {
      return reduce(REDUCE_SUM, x);
    },

    sumAbs(x) {
      return reduce(REDUCE_ABS, x);
    },

    sumSquares(x) {
      return reduce(REDUCE_SQUARES, x);
    },

    argmaxRows(x, rows, cols, out) {
      if (hasFloat64(x)) return jsBackend.argmaxRows(x, rows, cols, out);
      checkLength('argmaxRows', 'x', x, rows * cols);
      checkLength('argmaxRows', 'out', out, rows);
      if (cols === 0) return jsBackend.argmaxRows(x, rows, cols, out);
      call(() => k.argmaxRows(address(x, Use.Read), rows, cols, address(out, Use.Write)));
    },

    allFinite(x) {
      if (hasFloat64(x)) return jsBackend.allFinite(x);
      return call(() => k.allFinite(address(x, Use.Read), x.length) === 1);
    },

    greaterThan(x, threshold, out) {
      if (hasFloat64(x, out)) return jsBackend.greaterThan(x, threshold, out);
      checkLength('greaterThan', 'x', x, out.length);
      // A float64 threshold between two float32 values must compare like the reference.
      const t = Math.fround(threshold);
      if (t !== threshold) return jsBackend.greaterThan(x, threshold, out);
      call(() => k.greaterThan(address(x, Use.Read), t, address(out, Use.Write), out.length));
    },

    relu(x, y) {
      unary('relu', x, y, k.relu, jsBackend.relu, k.relu64);
    },

    reluBackward(dOut, x, dIn) {
      gradient('reluBackward', dOut, x, dIn, k.reluBackward, jsBackend.reluBackward, k.reluBackward64);
    },

    leakyRelu(x, alpha, y) {
      if (hasFloat64(x, y)) return jsBackend.leakyRelu(x, alpha, y);
      checkLength('leakyRelu', 'x', x, y.length);
      call(() => k.leakyRelu(address(x, Use.Read), alpha, address(y, Use.Write), y.length));
    },

    leakyReluBackward(dOut, x, alpha, dIn) {
      if (hasFloat64(dOut, x, dIn)) return jsBackend.leakyReluBackward(dOut, x, alpha, dIn);
      checkLength('leakyReluBackward', 'dOut', dOut, dIn.length);
      checkLength('leakyReluBackward', 'x', x, dIn.length);
      call(() =>
        k.leakyReluBackward(address(dOut, Use.Read), address(x, Use.Read), alpha, address(dIn, Use.Write), dIn.length),
      );
    },

    sigmoid(x, y) {
      unary('sigmoid', x, y, k.sigmoid, jsBackend.sigmoid);
    },

    sigmoidBackward(dOut, y, dIn) {
      gradient('sigmoidBackward', dOut, y, dIn, k.sigmoidBackward, jsBackend.sigmoidBackward);
    },

    tanh(x, y) {
      unary('tanh', x, y, k.tanh, jsBackend.tanh);
    },

    tanhBackward(dOut, y, dIn) {
      gradient('tanhBackward', dOut, y, dIn, k.tanhBackward, jsBackend.tanhBackward);
    },

    softmax(x, rows, cols, y) {
      if (hasFloat64(x, y)) return jsBackend.softmax(x, rows, cols, y);
      checkLength('softmax', 'x', x, rows * cols);
      checkLength('softmax', 'y', y, rows * cols);
      call(() => k.softmax(address(x, Use.Read), rows, cols, address(y, Use.Write)));
    },

    softmaxBackward(dOut, y, rows, cols, dIn) {
      if (hasFloat64(dOut, y, dIn)) return jsBackend.softmaxBackward(dOut, y, rows, cols, dIn);
      checkLength('softmaxBackward', 'dOut', dOut, rows * cols);
      checkLength('softmaxBackward', 'y', y, rows * cols);
      checkLength('softmaxBackward', 'dIn', dIn, rows * cols);
      call(() =>
        k.softmaxBackward(address(dOut, Use.Read), address(y, Use.Read), rows, cols, address(dIn, Use.Write)),
      );
    },

    categoricalCrossentropy(pred, targets, sparse, rows, cols, epsilon, out) {
      if (hasFloat64(pred, targets, out)) return jsBackend.categoricalCrossentropy(pred, targets, sparse, rows, cols, epsilon, out);
      checkLength('categoricalCrossentropy', 'pred', pred, rows * cols);
      checkLength('categoricalCrossentropy', 'out', out, rows);
      call(() => {
        const t = sparse ? labels(targets, rows) : denseTargets(targets, rows * cols);
        k.categoricalCrossentropy(address(pred, Use.Read), t, sparse ? 1 : 0, rows, cols, epsilon, address(out, Use.Write));
      });
    },

    categoricalCrossentropyBackward(pred, targets, sparse, rows, cols, dIn) {
      if (hasFloat64(pred, targets, dIn)) return jsBackend.categoricalCrossentropyBackward(pred, targets, sparse, rows, cols, dIn);
      checkLength('categoricalCrossentropyBackward', 'pred', pred, rows * cols);
      checkLength('categoricalCrossentropyBackward', 'dIn', dIn, rows * cols);
      call(() => {
        const t = sparse ? labels(targets, rows) : denseTargets(targets, rows * cols);
        k.categoricalCrossentropyBackward(address(pred, Use.Read), t, sparse ? 1 : 0, rows, cols, address(dIn, Use.Write));
      });
    },

    softmaxCrossentropyBackward(probs, targets, sparse, rows, cols, dIn) {
      if (hasFloat64(probs, targets, dIn)) return jsBackend.softmaxCrossentropyBackward(probs, targets, sparse, rows, cols, dIn);
      checkLength('softmaxCrossentropyBackward', 'probs', probs, rows * cols);
      checkLength('softmaxCrossentropyBackward', 'dIn', dIn, rows * cols);
      call(() => {
        const t = sparse ? labels(targets, rows) : denseTargets(targets, rows * cols);
        k.softmaxCrossentropyBackward(address(probs, Use.Read), t, sparse ? 1 : 0, rows, cols, address(dIn, Use.Write));
      });
    },

    binaryCrossentropy(pred, targets, rows, cols, epsilon, out) {
      if (hasFloat64(pred, targets, out)) return jsBackend.binaryCrossentropy(pred, targets, rows, cols, epsilon, out);
      checkLength('binaryCrossentropy', 'pred', pred, rows * cols);
      checkLength('binaryCrossentropy', 'out', out, rows);
      if (cols === 0) return jsBackend.binaryCrossentropy(pred, targets, rows, cols, epsilon, out);
      call(() =>
        k.binaryCrossentropy(address(pred, Use.Read), denseTargets(targets, rows * cols), rows, cols, epsilon, address(out, Use.Write)),
      );
    },

    binaryCrossentropyBackward(pred, targets, rows, cols, epsilon, dIn) {
      if (hasFloat64(pred, targets, dIn)) return jsBackend.binaryCrossentropyBackward(pred, targets, rows, cols, epsilon, dIn);
      checkLength('binaryCrossentropyBackward', 'pred', pred, rows * cols);
      checkLength('binaryCrossentropyBackward', 'dIn', dIn, rows * cols);
      call(() =>
        k.binaryCrossentropyBackward(address(pred, Use.Read), denseTargets(targets, rows * cols), rows, cols, epsilon, address(dIn, Use.Write)),
      );
    },

    meanSquaredError(pred, targets, rows, cols, out) {
      meanError(MEAN_SQUARED, pred, targets, rows, cols, out);
    },

    meanSquaredErrorBackward(pred, targets, rows, cols, dIn) {
      meanErrorBackward(MEAN_SQUARED, pred, targets, rows, cols, dIn);
    },

    meanAbsoluteError(pred, targets, rows, cols, out) {
      meanError(MEAN_ABSOLUTE, pred, targets, rows, cols, out);
    },

    meanAbsoluteErrorBackward(pred, targets, rows, cols, dIn) {
      meanErrorBackward(MEAN_ABSOLUTE, pred, targets, rows, cols, dIn);
    },

    addRegularizationGradient(param, l1, l2, grad) {
      if (hasFloat64(param, grad)) return jsBackend.addRegularizationGradient(param, l1, l2, grad);
      checkLength('addRegularizationGradient', 'param', param, grad.length);
      call(() => k.addRegularizationGradient(address(param, Use.Read), l1, l2, address(grad, Use.ReadWrite), grad.length));
    },

    sgdUpdate(param, grad, lr) {
      if (hasFloat64(param, grad)) return jsBackend.sgdUpdate(param, grad, lr);
      checkLength('sgdUpdate', 'grad', grad, param.length);
      call(() => k.sgdUpdate(address(param, Use.ReadWrite), address(grad, Use.Read), lr, param.length));
    },

    sgdMomentumUpdate(param, grad, velocity, lr, momentum) {
      if (hasFloat64(param, grad, velocity)) return jsBackend.sgdMomentumUpdate(param, grad, velocity, lr, momentum);
      checkLength('sgdMomentumUpdate', 'grad', grad, param.length);
      checkLength('sgdMomentumUpdate', 'velocity', velocity, param.length);
      call(() =>
        k.sgdMomentumUpdate(
          address(param, Use.ReadWrite),
          address(grad, Use.Read),
          address(velocity, Use.ReadWrite),
          lr,
          momentum,
          param.length,
        ),
      );
    },

    adagradUpdate(param, grad, cache, lr, epsilon) {
      if (hasFloat64(param, grad, cache)) return jsBackend.adagradUpdate(param, grad, cache, lr, epsilon);
      adaptive('adagradUpdate', param, grad, cache, lr, 1, 1, epsilon);
    },

    rmspropUpdate(param, grad, cache, lr, rho, epsilon) {
      if (hasFloat64(param, grad, cache)) return jsBackend.rmspropUpdate(param, grad, cache, lr, rho, epsilon);
      adaptive('rmspropUpdate', param, grad, cache, lr, rho, 1 - rho, epsilon);
    },

    adamUpdate(param, grad, m, v, lr, beta1, beta2, epsilon, step) {
      if (hasFloat64(param, grad, m, v)) return jsBackend.adamUpdate(param, grad, m, v, lr, beta1, beta2, epsilon, step);
      checkLength('adamUpdate', 'grad', grad, param.length);
      checkLength('adamUpdate', 'm', m, param.length);
      checkLength('adamUpdate', 'v', v, param.length);
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      const n = param.length;
      call(() => {
        const pp = address(param, Use.ReadWrite);
        const pg = address(grad, Use.Read);
        const pm = address(m, Use.ReadWrite);
        const pv = address(v, Use.ReadWrite);
        const second = n > 0 && n >= parallelUpdateThreshold ? ensureHelper() : null;
        // Each value's update is independent: the helper takes the second
        // half (from a multiple of 16 values, a cache-line boundary), bit for
        // bit what one thread computes.
        const half = second ? (n >> 1) & ~15 : n;
        if (second) {
          const o = half * 4;
          second.post('adamUpdate', [pp + o, pg + o, pm + o, pv + o, lr, beta1, 1 - beta1, beta2, 1 - beta2, epsilon, c1, c2, n - half]);
        }
        k.adamUpdate(pp, pg, pm, pv, lr, beta1, 1 - beta1, beta2, 1 - beta2, epsilon, c1, c2, half);
        second?.wait();
      });
    },

    async startThreads() {
      if (threads < 2) return false;
      ensureHelper();
      return helper ? helper.whenReady() : false;
    },

    dispose() {
      helper?.stop();
      helper = null;
    },
  };

  /**
   * Runs a window kernel with the geometry spelled out as its integer
   * arguments, on arrays a, b (and c) holding aItem, bItem (cItem) 4-byte
   * values per batch item. From `parallelWindowThreshold` values, the helper
   * takes the second half of the batch (maxPool's argmax indices shifted by
   * the first half's input values). Batch items share no output value, so
   * the halves come out bit for bit as one thread computes them.
   */
  function windowKernel(
    name: 'im2col' | 'col2im' | 'maxPool',
    g: WindowGeometry,
    values: number,
    a: number,
    aItem: number,
    b: number,
    bItem: number,
    c = 0,
    cItem = 0,
  ): void {
    const second = g.batch >= 2 && values >= parallelWindowThreshold ? ensureHelper() : null;
    const half = second ? g.batch >> 1 : g.batch;
    const { height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft, outHeight, outWidth } = g;
    if (second) {
      second.post(name, [
        a + half * aItem * 4, g.batch - half, height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth,
        padTop, padLeft, outHeight, outWidth, b + half * bItem * 4, c + half * cItem * 4, half * inputItem(g),
      ]);
    }
    k[name](a, half, height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft, outHeight, outWidth, b, c, 0);
    second?.wait();
  }

  function binary(op: number, a: FloatArray, b: FloatArray, out: FloatArray, name: 'add' | 'sub' | 'mul'): void {
    if (hasFloat64(a, b, out)) return jsBackend[name](a, b, out);
    checkLength(name, 'a', a, out.length);
    checkLength(name, 'b', b, out.length);
    call(() => k.binary(op, address(a, Use.Read), address(b, Use.Read), address(out, Use.Write), out.length));
  }

  function reduce(kind: number, x: FloatArray): number {
    if (hasFloat64(x)) {
      return kind === REDUCE_SUM ? jsBackend.sum(x) : kind === REDUCE_ABS ? jsBackend.sumAbs(x) : jsBackend.sumSquares(x);
    }
    return call(() => k.reduce(kind, address(x, Use.Read), x.length));
  }

  /** A kernel over one array; all-float64 arrays take `kernel64` where there is one, other float64 work goes to `reference`. */
  function unary(
    name: string,
    x: FloatArray,
    y: FloatArray,
    kernel: (x: number, y: number, n: number) => void,
    reference: (x: FloatArray, y: FloatArray) => void,
    kernel64?: (x: number, y: number, n: number) => void,
  ): void {
    const wide = kernel64 !== undefined && allFloat64(x, y);
    if (!wide && hasFloat64(x, y)) return reference(x, y);
    checkLength(name, 'x', x, y.length);
    const run = wide ? kernel64 : kernel;
    call(() => run(address(x, Use.Read), address(y, Use.Write), y.length));
  }

  function gradient(
    name: string,
    dOut: FloatArray,
    saved: FloatArray,
    dIn: FloatArray,
    kernel: (dOut: number, saved: number, dIn: number, n: number) => void,
    reference: (dOut: FloatArray, saved: FloatArray, dIn: FloatArray) => void,
    kernel64?: (dOut: number, saved: number, dIn: number, n: number) => void,
  ): void {
    const wide = kernel64 !== undefined && allFloat64(dOut, saved, dIn);
    if (!wide && hasFloat64(dOut, saved, dIn)) return reference(dOut, saved, dIn);
    checkLength(name, 'dOut', dOut, dIn.length);
    checkLength(name, 'saved input/output', saved, dIn.length);
    const run = wide ? kernel64 : kernel;
    call(() => run(address(dOut, Use.Read), address(saved, Use.Read), address(dIn, Use.Write), dIn.length));
  }

  function meanError(kind: number, pred: FloatArray, targets: NumericArray, rows: number, cols: number, out: FloatArray): void {
    const name = kind === MEAN_SQUARED ? 'meanSquaredError' : 'meanAbsoluteError';
    if (hasFloat64(pred, targets, out)) return jsBackend[name](pred, targets, rows, cols, out);
    checkLength(name, 'pred', pred, rows * cols);
    checkLength(name, 'out', out, rows);
    if (cols === 0) return jsBackend[name](pred, targets, rows, cols, out);
    call(() => k.meanError(kind, address(pred, Use.Read), denseTargets(targets, rows * cols), rows, cols, address(out, Use.Write)));
  }

  function meanErrorBackward(kind: number, pred: FloatArray, targets: NumericArray, rows: number, cols: number, dIn: FloatArray): void {
    const name = kind === MEAN_SQUARED ? 'meanSquaredErrorBackward' : 'meanAbsoluteErrorBackward';
    if (hasFloat64(pred, targets, dIn)) return jsBackend[name](pred, targets, rows, cols, dIn);
    checkLength(name, 'pred', pred, rows * cols);
    checkLength(name, 'dIn', dIn, rows * cols);
    call(() =>
      k.meanErrorBackward(kind, address(pred, Use.Read), denseTargets(targets, rows * cols), rows, cols, address(dIn, Use.Write)),
    );
  }

  function adaptive(name: string, param: FloatArray, grad: FloatArray, cache: FloatArray, lr: number, decay: number, gain: number, epsilon: number): void {
    checkLength(name, 'grad', grad, param.length);
    checkLength(name, 'cache', cache, param.length);
    call(() =>
      k.adaptiveUpdate(
        address(param, Use.ReadWrite),
        address(grad, Use.Read),
        address(cache, Use.ReadWrite),
        lr,
        decay,
        gain,
        epsilon,
        param.length,
      ),
    );
  }

  return backend;
}
