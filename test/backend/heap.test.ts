import { describe, expect, it } from 'vitest';
import { Heap } from '../../src/backend/wasm/heap.js';

describe('wasm Heap', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });
  const heap = new Heap(memory, 1000);

  it('finds the address of blocks it handed out, of views made on them, and none for foreign arrays', () => {
    const at = heap.allocate(400);
    const block = heap.block(at, 100);
    expect(heap.addressOf(block)).toBe(at);
    expect(heap.addressOf(block.subarray(10, 20))).toBe(at + 40);
    expect(heap.addressOf(new Float32Array(100))).toBe(-1);
    expect(heap.owns(block)).toBe(true);
    expect(heap.owns(new Float32Array(4))).toBe(false);
  });

  it('keeps recognising views made before the memory grew', () => {
    const early = heap.block(heap.allocate(64), 16);
    const earlySlice = early.subarray(4);
    heap.allocate(3 * 65536); // grows the memory
    expect(heap.addressOf(early)).toBe(early.byteOffset);
    expect(heap.addressOf(earlySlice)).toBe(earlySlice.byteOffset);
  });

  it('reuses a released block of the same size, cleared unless asked not to', () => {
    const at = heap.allocate(256);
    heap.block(at, 64).fill(7);
    heap.release(at);
    const again = heap.allocate(256);
    expect(again).toBe(at);
    expect(Array.from(heap.f32(again, 64)).every((v) => v === 0)).toBe(true);
  });
});
