import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { ArgumentError } from '../errors.js';
import type { FloatArray } from './tensor.js';

/**
 * The most float32 values one backend buffer may hold: 2^30 (4 GiB), all
 * that 32-bit wasm memory can address, and the same on every backend, so
 * an absurd layer (`new Dense(1e9, 10)`) fails at once with one message
 * instead of allocating until the process is killed.
 */
export const MAX_BUFFER_VALUES = 2 ** 30;

/**
 * The backend buffers one object allocated, each remembered with the backend
 * that made it, so they go back to that backend even after `setBackend`
 * switched to another (a backend ignores buffers it did not make).
 *
 * ```ts
 * const buffers = new OwnedBuffers();
 * const weights = buffers.allocate(64);     // from the current backend
 * buffers.releaseAll();                     // in dispose()
 * ```
 */
export class OwnedBuffers {
  private readonly makers = new Map<FloatArray, Backend>();

  /**
   * A zeroed float32 buffer from the current backend, released by `release`
   * or `releaseAll`. Refuses more than MAX_BUFFER_VALUES values before allocating.
   */
  allocate(length: number): Float32Array {
    const backend = getBackend();
    if (!(length <= MAX_BUFFER_VALUES)) {
      throw new ArgumentError(
        `${backend.name} backend: cannot allocate ${length} float32 values (${length * 4} bytes): one buffer holds at most ${MAX_BUFFER_VALUES} values (4 GiB)`,
      );
    }
    const buffer = backend.allocate(length);
    this.makers.set(buffer, backend);
    return buffer;
  }

  /** Gives one buffer back; a no-op for buffers not from `allocate` (float64 storage, user arrays). */
  release(buffer: FloatArray): void {
    const backend = this.makers.get(buffer);
    if (backend === undefined) return;
    this.makers.delete(buffer);
    backend.release(buffer);
  }

  /** Gives every buffer back. */
  releaseAll(): void {
    for (const [buffer, backend] of this.makers) backend.release(buffer);
    this.makers.clear();
  }
}
