import { nodeBuiltin } from '../platform/node-builtin.js';
import { inflateIfGzipped } from './gzip.js';

/**
 * The bytes of `file`, inflated when they are gzipped (magic 1f 8b). Node
 * only: the built-ins are fetched on call (see nodeBuiltin), so modules that
 * import this one bundle for browsers with no `node:` import.
 */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  const { readFile } = nodeBuiltin('node:fs/promises', `cannot read ${file}`);
  return inflateIfGzipped(new Uint8Array(await readFile(file)), file);
}
