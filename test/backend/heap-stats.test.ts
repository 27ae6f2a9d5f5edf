import { describe, expect, it } from 'vitest';
import { createWasmBackend } from '../../src/backend/wasm/wasm-backend.js';

describe('wasm heapStats', () => {
  it('counts bytes in use by 64-byte block, back to the start on release; memory only grows', () => {
    const wasm = createWasmBackend({ threads: 1 });
    const start = wasm.heapStats();
    const small = wasm.allocate(10); // 40 bytes: one 64-byte block
    const large = wasm.allocate(1_000_000); // 4 MB, more than the initial memory
    const held = wasm.heapStats();
    expect(held.bytesInUse).toBe(start.bytesInUse + 64 + 4_000_000);
    expect(held.memoryBytes).toBeGreaterThan(start.memoryBytes);
    wasm.release(new Float32Array(10)); // not the backend's: ignored
    wasm.release(small);
    wasm.release(large);
    expect(wasm.heapStats()).toEqual({ bytesInUse: start.bytesInUse, memoryBytes: held.memoryBytes });
    wasm.dispose();
  });
});
