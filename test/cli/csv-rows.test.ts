import { describe, expect, it } from 'vitest';
import { featureRows, type CsvRows } from '../../src/cli/csv-rows.js';
import { DataError } from '../../src/data/data-error.js';

const metadata = { featureNames: ['size', 'color=blue', 'color=red'], imputed: { color: 'red' } };
const table = (rows: string[][]): CsvRows => ({ source: '--csv rows.csv', header: ['size', 'color'], rows });

describe('featureRows and categories not seen in training', () => {
  it('one-hot encodes the known ones (an empty cell takes the imputed value)', () => {
    const x = featureRows(table([['1', 'blue'], ['2', 'red'], ['3', '']]), 3, metadata);
    expect(Array.from(x.data)).toEqual([1, 1, 0, 2, 0, 1, 3, 0, 1]);
  });

  it('refuses an unseen value by default, naming the row, the column and the value', () => {
    const rows = table([['1', 'blue'], ['2', 'green']]);
    expect(() => featureRows(rows, 3, metadata)).toThrow(DataError);
    expect(() => featureRows(rows, 3, metadata)).toThrow(
      `--csv rows.csv: row 2, column "color" holds "green", a category not seen in training (known: blue, red); --unknown-categories zeros encodes it as all zeros`,
    );
    const noFill = { featureNames: metadata.featureNames };
    expect(() => featureRows(table([['1', '']]), 3, noFill)).toThrow('row 1, column "color" holds "", a category not seen in training');
  });

  it("encodes it as all zeros with unknownCategories: 'zeros'", () => {
    const x = featureRows(table([['2', 'green']]), 3, metadata, undefined, { unknownCategories: 'zeros' });
    expect(Array.from(x.data)).toEqual([2, 0, 0]);
    expect(() => featureRows(table([['2', 'green']]), 3, metadata, undefined, { unknownCategories: 'skip' as 'zeros' })).toThrow(
      "featureRows: unknownCategories must be 'error' or 'zeros', received skip",
    );
  });
});
