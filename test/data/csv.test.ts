import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadCsv, parseCsv } from '../../src/data/csv.js';
import { MAX_CATEGORIES } from '../../src/data/csv-columns.js';
import { DataError } from '../../src/data/data-error.js';
import { INFLATE_RATIO_GRACE, MAX_INFLATED_BYTES } from '../../src/data/gzip.js';
import { DEV_ZERO, makeFifo } from '../special-files.js';

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
      { column: 'a', count: 1, strategy: 'median', value: 4, rows: Int32Array.from([1]) },
      { column: 'b', count: 1, strategy: 'mostFrequent', value: 'y', rows: Int32Array.from([2]) },
      { column: 'c', count: 2, strategy: 'median', value: 6, rows: Int32Array.from([0, 3]) },
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

  it('reads the bytes of a File, an ArrayBuffer or a Uint8Array view, plain or gzipped, naming the File', async () => {
    const text = 'x,price\n5,6\n7,8\n';
    const plain = new TextEncoder().encode(text);
    const gzipped = new Uint8Array(gzipSync(text));
    const padded = new Uint8Array(plain.length + 3);
    padded.set(plain, 3);
    for (const source of [new File([plain], 'a.csv'), new File([gzipped], 'a.csv.gz'), plain.slice().buffer, gzipped, padded.subarray(3)]) {
      const { x, y } = await loadCsv(source, regression);
      expect([Array.from(x.data), Array.from(y.data)]).toEqual([[5, 7], [6, 8]]);
    }
    await expect(loadCsv(new File(['x,price\n1\n'], 'ragged.csv'), regression)).rejects.toThrow(
      'ragged.csv: row 1 (line 2) has 1 fields, the header has 2',
    );
    await expect(loadCsv(new File([gzipped.subarray(0, 12)], 'cut.csv.gz'), regression)).rejects.toThrow(
      'cut.csv.gz: not a valid gzip file',
    );
    await expect(loadCsv(42 as never, regression)).rejects.toThrow(
      'loadCsv: source must be a path or file: URL, a Blob/File, an ArrayBuffer or a Uint8Array, received [object Number]',
    );
  });
});

describe('loadCsv on hostile files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'scratchnet-csv-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops inflating a gzip bomb at the ratio limit, after 16 MiB, not at its 20 MB', async () => {
    // 5 000 000 rows of "0,0": 20 MB of text in 19 KB of gzip, a ratio of about 1000.
    const bomb = path.join(dir, 'bomb.csv.gz');
    const compressed = gzipSync(`x,price\n${'0,0\n'.repeat(5_000_000)}`);
    writeFileSync(bomb, compressed);
    const progress: number[] = [];
    const refusal = loadCsv(bomb, { ...regression, onProgress: (bytesRead) => progress.push(bytesRead) });
    await expect(refusal).rejects.toThrow(DataError);
    // 16 MiB + one 64 KiB inflated chunk: the refusal comes on the first chunk past the grace.
    await expect(refusal).rejects.toThrow(
      `${bomb}: inflates more than 100× (${INFLATE_RATIO_GRACE + 65536} bytes from the first ${compressed.length} compressed bytes), as a gzip bomb does; option maxInflateRatio raises the limit`,
    );
    expect(progress.at(-1)).toBe(compressed.length);
  });

  it('maxInflatedBytes and maxInflateRatio set the limits', async () => {
    const file = path.join(dir, 'rows.csv.gz');
    const compressed = gzipSync(`x,price\n${'1,2\n'.repeat(1000)}`);
    writeFileSync(file, compressed);
    await expect(loadCsv(file, { ...regression, maxInflatedBytes: 1000 })).rejects.toThrow(
      `${file}: inflates to more than 1000 bytes (the limit; option maxInflatedBytes raises it) from ${compressed.length} compressed bytes`,
    );
    expect((await loadCsv(file, { ...regression, maxInflatedBytes: 4008 })).x.shape).toEqual([1000, 1]);
    await expect(loadCsv(file, { ...regression, maxInflateRatio: 0 })).rejects.toThrow('loadCsv: maxInflateRatio must be a finite number > 0, received 0');
    expect(MAX_INFLATED_BYTES).toBe(2 ** 30);
  });

  it('refuses a FIFO, /dev/zero and a file above maxBytes without reading them', async () => {
    const fifo = makeFifo(dir, 'rows.csv');
    await expect(loadCsv(fifo, regression)).rejects.toThrow(`loadCsv: "${fifo}" is a FIFO (named pipe), not a regular file; only regular files are read`);
    await expect(loadCsv(DEV_ZERO, regression)).rejects.toThrow(`loadCsv: "${DEV_ZERO}" is a character device, not a regular file; only regular files are read`);
    await expect(loadCsv(dir, regression)).rejects.toThrow(`loadCsv: "${dir}" is a folder, not a regular file; only regular files are read`);
    const file = path.join(dir, 'small.csv');
    writeFileSync(file, 'x,price\n1,2\n');
    await expect(loadCsv(file, { ...regression, maxBytes: 5 })).rejects.toThrow(
      `loadCsv: "${file}" holds 12 bytes, more than the limit of 5 bytes (option maxBytes raises it)`,
    );
  });

  it('reports progress as the file is read, parsing it once in chunks', async () => {
    const file = path.join(dir, 'big.csv');
    const rows = 300_000;
    writeFileSync(file, `a,b,price\n${Array.from({ length: rows }, (_, i) => `${i},${i % 7},${i % 3}.5`).join('\n')}\n`);
    const seen: [number, number][] = [];
    const table = await loadCsv(file, { ...regression, onProgress: (bytesRead, totalBytes) => seen.push([bytesRead, totalBytes]) });
    expect(table.x.shape).toEqual([rows, 2]);
    expect(table.x.data[2 * (rows - 1)]).toBe(rows - 1);
    expect(table.y.data[rows - 1]).toBe(((rows - 1) % 3) + 0.5);
    const size = statSync(file).size;
    expect(seen.length).toBe(Math.ceil(size / 2 ** 20));
    expect(seen.at(-1)).toEqual([size, size]);
  });
});

