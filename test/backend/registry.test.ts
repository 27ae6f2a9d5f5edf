import { afterEach, describe, expect, it } from 'vitest';
import { getBackend, listBackends, setBackend } from '../../src/backend/registry.js';
import { simdLevelAvailable } from '../../src/backend/wasm/modules.js';
import { ArgumentError } from '../../src/errors.js';

describe('backend registry', () => {
  afterEach(() => {
    setBackend(simdLevelAvailable('simd') ? 'wasm' : 'js');
  });

  it('makes wasm the default where WebAssembly SIMD validates, with js registered beside it', () => {
    expect(simdLevelAvailable('simd')).toBe(true);
    expect(getBackend().name).toBe('wasm');
    expect(listBackends()).toEqual(['js', 'wasm']);
  });

  it('switches between js and wasm by name', () => {
    expect(setBackend('js').name).toBe('js');
    expect(getBackend().name).toBe('js');
    expect(setBackend('wasm').name).toBe('wasm');
    expect(getBackend().name).toBe('wasm');
  });

  it('rejects an unknown name, listing what exists', () => {
    expect(() => setBackend('gpu')).toThrow(ArgumentError);
    expect(() => setBackend('gpu')).toThrow('setBackend: unknown backend "gpu" (available: js, wasm)');
  });
});
