/**
 * A persistent helper thread: a worker that instantiates the same kernel
 * module on the same shared memory and runs its share of a job (part of a
 * matrix product, or half of an optimizer update) when the main thread posts
 * the kernel's arguments through a small control block.
 *
 * Hand-off cost decides the design: a worker sleeping in Atomics.wait takes
 * ~55 µs to wake, one that polls takes ~1 µs. So after each job the worker
 * polls for a while (a few hundred µs) before it sleeps, and the main thread
 * likewise polls for the result before it blocks.
 */

import { ScratchnetError } from '../../errors.js';

/** Control block layout (32-bit slots). */
const SEQUENCE = 0;
const DONE = 1;
const READY = 2;
const JOB = 3;
const ARGS = 4;
/** Value of the READY slot after a job threw in the worker. */
const FAILED = 2;

/** The kernels a helper runs, each with the type of its argument slots: i = int32, f = float32. */
const JOBS = {
  /** transA, transB, m, n, k, a, b, c, pack, i0, i1, j0, j1 */
  gemmRange: 'iiiiiiiiiiiii',
  /** param, grad, m, v, lr, β1, γ1, β2, γ2, ε, c1, c2, n */
  adamUpdate: 'iiiiffffffffi',
  /** x, batch, height, width, channels, kh, kw, sh, sw, padTop, padLeft, outH, outW, cols */
  im2col: 'iiiiiiiiiiiiii',
  /** cols, the geometry as for im2col, dx */
  col2im: 'iiiiiiiiiiiiii',
  /** x, the geometry as for im2col, y, argmax, indexBase */
  maxPool: 'iiiiiiiiiiiiiiii',
} as const;
export type HelperJob = keyof typeof JOBS;
const JOB_LIST = Object.entries(JOBS);
const ARG_COUNT = Math.max(...JOB_LIST.map(([, slots]) => slots.length));
const JOB_INDEX = Object.fromEntries(JOB_LIST.map(([name], index) => [name, index])) as Record<HelperJob, number>;
export const CONTROL_BYTES = (ARGS + ARG_COUNT) * 4;

/** Polls before sleeping (each poll is one atomic load, a few ns). */
const SPIN = 1 << 17;

// Runs in the worker: plain JavaScript, identical in Node (eval worker, data
// in workerData) and browsers (Blob worker, data in the first message).
const workerSource = `
'use strict';
function start(data) {
  const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory, abort() { throw new Error('wasm abort'); } } });
  const jobs = ${JSON.stringify(JOB_LIST)}.map(([name, slots]) => ({ kernel: instance.exports[name], slots }));
  const ctl = new Int32Array(data.memory.buffer, data.control, ${ARGS + ARG_COUNT});
  const floats = new Float32Array(data.memory.buffer, data.control, ${ARGS + ARG_COUNT});
  const args = [];
  let seen = 0;
  Atomics.store(ctl, ${READY}, 1);
  Atomics.notify(ctl, ${READY});
  for (;;) {
    let spins = 0;
    while (Atomics.load(ctl, ${SEQUENCE}) === seen) {
      if (++spins > ${SPIN}) { Atomics.wait(ctl, ${SEQUENCE}, seen); spins = 0; }
    }
    seen = Atomics.load(ctl, ${SEQUENCE});
    if (seen < 0) return;
    try {
      const { kernel, slots } = jobs[ctl[${JOB}]];
      args.length = slots.length;
      for (let i = 0; i < slots.length; i++) args[i] = slots[i] === 'f' ? floats[${ARGS} + i] : ctl[${ARGS} + i];
      kernel(...args);
    } catch (error) {
      Atomics.store(ctl, ${READY}, ${FAILED});
    }
    Atomics.store(ctl, ${DONE}, seen);
    Atomics.notify(ctl, ${DONE});
  }
}
if (typeof require === 'function') start(require('node:worker_threads').workerData);
else self.onmessage = (event) => start(event.data);
`;