describe('categorical explosion', () => {
  const ids = (n: number): string => `id,f,label\n${Array.from({ length: n }, (_, i) => `u${i},${i % 2},${i % 2 ? 'a' : 'b'}`).join('\n')}\n`;
  const classification = { target: 'label', task: 'classification' } as const;

  it('refuses a text column with more than 1000 distinct values, on the row where it passes the limit', () => {
    expect(MAX_CATEGORIES).toBe(1000);
    expect(() => parseCsv(ids(10_000), classification, 'users.csv')).toThrow(
      'users.csv: column "id" has more than 1000 distinct values (passed at row 1001), too many to one-hot encode; drop it (drop: ["id"]) or raise the limit with maxCategories',
    );
    expect(parseCsv(ids(1000), classification).featureNames.length).toBe(1001);
    expect(parseCsv(ids(10_000), { ...classification, drop: ['id'] }).featureNames).toEqual(['f']);
    expect(parseCsv(ids(3000), { ...classification, maxCategories: 3000 }).x.shape).toEqual([3000, 3001]);
  });

  it('keeps numeric columns with many values numeric, and refuses one that turns to text late', () => {
    const text = `n,label\n${Array.from({ length: 2000 }, (_, i) => `${i / 7},${i % 2}`).join('\n')}\nx,1\n`;
    expect(() => parseCsv(text, classification)).toThrow(
      'CSV: column "n" has more than 1000 distinct values (passed at row 2001), too many to one-hot encode; drop it (drop: ["n"]) or raise the limit with maxCategories',
    );
    expect(parseCsv(text.replace('x,1\n', '5,1\n'), classification).featureNames).toEqual(['n']);
    expect(() => parseCsv(ids(10), { ...classification, categorical: ['f'], maxCategories: 1 })).toThrow(
      'loadCsv: maxCategories must be an integer >= 2, received 1',
    );
  });

  it("drops such columns instead with tooManyCategories: 'drop', and says so in the report", () => {
    const table = parseCsv(ids(3000), { ...classification, tooManyCategories: 'drop' }, 'users.csv');
    expect(table.featureNames).toEqual(['f']);
    expect(table.x.shape).toEqual([3000, 1]);
    expect(table.report.dropped).toEqual(['id']);
    expect(table.report.tooManyCategories).toEqual(['id']);
    expect(table.report.summary).toContain('dropped: id (more than 1000 distinct values, too many to one-hot encode)');
    expect(table.report.summary).not.toContain('dropped: id\n');
    // below the limit the column is kept; the target is never dropped
    expect(parseCsv(ids(500), { ...classification, tooManyCategories: 'drop' }).featureNames).toHaveLength(501);
    const labels = `f,label\n${Array.from({ length: 1500 }, (_, i) => `1,c${i}`).join('\n')}\n`;
    expect(() => parseCsv(labels, { ...classification, tooManyCategories: 'drop' })).toThrow('CSV: target "label" has more than 1000 distinct classes');
    expect(() => parseCsv(ids(10), { ...classification, tooManyCategories: 'keep' as never })).toThrow(
      "loadCsv: tooManyCategories must be 'error' or 'drop', received keep",
    );
  });

  it('bounds the classes of a classification target the same way', () => {
    const text = `f,label\n${Array.from({ length: 1500 }, (_, i) => `1,c${i}`).join('\n')}\n`;
    expect(() => parseCsv(text, classification)).toThrow(
      "CSV: target \"label\" has more than 1000 distinct classes (passed at row 1001); raise the limit with maxCategories, or use task 'regression' for a numeric target",
    );
  });
});

