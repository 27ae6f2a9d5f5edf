import { choice } from './arguments.js';

/** The compute backends `--backend` selects (src/backend: `wasm` SIMD kernels, `js` reference kernels). */
export const BACKENDS = ['wasm', 'js'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The `--backend` flag shared by train, evaluate and predict. */
export const BACKEND_FLAG = ['--backend <name>', `compute backend: ${BACKENDS.join(' or ')} (default: wasm where WebAssembly SIMD runs, else js)`] as const;

/** Checks `--backend` before any work; undefined keeps the default. */
export function parseBackend(raw: string | undefined): BackendName | undefined {
  return raw === undefined ? undefined : choice('--backend', raw, BACKENDS);
}

/**
 * Makes `name` the current backend. The registry is imported here, after the
 * command line has been checked, because loading it starts the wasm backend.
 */
export async function useBackend(name: BackendName | undefined): Promise<void> {
  if (name === undefined) return;
  const { setBackend } = await import('../backend/registry.js');
  setBackend(name);
}