interface WorkerLike {
  terminate(): unknown;
  unref?(): void;
  on?(event: string, listener: (error: unknown) => void): void;
  postMessage?(message: unknown): void;
}

interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => WorkerLike;
}

/** True when this environment can run a helper thread on shared memory. */
export function helperThreadsAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if (nodeWorkerThreads()) return true;
  const scope = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown; Blob?: unknown };
  return scope.crossOriginIsolated === true && typeof scope.Worker === 'function' && typeof scope.Blob === 'function';
}

function nodeWorkerThreads(): WorkerThreadsModule | undefined {
  const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return processLike?.getBuiltinModule?.('node:worker_threads') as WorkerThreadsModule | undefined;
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not). */
function canBlock(control: Int32Array): boolean {
  try {
    Atomics.wait(control, DONE, -1, 0);
    return true;
  } catch {
    return false;
  }
}

export class HelperThread {
  private readonly control: Int32Array;
  private readonly floats: Float32Array;
  private readonly worker: WorkerLike;
  private readonly blocking: boolean;
  private sequence = 0;
  private failed: unknown = null;

  /**
   * Starts the worker; it is usable once `ready` is true (startup is
   * asynchronous, and GEMM stays single-threaded until then).
   */
  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, controlAddress: number) {
    this.control = new Int32Array(memory.buffer, controlAddress, ARGS + ARG_COUNT);
    this.floats = new Float32Array(memory.buffer, controlAddress, ARGS + ARG_COUNT);
    this.blocking = canBlock(this.control);
    const data = { module, memory, control: controlAddress };
    const threads = nodeWorkerThreads();
    if (threads) {
      this.worker = new threads.Worker(workerSource, { eval: true, workerData: data });
      // A parked helper must not keep the process alive.
      this.worker.unref?.();
      this.worker.on?.('error', (error) => {
        this.failed = error;
      });
    } else {
      const scope = globalThis as unknown as {
        Worker: new (url: string) => WorkerLike;
        Blob: typeof Blob;
        URL: typeof URL;
      };
      const url = scope.URL.createObjectURL(new scope.Blob([workerSource], { type: 'text/javascript' }));
      this.worker = new scope.Worker(url);
      this.worker.postMessage?.(data);
    }
  }

  get ready(): boolean {
    return this.failed === null && Atomics.load(this.control, READY) === 1;
  }

  /** Resolves once the worker runs (or after `timeoutMs`, with false if it did not start). */
  async whenReady(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (!this.ready && this.failed === null && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return this.ready;
  }

  /** Posts a kernel's arguments; the worker starts at once. Call `wait` before reading what it writes. */
  post(job: HelperJob, args: readonly number[]): void {
    const slots = JOBS[job];
    this.control[JOB] = JOB_INDEX[job];
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === 'f') this.floats[ARGS + i] = args[i];
      else this.control[ARGS + i] = args[i];
    }
    this.sequence = (this.sequence + 1) & 0x3fffffff;
    if (this.sequence === 0) this.sequence = 1;
    Atomics.store(this.control, SEQUENCE, this.sequence);
    Atomics.notify(this.control, SEQUENCE);
  }

  /** Returns when the posted job is done. */
  wait(): void {
    let spins = 0;
    while (Atomics.load(this.control, DONE) !== this.sequence) {
      if (this.failed !== null) throw new ScratchnetError(`wasm backend: the helper thread failed: ${String(this.failed)}`);
      if (++spins > SPIN && this.blocking) {
        Atomics.wait(this.control, DONE, Atomics.load(this.control, DONE), 1);
        spins = 0;
      }
    }
    if (Atomics.load(this.control, READY) === FAILED) {
      throw new ScratchnetError('wasm backend: the helper thread failed while computing its part of a kernel');
    }
  }

  /** Stops the worker. */
  stop(): void {
    Atomics.store(this.control, SEQUENCE, -1);
    Atomics.notify(this.control, SEQUENCE);
    void this.worker.terminate();
  }
}
