import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ArgumentError } from '../errors.js';
import { isDecimal } from '../data/decimal.js';

/**
 * Validators for command-line values. Each takes the flag as the user typed it
 * and the raw string, and returns the parsed value or throws an ArgumentError
 * whose message is the one line the CLI prints:
 * `--lr must be a finite number > 0, received "NaN"`.
 */

function received(raw: string): string {
  return JSON.stringify(raw);
}

/** Parses a decimal number; anything else (hex, blanks, "NaN", "Infinity") is NaN. */
function parseDecimal(raw: string): number {
  return isDecimal(raw.trim()) ? Number(raw) : Number.NaN;
}

/** A finite number > 0 (`--lr`). */
export function positiveNumber(flag: string, raw: string): number {
  const value = parseDecimal(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new ArgumentError(`${flag} must be a finite number > 0, received ${received(raw)}`);
  }
  return value;
}

/** A finite number >= 0 (`--decay`, `--momentum`). */
export function nonNegativeNumber(flag: string, raw: string): number {
  const value = parseDecimal(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new ArgumentError(`${flag} must be a finite number >= 0, received ${received(raw)}`);
  }
  return value;
}

/** A number in [0, 1) (`--dropout`, `--validation-split`). */
export function fraction(flag: string, raw: string): number {
  const value = parseDecimal(raw);
  if (!(value >= 0 && value < 1)) {
    throw new ArgumentError(`${flag} must be a number in [0, 1), received ${received(raw)}`);
  }
  return value;
}

/** An integer >= `min`, and <= `max` when given (`--epochs`, `--batch-size`, `--seed`). */
export function integer(flag: string, raw: string, min = 1, max?: number): number {
  const value = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
    const rule = max === undefined ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new ArgumentError(`${flag} must be an integer ${rule}, received ${received(raw)}`);
  }
  return value;
}

/** A number in (0, 1) (`--test-size`). */
export function openFraction(flag: string, raw: string): number {
  const value = parseDecimal(raw);
  if (!(value > 0 && value < 1)) {
    throw new ArgumentError(`${flag} must be a number in (0, 1), received ${received(raw)}`);
  }
  return value;
}

/** Hidden layer sizes: a list of integers >= 1, or `""` / `none` for no hidden layer (a linear model). */
export function layerSizes(flag: string, raw: string): number[] {
  const trimmed = raw.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'none') return [];
  try {
    return integerList(flag, raw);
  } catch {
    throw new ArgumentError(`${flag} must be a comma-separated list of integers >= 1, or "none" (or "") for no hidden layer, received ${received(raw)}`);
  }
}

/** A comma-separated list of column names (`--drop id,name`): no empty names, no repeats. */
export function columnList(flag: string, raw: string): string[] {
  const names = raw.split(',').map((name) => name.trim());
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (names.some((name) => name === '') || repeated !== undefined) {
    const rule = repeated !== undefined ? `names "${repeated}" twice` : 'has an empty name';
    throw new ArgumentError(`${flag} must be a comma-separated list of column names, received ${received(raw)} (${rule})`);
  }
  return names;
}

/** `balanced`, or a comma-separated list of finite numbers >= 0, one per class (`--class-weights 1,5`). */
export function classWeightList(flag: string, raw: string): 'balanced' | number[] {
  if (raw.trim().toLowerCase() === 'balanced') return 'balanced';
  const values = raw.split(',').map((part) => parseDecimal(part));
  if (raw.trim() === '' || values.some((value) => !Number.isFinite(value) || value < 0)) {
    throw new ArgumentError(`${flag} must be "balanced" or a comma-separated list of numbers >= 0 (one per class), received ${received(raw)}`);
  }
  return values;
}

/** A comma-separated list of integers >= 1 (`--hidden 128,128`). */
export function integerList(flag: string, raw: string): number[] {
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
  if (raw.trim() === '' || values.some((value) => !Number.isSafeInteger(value) || value < 1)) {
    throw new ArgumentError(`${flag} must be a comma-separated list of integers >= 1, received ${received(raw)}`);
  }
  return values;
}

/** One of a closed list of names (`--optimizer adam`). */
export function choice<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  const value = raw.trim().toLowerCase();
  if (!(choices as readonly string[]).includes(value)) {
    throw new ArgumentError(`${flag} must be one of ${choices.join(', ')}, received ${received(raw)}`);
  }
  return value as T;
}

/** An existing, readable regular file (`--csv rows.csv`, a model file). */
export function readableFile(flag: string, path: string): string {
  let reason: string | undefined;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) reason = 'a directory';
    else if (!stats.isFile()) reason = 'not a regular file';
    else accessSync(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
  }
  if (reason !== undefined) {
    throw new ArgumentError(`${flag} must be a readable file, received ${received(path)} (${reason})`);
  }
  return path;
}

/**
 * A path a file can be written to later (`--out model.safetensors`): not an
 * existing directory, and its nearest existing ancestor is a writable
 * directory (missing folders are created when the file is written).
 */
export function writableFilePath(flag: string, path: string): string {
  if (path.trim() === '' || path.endsWith('/')) {
    throw new ArgumentError(`${flag} must be a file path, received ${received(path)}`);
  }
  const existing = existingKind(path);
  if (existing === 'directory') {
    throw new ArgumentError(`${flag} must be a file path, received ${received(path)} (a directory)`);
  }
  checkAncestor(flag, path, dirname(resolve(path)));
  return path;
}

/** A folder that exists or can be created (`--plot out/`). */
export function writableDirectory(flag: string, path: string): string {
  if (path.trim() === '') throw new ArgumentError(`${flag} must be a directory, received ""`);
  const existing = existingKind(path);
  if (existing === 'file') {
    throw new ArgumentError(`${flag} must be a directory, received ${received(path)} (an existing file)`);
  }
  checkAncestor(flag, path, resolve(path));
  return path;
}

function existingKind(path: string): 'file' | 'directory' | undefined {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

/** Walks up from `folder` to the first path that exists: it must be a writable directory. */
function checkAncestor(flag: string, path: string, folder: string): void {
  let current = folder;
  for (;;) {
    const kind = existingKind(current);
    if (kind === 'directory') {
      try {
        accessSync(current, constants.W_OK);
        return;
      } catch {
        throw new ArgumentError(`${flag} cannot be written, received ${received(path)} (permission denied)`);
      }
    }
    if (kind === 'file') {
      throw new ArgumentError(`${flag} cannot be written, received ${received(path)} (a parent is a file)`);
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
