import { ArgumentError, describeReceived } from '../errors.js';
import { nodeBuiltin } from './node-builtin.js';

/**
 * Where a path-taking function (Model.load, model.save, loadCsv, importTfjs,
 * exportTfjs…) reads or writes: a file-system path, a `file:` URL string
 * (`'file:///home/me/model.safetensors'`) or a URL object such as
 * `new URL('./model.safetensors', import.meta.url)`.
 */
export type FilePath = string | URL;

/**
 * A string taken for a URL: `file:` anything, or a scheme followed by `//`
 * (`https://…`). `C:\data` (a Windows drive) and `run:3.safetensors` (a
 * legal file name) stay paths.
 */
const URL_SCHEME = /^(file):|^([a-z][a-z0-9+.-]+):\/\//i;

/**
 * The file-system path of `path`: a plain path as it is, a `file:` URL (string
 * or URL object) through Node's `fileURLToPath`. Other URLs (`https:`…) and
 * other values are refused with one line saying what to pass:
 *
 * ```ts
 * toFilePath('Model.load', new URL('file:///models/spiral.safetensors'));   // '/models/spiral.safetensors'
 * toFilePath('Model.load', 'https://example.com/m.safetensors');
 * // ArgumentError: Model.load: path must be a file path or a file: URL, received the https: URL https://…; …
 * ```
 */
export function toFilePath(owner: string, path: FilePath, name = 'path'): string {
  const isUrl = typeof URL !== 'undefined' && path instanceof URL;
  if (typeof path !== 'string' && !isUrl) {
    throw new ArgumentError(`${owner}: ${name} must be a file path (a string) or a file: URL, received ${describeReceived(path)}`);
  }
  const match = isUrl ? null : URL_SCHEME.exec(path as string);
  const scheme = isUrl ? (path as URL).protocol.slice(0, -1) : (match?.[1] ?? match?.[2]);
  if (scheme === undefined) return path as string;
  if (scheme.toLowerCase() !== 'file') {
    throw new ArgumentError(
      `${owner}: ${name} must be a file path or a file: URL, received the ${scheme}: URL ${String(path)}; ` +
        'download it first, or fetch its bytes and pass those (deserializeModel, loadCsv and loadImageForPrediction take bytes)',
    );
  }
  const { fileURLToPath } = nodeBuiltin('node:url', `${owner}: cannot read ${String(path)}`);
  try {
    return fileURLToPath(path);
  } catch (error) {
    throw new ArgumentError(`${owner}: ${name} ${String(path)} is not a usable file: URL (${(error as Error).message})`);
  }
}

/** True for what toFilePath takes: a string or a URL object (the other sources are bytes). */
export function isFilePath(value: unknown): value is FilePath {
  return typeof value === 'string' || (typeof URL !== 'undefined' && value instanceof URL);
}
