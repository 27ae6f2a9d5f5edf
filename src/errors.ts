/**
 * Typed errors. Every message names the thing, the rule and what was received:
 * `Dense(784→128) expected input with 784 columns, received shape [128, 28]`.
 */
export class ScratchnetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A tensor had the wrong shape for where it was used. */
export class ShapeError extends ScratchnetError {}

/** An argument or option was out of range, of the wrong type, or unknown. */
export class ArgumentError extends ScratchnetError {}

/** Training produced a non-finite loss or gradient. */
export class NumericalError extends ScratchnetError {}

/** A model, layer, loss or optimizer was used after `dispose()` gave its buffers back. */
export class DisposedError extends ScratchnetError {}

/** How each kind of object is replaced once disposed, for DisposedError messages. */
const REPLACEMENT = {
  model: 'build or load a new one',
  layer: 'create a new one',
  loss: 'create a new one',
  optimizer: 'create a new one',
} as const;

/**
 * Throws a DisposedError when `disposed`, naming the object:
 * `Dense(2→64): this layer was disposed; create a new one`.
 */
export function checkNotDisposed(disposed: boolean, owner: string, kind: keyof typeof REPLACEMENT): void {
  if (disposed) throw new DisposedError(`${owner}: this ${kind} was disposed; ${REPLACEMENT[kind]}`);
}

/**
 * How messages name a value of the wrong kind: `an Array`, `a Float32Array`,
 * `a number (42)`, `a string (x)`, `null`, `undefined`, `an object (Map)`.
 */
export function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an Array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no prototype'})`;
  return `a ${typeof value} (${String(value)})`;
}

/** Formats a shape the way messages print it: `[300, 2]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Throws an ArgumentError unless `value` is a finite number (optionally > 0, >= 0, in [0, 1) or in [0, 1]). */
export function checkNumber(
  owner: string,
  name: string,
  value: unknown,
  rule: 'finite' | 'positive' | 'nonNegative' | 'probability' | 'unit' = 'finite',
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule === 'finite' ||
      (rule === 'positive' && value > 0) ||
      (rule === 'nonNegative' && value >= 0) ||
      (rule === 'probability' && value >= 0 && value < 1) ||
      (rule === 'unit' && value >= 0 && value <= 1));
  if (!ok) {
    const wanted = {
      finite: 'a finite number',
      positive: 'a finite number > 0',
      nonNegative: 'a finite number >= 0',
      probability: 'a number in [0, 1)',
      unit: 'a number in [0, 1]',
    }[rule];
    throw new ArgumentError(`${owner}: ${name} must be ${wanted}, received ${String(value)}`);
  }
  return value as number;
}

/** Throws an ArgumentError unless `value` is an integer >= `min`. */
export function checkInteger(owner: string, name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ArgumentError(`${owner}: ${name} must be an integer >= ${min}, received ${String(value)}`);
  }
  return value;
}

/** Throws an ArgumentError unless `options` is an object whose keys are all in `known`. */
export function checkOptions(owner: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ArgumentError(`${owner}: options must be an object like { ${known[0]}: … }, received ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ArgumentError(`${owner}: unknown option "${key}" (known: ${known.join(', ')})`);
    }
  }
}

/** A model file is malformed, disagrees with its architecture, or could not be read or written. */
export class ModelFileError extends ScratchnetError {}
