import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadCsv, parseCsv } from '../../src/data/csv.js';

const regression = { target: 'price', task: 'regression' } as const;

describe('parseCsv', () => {
  it('keeps numeric columns, one-hot encodes text columns in file order, and reports it', () => {
    const text = 'rooms,city,price\n3,Paris,300.5\n2,Lyon,150\n4,Paris,420\n';
    const { x, y, featureNames, report } = parseCsv(text, regression, 'houses.csv');
    expect(featureNames).toEqual(['rooms', 'city=Lyon', 'city=Paris']);
    expect(x.toArray()).toEqual([[3, 0, 1], [2, 1, 0], [4, 0, 1]]);
    expect(y.shape).toEqual([3, 1]);
    expect(Array.from(y.data)).toEqual([300.5, 150, 420]);
    expect(report).toMatchObject({
      rows: 3, columns: 3, features: 3, numericColumns: ['rooms'],
      categoricalColumns: [{ name: 'city', categories: ['Lyon', 'Paris'] }], imputed: [], dropped: [],
    });
    expect(report.summary).toBe(
      'houses.csv: 3 rows, 3 columns → 3 features, target "price" (regression)\n' +
        'numeric: rooms\none-hot: city → 2 columns (Lyon, Paris)',
    );
  });

  it('imputes missing numbers with the median (or mean) and categories with the most frequent value', () => {
    const text = 'a,b,c,price\n1,x,,1\n,y,5,2\n4,,7,3\n10,y,,4\n';
    const median = parseCsv(text, regression);
    expect(median.x.toArray()).toEqual([
      [1, 1, 0, 6], [4, 0, 1, 5], [4, 0, 1, 7], [10, 0, 1, 6],
    ]);
    expect(median.report.imputed).toEqual([
      { column: 'a', count: 1, strategy: 'median', value: 4 },
      { column: 'b', count: 1, strategy: 'mostFrequent', value: 'y' },
      { column: 'c', count: 2, strategy: 'median', value: 6 },
    ]);
    const mean = parseCsv(text, { ...regression, impute: { numeric: 'mean' } });
    expect(mean.x.data[4]).toBe(5); // (1 + 4 + 10) / 3
    expect(() => parseCsv(text, { ...regression, impute: { numeric: 'error' } })).toThrow(
      'CSV: row 2 (line 3), column "a": missing value (impute.numeric is \'error\')',
    );
  });

  it('classification: sorted class names, numeric labels sorted by value', () => {
    const text = 'f,label\n1,cat\n2,dog\n3,cat\n';
    const animals = parseCsv(text, { target: 'label', task: 'classification' });
    expect(animals.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(animals.y.data)).toEqual([0, 1, 0]);
    expect(animals.y.data).toBeInstanceOf(Int32Array);
    const digits = parseCsv('f,label\n1,10\n2,9\n3,10\n', { target: 'label', task: 'classification' });
    expect(digits.classNames).toEqual(['9', '10']);
    expect(Array.from(digits.y.data)).toEqual([1, 0, 1]);
  });

  it('honours categorical, numeric and drop options', () => {
    const text = 'id,zip,size,price\n1,75001,3,10\n2,69001,4,20\n';
    const { featureNames, report } = parseCsv(text, { ...regression, categorical: ['zip'], drop: ['id'] });
    expect(featureNames).toEqual(['zip=69001', 'zip=75001', 'size']);
    expect(report.dropped).toEqual(['id']);
    expect(() => parseCsv('a,price\n1,2\nx,3\n', { ...regression, numeric: ['a'] })).toThrow(
      'CSV: row 2 (line 3), column "a": expected a number, received "x"',
    );
    expect(() => parseCsv(text, { ...regression, drop: ['nope'] })).toThrow(
      'loadCsv: drop names column "nope", which is not in CSV (columns: id, zip, size, price)',
    );
  });

  it('names the row and column of bad data', () => {
    expect(() => parseCsv('a,b,price\n1,2,3\n4,5\n', regression, 'f.csv')).toThrow(
      'f.csv: row 2 (line 3) has 2 fields, the header has 3',
    );
    expect(() => parseCsv('a,price\n1,2\n2,cheap\n', regression)).toThrow(
      'CSV: row 2 (line 3), column "price": regression target must be a number, received "cheap"',
    );
    expect(() => parseCsv('a,price\n1,2\nNaN,3\n', regression)).toThrow(
      'CSV: row 2 (line 3), column "a": non-finite value "NaN"; leave the cell empty to mark a missing value',
    );
    expect(() => parseCsv('a,price\n1,-Infinity\n', regression)).toThrow('column "price": non-finite value "-Infinity"');
    expect(() => parseCsv('a,price\n1e999,1\n', regression)).toThrow('column "a": non-finite value "1e999"');
    expect(() => parseCsv('a,price\n1,\n', regression)).toThrow('CSV: row 1 (line 2), column "price": the target is missing');
  });

  it('rejects empty files, missing targets, one-class labels and bad headers', () => {
    expect(() => parseCsv('', regression, 'empty.csv')).toThrow('empty.csv: the file is empty');
    expect(() => parseCsv('\n\n', regression, 'blank.csv')).toThrow('blank.csv: the file is empty');
    expect(() => parseCsv('a,price\n', regression)).toThrow('CSV: has a header but no data rows');
    expect(() => parseCsv('a,b\n1,2\n', regression)).toThrow('CSV: target column "price" not found (columns: a, b)');
    expect(() => parseCsv('a,label\n1,x\n2,x\n', { target: 'label', task: 'classification' })).toThrow(
      'CSV: target "label" has only one class ("x"); classification needs at least two',
    );
    expect(() => parseCsv('a,a,price\n1,2,3\n', regression)).toThrow('CSV: header names column "a" twice');
    expect(() => parseCsv('a,b,price\n,1,3\n,2,4\n', regression)).toThrow('CSV: column "a" has no values (every cell is empty)');
    expect(() => parseCsv('a,price\n"1,2\n', regression)).toThrow(/^CSV: Quote Not Closed/);
  });
});

describe('loadCsv', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'scratchnet-csv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads plain and gzipped files, naming the file in errors', async () => {
    const plain = path.join(dir, 'a.csv');
    writeFileSync(plain, '\ufeffx,price\r\n1,2\r\n3,4\r\n');
    expect(Array.from((await loadCsv(plain, regression)).x.data)).toEqual([1, 3]);
    const gz = path.join(dir, 'b.csv.gz');
    writeFileSync(gz, gzipSync('x,price\n5,6\n'));
    expect(Array.from((await loadCsv(gz, regression)).y.data)).toEqual([6]);
    const ragged = path.join(dir, 'c.csv');
    writeFileSync(ragged, 'x,price\n1\n');
    await expect(loadCsv(ragged, regression)).rejects.toThrow(`${ragged}: row 1 (line 2) has 1 fields, the header has 2`);
    await expect(loadCsv(path.join(dir, 'none.csv'), regression)).rejects.toThrow(
      `loadCsv: cannot read "${path.join(dir, 'none.csv')}": ENOENT: no such file or directory`,
    );
  });
});
