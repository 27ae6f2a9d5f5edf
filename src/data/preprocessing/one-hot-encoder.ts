import { ArgumentError, checkOptions } from '../../errors.js';
import { Tensor, type NumericArray } from '../../tensor/tensor.js';
import { DataError } from '../data-error.js';
import { checkJsonType } from './columns.js';

/** A category: a string, or a number (class ids, codes). */
export type Category = string | number;

/** The fitted state of a OneHotEncoder as plain JSON. */
export interface OneHotEncoderJSON {
  type: 'OneHotEncoder';
  categories: Category[];
  handleUnknown: 'error' | 'ignore';
}

/**
 * One column of categories → one 0/1 column per category, as scikit-learn's
 * `OneHotEncoder` on one feature: categories are sorted (numbers by value,
 * strings by code unit), and value v becomes the row with a 1 at the index of
 * v among them. An unseen value is an error, or an all-zero row with
 * `handleUnknown: 'ignore'`.
 *
 * ```ts
 * const encoder = new OneHotEncoder().fit(['b', 'a', 'b']);   // categories ['a', 'b']
 * encoder.transform(['b', 'a']);                                // [[0, 1], [1, 0]]
 * ```
 */
export class OneHotEncoder {
  readonly handleUnknown: 'error' | 'ignore';
  categories: Category[] | undefined;

  constructor(options: { handleUnknown?: 'error' | 'ignore' } = {}) {
    checkOptions('OneHotEncoder', options, ['handleUnknown']);
    const handleUnknown = options.handleUnknown ?? 'error';
    if (handleUnknown !== 'error' && handleUnknown !== 'ignore') {
      throw new ArgumentError(`OneHotEncoder: handleUnknown must be 'error' or 'ignore', received ${String(handleUnknown)}`);
    }
    this.handleUnknown = handleUnknown;
  }

  /** Learns the sorted distinct values; all must be numbers or all strings. */
  fit(values: readonly Category[] | Tensor<NumericArray>): this {
    const list = toList('fit', values);
    if (list.length === 0) throw new DataError('OneHotEncoder.fit: no values to learn categories from');
    const kinds = new Set(list.map((v) => typeof v));
    if (kinds.size > 1) throw new DataError('OneHotEncoder.fit: values must be all numbers or all strings, received both');
    this.categories = sortCategories([...new Set(list)]);
    return this;
  }

  /** [n] values → [n, k] float32 one-hot rows. */
  transform(values: readonly Category[] | Tensor<NumericArray>): Tensor<Float32Array> {
    const categories = this.fitted('transform');
    const list = toList('transform', values);
    const index = new Map(categories.map((c, i) => [c, i]));
    const k = categories.length;
    const out = new Float32Array(list.length * k);
    list.forEach((v, row) => {
      const column = index.get(v);
      if (column !== undefined) out[row * k + column] = 1;
      else if (this.handleUnknown === 'error') {
        throw new DataError(
          `OneHotEncoder.transform: value ${JSON.stringify(v)} at index ${row} was not seen in fit (categories: ${categories.join(', ')})`,
        );
      }
    });
    return new Tensor([list.length, k], out);
  }

  /** [n, k] rows → the category at each row's largest entry (null for an all-zero row). */
  inverseTransform(encoded: Tensor<NumericArray>): (Category | null)[] {
    const categories = this.fitted('inverseTransform');
    const k = categories.length;
    if (encoded.rank !== 2 || encoded.shape[1] !== k) {
      throw new ArgumentError(`OneHotEncoder.inverseTransform expected shape [n, ${k}], received [${encoded.shape.join(', ')}]`);
    }
    const out: (Category | null)[] = [];
    for (let i = 0; i < encoded.shape[0]; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (encoded.data[i * k + j] > encoded.data[i * k + best]) best = j;
      out.push(encoded.data[i * k + best] > 0 ? categories[best] : null);
    }
    return out;
  }

  fitTransform(values: readonly Category[] | Tensor<NumericArray>): Tensor<Float32Array> {
    return this.fit(values).transform(values);
  }

  /** Column names for the encoded columns: `prefix=category`. */
  featureNames(prefix: string): string[] {
    return this.fitted('featureNames').map((c) => `${prefix}=${c}`);
  }

  toJSON(): OneHotEncoderJSON {
    return { type: 'OneHotEncoder', categories: [...this.fitted('toJSON')], handleUnknown: this.handleUnknown };
  }

  static fromJSON(json: unknown): OneHotEncoder {
    const object = checkJsonType('OneHotEncoder', json);
    const categories = object.categories;
    if (
      !Array.isArray(categories) ||
      categories.length === 0 ||
      !(categories.every((c) => typeof c === 'string') || categories.every((c) => typeof c === 'number' && Number.isFinite(c)))
    ) {
      throw new ArgumentError(`OneHotEncoder.fromJSON: categories must be a non-empty array of strings or of numbers, received ${JSON.stringify(categories)}`);
    }
    const encoder = new OneHotEncoder({ handleUnknown: object.handleUnknown as 'error' | 'ignore' });
    encoder.categories = [...(categories as Category[])];
    return encoder;
  }

  private fitted(method: string): Category[] {
    if (this.categories === undefined) throw new ArgumentError(`OneHotEncoder.${method}: call fit() first`);
    return this.categories;
  }
}

/** Numbers ascending, strings by code unit: the order scikit-learn's `np.unique` gives. */
export function sortCategories<C extends Category>(values: C[]): C[] {
  return values.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0));
}

function toList(method: string, values: readonly Category[] | Tensor<NumericArray>): Category[] {
  if (values instanceof Tensor) {
    if (values.rank !== 1 && !(values.rank === 2 && values.shape[1] === 1)) {
      throw new ArgumentError(`OneHotEncoder.${method} expected a tensor of shape [n] or [n, 1], received [${values.shape.join(', ')}]`);
    }
    return Array.from(values.data);
  }
  if (!Array.isArray(values)) throw new ArgumentError(`OneHotEncoder.${method} expected an array or a Tensor`);
  values.forEach((v, i) => {
    if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
      throw new DataError(`OneHotEncoder.${method}: value at index ${i} must be a string or a finite number, received ${String(v)}`);
    }
  });
  return [...values];
}
