import { ArgumentError } from '../errors.js';
import type { Backend } from './backend.js';
import { jsBackend } from './js.js';
import { createWasmBackend } from './wasm/wasm-backend.js';
import { simdLevelAvailable } from './wasm/modules.js';

const backends = new Map<string, Backend>([['js', jsBackend]]);
let current: Backend = jsBackend;

// wasm is the default wherever WebAssembly SIMD validates; js stays the
// fallback, also if the wasm backend cannot start (e.g. no memory to reserve).
if (simdLevelAvailable('simd')) {
  try {
    const wasm = createWasmBackend();
    backends.set(wasm.name, wasm);
    current = wasm;
  } catch {
    current = jsBackend;
  }
}

/** The backend layers, losses and optimizers run on now. */
export function getBackend(): Backend {
  return current;
}

/** Make a registered backend (by name) the current one. */
export function setBackend(name: string): Backend {
  const backend = backends.get(name);
  if (!backend) {
    throw new ArgumentError(`setBackend: unknown backend "${name}" (available: ${[...backends.keys()].join(', ')})`);
  }
  current = backend;
  return backend;
}

/** Register a backend so `setBackend(backend.name)` can select it. */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...backends.keys()];
}
