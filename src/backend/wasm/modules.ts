import { ArgumentError } from '../../errors.js';
import { maximumPages, relaxedSimd, simd } from './modules.generated.js';

/** Which kernel build to compile: `relaxed` uses `f32x4.relaxed_madd` (a fused multiply-add on x86 with FMA). */
export type SimdLevel = 'simd' | 'relaxed';

/** A compiled kernel module and the memory kind it imports. */
export interface KernelModule {
  readonly module: WebAssembly.Module;
  readonly shared: boolean;
  readonly level: SimdLevel;
}

const cache = new Map<string, WebAssembly.Module>();
let relaxedFlagTried = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Node 20's V8 ships relaxed SIMD behind `--experimental-wasm-relaxed-simd`;
 * the flag can still be turned on at run time, before the module is compiled.
 * Newer Node versions and browsers have it on by default, so this only runs
 * when the relaxed build does not validate as is.
 */
function enableRelaxedSimdFlag(): void {
  if (relaxedFlagTried) return;
  relaxedFlagTried = true;
  setV8Flag('--experimental-wasm-relaxed-simd');
}

/** V8 flags can be set at run time in Node (a no-op elsewhere). */
function setV8Flag(flag: string): boolean {
  const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const v8 = processLike?.getBuiltinModule?.('node:v8') as { setFlagsFromString?: (flags: string) => void } | undefined;
  if (!v8?.setFlagsFromString) return false;
  v8.setFlagsFromString(flag);
  return true;
}

/**
 * Compiles with V8's optimizing compiler straight away. By default V8 first
 * runs wasm through its baseline compiler (Liftoff), whose SIMD code is 10-30×
 * slower here, and tiers up only after a function has run a while: the first
 * training steps would crawl. The flag stays set: a worker that instantiates
 * the module compiles its functions again under the flags of that moment, and
 * with Liftoff back on the helper thread ran 1.7× slower than the main one.
 * (It makes other wasm modules compiled later in this process skip Liftoff too.)
 */
function compileOptimized(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module {
  setV8Flag('--no-liftoff');
  return new WebAssembly.Module(bytes);
}

/** True when shared WebAssembly memory can be created (Node; browsers only when cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

function bytesFor(level: SimdLevel, shared: boolean): Uint8Array<ArrayBuffer> {
  const variant = level === 'relaxed' ? relaxedSimd : simd;
  return decode(shared ? variant.shared : variant.unshared);
}

/** True when this engine validates the given build (compiles nothing). */
export function simdLevelAvailable(level: SimdLevel): boolean {
  if (typeof WebAssembly === 'undefined') return false;
  const bytes = bytesFor(level, false);
  if (WebAssembly.validate(bytes)) return true;
  if (level !== 'relaxed') return false;
  enableRelaxedSimdFlag();
  return WebAssembly.validate(bytes);
}

/** Compiles (once per process) the requested build; throws an ArgumentError if this engine cannot run it. */
export function loadKernelModule(level: SimdLevel, shared: boolean): KernelModule {
  const key = `${level}/${shared ? 'shared' : 'unshared'}`;
  let module = cache.get(key);
  if (!module) {
    if (!simdLevelAvailable(level)) {
      throw new ArgumentError(`wasm backend: this engine does not support WebAssembly ${level === 'relaxed' ? 'relaxed SIMD' : 'SIMD'}`);
    }
    module = compileOptimized(bytesFor(level, shared));
    cache.set(key, module);
  }
  return { module, shared, level };
}

/** The linear memory a kernel module imports: shared memory needs a fixed maximum. */
export function createMemory(shared: boolean): WebAssembly.Memory {
  return shared
    ? new WebAssembly.Memory({ initial: 16, maximum: maximumPages, shared: true })
    : new WebAssembly.Memory({ initial: 16 });
}
