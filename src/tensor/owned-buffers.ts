import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import type { FloatArray } from './tensor.js';

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

  /** A zeroed float32 buffer from the current backend, released by `release` or `releaseAll`. */
  allocate(length: number): Float32Array {
    const backend = getBackend();
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
