import type { NumericArray, Tensor } from './tensor.js';

/** Where a tensor holds its first NaN or ±Infinity. */
export interface NonFiniteValue {
  /** The value found: NaN, Infinity or -Infinity. */
  value: number;
  /** Its row (the first index). */
  row: number;
  /** The rest of its position, as messages print it: `column 3`, `position [4, 7, 0]`, or '' for a [n] tensor. */
  within: string;
}

/**
 * The index of the first NaN or ±Infinity in `values`, or -1 when all are
 * finite. One linear pass: v·0 is 0 for finite v and NaN otherwise, so a sum
 * of `v * 0` over the data is NaN exactly when something is not finite, with
 * no branch per value; only then is the index looked for.
 */
export function nonFiniteIndex(values: ArrayLike<number>): number {
  let probe = 0;
  for (let i = 0; i < values.length; i++) probe += values[i] * 0;
  if (probe === 0) return -1;
  let index = 0;
  while (Number.isFinite(values[index])) index++;
  return index;
}

/**
 * The first NaN or ±Infinity in `x` (found by `nonFiniteIndex`), or null
 * when every value is finite. Integer arrays hold only finite values and are
 * not read.
 *
 * ```ts
 * firstNonFinite(Tensor.from([[1, 2], [3, NaN]]));   // { value: NaN, row: 1, within: 'column 1' }
 * ```
 */
export function firstNonFinite(x: Tensor<NumericArray>): NonFiniteValue | null {
  const data = x.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) return null;
  const index = nonFiniteIndex(data);
  if (index < 0) return null;
  const columns = x.columns;
  const row = Math.floor(index / columns);
  const offset = index % columns;
  const sample = x.shape.slice(1);
  let within = '';
  if (sample.length === 1) within = `column ${offset}`;
  else if (sample.length > 1) {
    const position: number[] = [];
    let rest = offset;
    for (let d = sample.length - 1; d >= 0; d--) {
      position.unshift(rest % sample[d]);
      rest = Math.floor(rest / sample[d]);
    }
    within = `position [${position.join(', ')}]`;
  }
  return { value: data[index], row, within };
}

/** `row 17, column 3`: where a NonFiniteValue is, for messages. */
export function formatPlace(found: NonFiniteValue): string {
  return found.within === '' ? `row ${found.row}` : `row ${found.row}, ${found.within}`;
}
