import { ScratchnetError } from '../errors.js';

/** The Node built-ins the library's file functions use, by id. */
export interface NodeBuiltins {
  'node:crypto': typeof import('node:crypto');
  'node:fs/promises': typeof import('node:fs/promises');
  'node:path': typeof import('node:path');
  'node:stream': typeof import('node:stream');
  'node:url': typeof import('node:url');
  'node:zlib': typeof import('node:zlib');
}

/**
 * A Node built-in module, fetched at call time through
 * `process.getBuiltinModule` (Node ≥ 20.16) rather than an `import`: bundlers
 * never see a `node:` specifier, so the modules that use it (model files,
 * CSV and IDX readers, TF.js folders) bundle for browsers with no
 * polyfills and no "externalized for browser compatibility" warnings. Where
 * there is no Node (a browser, a worker), it throws one line naming the
 * caller and the in-memory alternative.
 *
 * ```ts
 * const { readFile } = nodeBuiltin('node:fs/promises', 'cannot read "m.safetensors"');
 * ```
 */
export function nodeBuiltin<Id extends keyof NodeBuiltins>(id: Id, caller: string): NodeBuiltins[Id] {
  const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const builtin = processLike?.getBuiltinModule?.(id) as NodeBuiltins[Id] | undefined;
  if (builtin === undefined) {
    throw new ScratchnetError(
      `${caller}: this needs Node's ${id} (Node ≥ 20.16), which this environment does not provide; ` +
        'in a browser, work with bytes (serializeModel/deserializeModel, encodeOnnx, encodeTfjs, loadCsv of a File)',
    );
  }
  return builtin;
}
