import type { Initializer } from './initializer.js';

/** The number rules spec fields follow. */
export type NumberRule = 'finite' | 'nonNegative' | 'positive' | 'probability' | 'unit' | 'count';

const RULES: Record<NumberRule, [string, (x: number) => boolean]> = {
  finite: ['a finite number', () => true],
  nonNegative: ['a finite number >= 0', (x) => x >= 0],
  positive: ['a finite number > 0', (x) => x > 0],
  probability: ['a number in [0, 1)', (x) => x >= 0 && x < 1],
  unit: ['a number in [0, 1]', (x) => x >= 0 && x <= 1],
  count: ['an integer >= 1', (x) => Number.isSafeInteger(x) && x >= 1],
};

/** A short JSON rendering of an untrusted value for messages (`nothing` when absent). */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reads the fields of one untrusted JSON object (a layer of a model file's
 * architecture, a `--config`), checking each against its rule, so that
 * nothing unchecked reaches a constructor. `where` names the object in
 * messages (`layer 2 (Conv2D)`); `fail` throws the caller's error type.
 *
 * ```ts
 * const units = reader.number('units', 'count');   // or fail('layer 0 (Dense) units must be an integer >= 1, received -3')
 * ```
 */
export class SpecReader {
  readonly fields: Readonly<Record<string, unknown>>;

  constructor(
    value: unknown,
    readonly where: string,
    readonly fail: (message: string) => never,
  ) {
    this.fields = SpecReader.record(value, `${where} must be a JSON object`, fail);
  }

  /** `value` as an object with string keys, or fail with `message`. */
  static record(value: unknown, message: string, fail: (message: string) => never): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${message}, received ${showValue(value)}`);
    return value as Record<string, unknown>;
  }

  /** A number field following `rule`. */
  number(key: string, rule: NumberRule): number {
    const value = this.fields[key];
    const [wanted, ok] = RULES[rule];
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
      return this.fail(`${this.where} ${key} must be ${wanted}, received ${showValue(value)}`);
    }
    return value;
  }

  /** An `[a, b]` pair of integers >= 1 (kernel sizes, strides); one integer n stands for [n, n]. */
  pair(key: string): [number, number] {
    const given = this.fields[key];
    const value = typeof given === 'number' ? [given, given] : given;
    if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => Number.isSafeInteger(v) && (v as number) >= 1)) {
      return this.fail(`${this.where} ${key} must be a pair [height, width] of integers >= 1, received ${showValue(given)}`);
    }
    return [value[0] as number, value[1] as number];
  }

  /** A string field that is one of `choices`. */
  choice<T extends string>(key: string, choices: readonly T[]): T {
    const value = this.fields[key];
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      return this.fail(`${this.where} ${key} must be one of ${choices.map((c) => `"${c}"`).join(', ')}, received ${showValue(value)}`);
    }
    return value as T;
  }

  /** The `initializer` field: `{ kind: 'book', scale }`, `{ kind: 'xavier' }` or `{ kind: 'he' }`. */
  initializer(): Initializer {
    const inner = new SpecReader(this.fields.initializer, `${this.where} initializer`, this.fail);
    const kind = inner.choice('kind', ['book', 'xavier', 'he'] as const);
    return kind === 'book' ? { kind, scale: inner.number('scale', 'positive') } : { kind };
  }
}
