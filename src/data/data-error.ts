import { ScratchnetError } from '../errors.js';

/**
 * A dataset file or table was malformed: wrong magic number, truncated file,
 * ragged CSV row, non-numeric or non-finite value, missing column… The
 * message names the file (or source), the row and column where there is one,
 * the rule, and what was found.
 */
export class DataError extends ScratchnetError {}
