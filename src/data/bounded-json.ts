import type { ScratchnetError } from '../errors.js';

/**
 * The deepest nesting of objects and arrays accepted in untrusted JSON (a
 * model file's metadata, a TF.js model.json, a `--config`). Real files need
 * fewer than 10 levels; far deeper ones only serve to overflow the stack of
 * whatever walks the parsed value (JSON.stringify, a validator).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of `{` and `[` in `text` outside strings, measured in
 * one linear pass that stops as soon as it passes `limit` (so it returns at
 * most `limit + 1`). Strings are skipped whole, escapes included; malformed
 * text is measured as far as it goes (JSON.parse then says what is wrong).
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x5c /* \ */) i++;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return deepest;
}

/**
 * `JSON.parse(text)` for untrusted text, measured first: nesting deeper than
 * `maxDepth` (default MAX_JSON_DEPTH) is refused before parsing, and every
 * failure is one line of `ErrorClass` starting with `what`:
 * `model.json is nested deeper than 64 levels (the limit)`,
 * `model.json is not valid JSON (Unexpected token …)`.
 *
 * ```ts
 * const json = parseBoundedJson(text, 'web-model/model.json', ModelFileError);
 * ```
 */
export function parseBoundedJson(
  text: string,
  what: string,
  ErrorClass: new (message: string) => ScratchnetError,
  maxDepth = MAX_JSON_DEPTH,
): unknown {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    throw new ErrorClass(`${what} is nested deeper than ${maxDepth} levels (the limit)`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // JSON.parse quotes the text around the error, line breaks included: keep the message to one line.
    throw new ErrorClass(`${what} is not valid JSON (${(error as Error).message.replace(/[\u0000-\u001f\u007f]+/g, ' ')})`);
  }
}