describe('float32 range', () => {
  it('refuses a number that is finite in float64 but not in float32 (it would be Infinity in x)', () => {
    expect(() => parseCsv('a,price\n1e209,1\n', regression)).toThrow('CSV: row 1 (line 2), column "a": value "1e209" is beyond float32 (largest 3.4028234663852886e+38)');
    expect(parseCsv('a,price\n3.4e38,1\n', regression).x.data[0]).toBe(Math.fround(3.4e38));
  });
});

describe("task 'auto'", () => {
  it('takes text and at most 20 whole numbers for classes, anything else numeric for regression', () => {
    const auto = { target: 'y', task: 'auto' } as const;
    expect(parseCsv('f,y\n1,cat\n2,dog\n', auto).report.task).toBe('classification');
    const digits = parseCsv('f,y\n1,3\n2,1\n3,3.0\n', auto);
    expect(digits.report.task).toBe('classification');
    expect(digits.classNames).toEqual(['1', '3']);
    expect(Array.from(digits.y.data)).toEqual([1, 0, 1]);
    expect(parseCsv('f,y\n1,0.5\n2,1\n', auto).report.task).toBe('regression');
    const many = `f,y\n${Array.from({ length: 21 }, (_, i) => `1,${i}`).join('\n')}\n`;
    expect(parseCsv(many, auto).report.task).toBe('regression');
    const endless = `f,y\n${Array.from({ length: 1500 }, (_, i) => `1,${i}`).join('\n')}\n`;
    expect(Array.from(parseCsv(endless, auto).y.data.subarray(1495))).toEqual([1495, 1496, 1497, 1498, 1499]);
  });
});

describe('features', () => {
  const text = 'id,a,b,c,label\n1,0.5,x,3,p\n2,1.5,y,4,q\n3,2.5,x,5,p\n';
  const options = { target: 'label', task: 'classification' } as const;

  it('keeps only the listed columns as features, in file order, and reports the others as dropped', () => {
    const table = parseCsv(text, { ...options, features: ['c', 'a'] });
    expect(table.featureNames).toEqual(['a', 'c']);
    expect(Array.from(table.x.data)).toEqual([0.5, 3, 1.5, 4, 2.5, 5]);
    expect(table.report.dropped).toEqual(['id', 'b']);
  });

  it('names a feature that is not a column, the target, one also dropped, or an empty list', () => {
    expect(() => parseCsv(text, { ...options, features: ['a', 'z'] }, 'f.csv')).toThrow(
      'loadCsv: features names column "z", which is not in f.csv (columns: id, a, b, c, label)',
    );
    expect(() => parseCsv(text, { ...options, features: ['a', 'label'] })).toThrow('loadCsv: features names the target "label"; list only the inputs');
    expect(() => parseCsv(text, { ...options, features: ['a'], drop: ['a'] })).toThrow('loadCsv: column "a" is listed in both features and drop');
    expect(() => parseCsv(text, { ...options, features: [] })).toThrow('loadCsv: features must be a non-empty list of column names, received []');
  });
});
