import type { Backend } from '../../src/backend/backend.js';
import { jsBackend } from '../../src/backend/js.js';
import { getBackend, registerBackend, setBackend } from '../../src/backend/registry.js';
import type { FloatArray } from '../../src/tensor/tensor.js';

/**
 * Makes the current backend the js reference with bookkeeping: `live` holds
 * every buffer allocated and not yet released. `restore()` switches back to
 * the backend that was current before.
 */
export function trackAllocations(): { live: Set<FloatArray>; restore: () => void } {
  const live = new Set<FloatArray>();
  const previous = getBackend().name;
  const tracking: Backend = {
    ...jsBackend,
    name: 'tracking',
    allocate: (length) => {
      const buffer = new Float32Array(length);
      live.add(buffer);
      return buffer;
    },
    release: (buffer) => void live.delete(buffer),
  };
  registerBackend(tracking);
  setBackend('tracking');
  return { live, restore: () => void setBackend(previous) };
}
