import { ArgumentError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { ChunkedArray } from './chunked-array.js';
import { DataError } from './data-error.js';
import { isDecimal } from './decimal.js';
import { sortCategories } from './preprocessing/one-hot-encoder.js';
import type { CsvReport, CsvTable } from './csv.js';

/** The most distinct values a text column may have before one-hot encoding refuses it (option `maxCategories`). */
export const MAX_CATEGORIES = 1000;

/**
 * A numeric target with at most this many distinct whole values is taken for
 * class labels by `task: 'auto'`; anything else numeric is a regression target.
 */
export const MAX_GUESSED_CLASSES = 20;

const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
/** The largest float32: x and y are float32, so a larger number would become Infinity. */
const MAX_FLOAT32 = 3.4028234663852886e38;

/** The loadCsv options the column reader needs, validated. */
export interface ColumnRules {
  target: string;
  task: 'classification' | 'regression' | 'auto';
  categorical: readonly string[];
  numeric: readonly string[];
  drop: readonly string[];
  /** Undefined: every column but the target and `drop`; else only these as features. */
  features: readonly string[] | undefined;
  impute: { numeric: 'median' | 'mean' | 'error'; categorical: 'mostFrequent' | 'error' };
  maxCategories: number;
  tooManyCategories: 'error' | 'drop';
}

/**
 * What is kept of one column while the rows stream past: its numbers while
 * every cell so far is a number (NaN marks an empty cell), and its distinct
 * values with a code per row while there are at most maxCategories of them
 * (-1 marks an empty cell). A column that turns out to be text with more
 * distinct values than that is refused on the row where it happens, so
 * nothing grows with the number of distinct values.
 */
interface Column {
  name: string;
  /** Position in the header. */
  index: number;
  numbers: ChunkedArray<Float64Array> | undefined;
  /** Every non-empty cell so far is a decimal number. */
  numeric: boolean;
  dictionary: Map<string, number> | undefined;
  codes: ChunkedArray<Int32Array> | undefined;
  /** The dictionary passed maxCategories while the column was numeric, and was dropped. */
  overflowed: boolean;
  /** tooManyCategories 'drop': the column turned out to have too many categories; its cells are skipped. */
  dropped: boolean;
  missing: number;
  firstMissing: number;
  firstMissingLine: number;
}

/**
 * Reads a CSV table row by row in one pass (header first), keeping per
 * column only what building `x` and `y` needs (see Column), then builds the
 * float32 matrix once: peak memory is about 8 bytes per numeric cell (12
 * while a column has few distinct values) plus the 4 of the matrix, whatever
 * the size of the text.
 */
export class CsvColumnReader {
  private header: string[] | undefined;
  private columns: Column[] = [];
  private target: Column | undefined;
  private rows = 0;
  /** Columns dropped for having more than maxCategories distinct values (tooManyCategories 'drop'), in the order found. */
  private tooMany: string[] = [];

  constructor(
    private readonly rules: ColumnRules,
    private readonly source: string,
  ) {}

  /** Takes the next record; `line` is the line of the file where it ends. */
  record(record: string[], line: number): void {
    if (this.header === undefined) {
      this.readHeader(record);
      return;
    }
    const header = this.header;
    const row = this.rows;
    if (record.length !== header.length) {
      throw new DataError(`${this.source}: row ${row + 1} (line ${line}) has ${record.length} fields, the header has ${header.length}`);
    }
    for (const column of this.columns) if (!column.dropped) this.cell(column, record[column.index], row, line);
    this.rows++;
  }

  private readHeader(header: string[]): void {
    const { source, rules } = this;
    header.forEach((name, j) => {
      if (name === '') throw new DataError(`${source}: header column ${j + 1} has no name`);
      if (header.indexOf(name) !== j) throw new DataError(`${source}: header names column "${name}" twice`);
    });
    const known = (list: readonly string[], option: string): Set<string> => {
      for (const name of list) {
        if (!header.includes(name)) throw new ArgumentError(`loadCsv: ${option} names column "${name}", which is not in ${source} (columns: ${header.join(', ')})`);
      }
      return new Set(list);
    };
    if (!header.includes(rules.target)) {
      throw new DataError(`${source}: target column "${rules.target}" not found (columns: ${header.join(', ')})`);
    }
    const categorical = known(rules.categorical, 'categorical');
    const numeric = known(rules.numeric, 'numeric');
    const dropped = known(rules.drop, 'drop');
    if (rules.features !== undefined) {
      const features = known(rules.features, 'features');
      if (features.has(rules.target)) throw new ArgumentError(`loadCsv: features names the target "${rules.target}"; list only the inputs`);
      const both = rules.features.find((name) => dropped.has(name));
      if (both !== undefined) throw new ArgumentError(`loadCsv: column "${both}" is listed in both features and drop`);
      for (const name of header) if (name !== rules.target && !features.has(name)) dropped.add(name);
    }
    for (const name of categorical) {
      if (numeric.has(name)) throw new ArgumentError(`loadCsv: column "${name}" is listed as both categorical and numeric`);
    }
    if (dropped.has(rules.target)) throw new ArgumentError(`loadCsv: the target "${rules.target}" cannot be dropped`);
    this.header = header;
    header.forEach((name, index) => {
      if (dropped.has(name)) return;
      const isTarget = name === rules.target;
      const keepNumbers = isTarget ? rules.task !== 'classification' : !categorical.has(name);
      const keepDictionary = isTarget ? rules.task !== 'regression' : !numeric.has(name);
      const column: Column = {
        name, index,
        numbers: keepNumbers ? new ChunkedArray(Float64Array) : undefined,
        numeric: isTarget || !categorical.has(name),
        dictionary: keepDictionary ? new Map() : undefined,
        codes: keepDictionary ? new ChunkedArray(Int32Array) : undefined,
        overflowed: false, dropped: false, missing: 0, firstMissing: -1, firstMissingLine: 0,
      };
      this.columns.push(column);
      if (isTarget) this.target = column;
    });
  }

  private cell(column: Column, cell: string, row: number, line: number): void {
    const isTarget = column === this.target;
    if (cell === '') {
      if (isTarget) throw new DataError(`${this.where(column, row, line)}: the target is missing`);
      if (column.missing++ === 0) {
        column.firstMissing = row;
        column.firstMissingLine = line;
      }
      column.numbers?.push(Number.NaN);
      column.codes?.push(-1);
      return;
    }
    if (isDecimal(cell)) {
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new DataError(`${this.where(column, row, line)}: non-finite value "${cell}"; leave the cell empty to mark a missing value`);
      if (Math.abs(value) > MAX_FLOAT32) throw new DataError(`${this.where(column, row, line)}: value "${cell}" is beyond float32 (largest ${MAX_FLOAT32})`);
      column.numbers?.push(value);
    } else {
      if (NON_FINITE.test(cell)) throw new DataError(`${this.where(column, row, line)}: non-finite value "${cell}"; leave the cell empty to mark a missing value`);
      if (isTarget && this.rules.task === 'regression') throw new DataError(`${this.where(column, row, line)}: regression target must be a number, received "${cell}"`);
      if (column.dictionary === undefined && !column.overflowed) throw new DataError(`${this.where(column, row, line)}: expected a number, received "${cell}"`);
      column.numeric = false;
      column.numbers = undefined;
      if (column.overflowed) {
        this.tooManyValues(column, row);
        return;
      }
    }
    const dictionary = column.dictionary;
    if (dictionary === undefined) return;
    let code = dictionary.get(cell);
    if (code === undefined) {
      code = dictionary.size;
      if (code === this.rules.maxCategories) {
        if (!column.numeric || (column === this.target && this.rules.task === 'classification')) {
          this.tooManyValues(column, row);
          return;
        }
        // Still all numbers: most likely a continuous column, which needs no categories.
        column.dictionary = undefined;
        column.codes = undefined;
        column.overflowed = true;
        return;
      }
      dictionary.set(cell, code);
    }
    column.codes!.push(code);
  }

  /** `houses.csv: row 2 (line 3), column "rooms"`, for messages. */
  private where(column: Column, row: number, line: number): string {
    return `${this.source}: row ${row + 1} (line ${line}), column "${column.name}"`;
  }

  /** Refuses the column (tooManyCategories 'error', and always for the target), or drops it and frees what it kept. */
  private tooManyValues(column: Column, row: number): void {
    const limit = this.rules.maxCategories;
    if (column !== this.target && this.rules.tooManyCategories === 'drop') {
      Object.assign(column, { dropped: true, numbers: undefined, dictionary: undefined, codes: undefined });
      this.tooMany.push(column.name);
      return;
    }
    if (column === this.target) {
      throw new DataError(
        `${this.source}: target "${column.name}" has more than ${limit} distinct classes (passed at row ${row + 1}); raise the limit with maxCategories, or use task 'regression' for a numeric target`,
      );
    }
    throw new DataError(
      `${this.source}: column "${column.name}" has more than ${limit} distinct values (passed at row ${row + 1}), too many to one-hot encode; drop it (drop: ["${column.name}"]) or raise the limit with maxCategories`,
    );
  }

  /** Builds x, y and the report once every record has been read. */
  finish(): CsvTable {
    const { source, rules } = this;
    if (this.header === undefined) throw new DataError(`${source}: the file is empty`);
    const rows = this.rows;
    if (rows === 0) throw new DataError(`${source}: has a header but no data rows`);
    const header = this.header;
    const target = this.target!;
    const task = rules.task === 'auto' ? guessTask(target) : rules.task;
    const { y, classNames } = task === 'regression' ? regressionTarget(target, rows) : this.classTarget(target, rows);

    const report: Omit<CsvReport, 'features' | 'summary'> = {
      source, rows, columns: header.length, target: rules.target, task,
      numericColumns: [], categoricalColumns: [],
      dropped: header.filter((name) => !this.columns.some((column) => column.name === name && !column.dropped)),
      tooManyCategories: [...this.tooMany],
      imputed: [],
    };
    const featureNames: string[] = [];
    /** Each column's features: how many, and how to write them into x (rows `stride` long) from feature `first` on. */
    const parts: { width: number; write: (x: Float32Array, stride: number, first: number) => void }[] = [];
    for (const column of this.columns) {
      if (column === target || column.dropped) continue;
      const { name, missing } = column;
      const where = `${source}: row ${column.firstMissing + 1} (line ${column.firstMissingLine}), column "${name}"`;
      if (missing === rows) throw new DataError(`${source}: column "${name}" has no values (every cell is empty)`);
      if (column.numeric && column.numbers !== undefined) {
        const numbers = column.numbers;
        let fill = 0;
        if (missing > 0) {
          if (rules.impute.numeric === 'error') throw new DataError(`${where}: missing value (impute.numeric is 'error')`);
          fill = rules.impute.numeric === 'mean' ? mean(numbers) : median(numbers, rows - missing);
          report.imputed.push({ column: name, count: missing, strategy: rules.impute.numeric, value: fill, rows: filledRows(numbers, missing, Number.isNaN) });
        }
        parts.push({ width: 1, write: (x, stride, first) => numbers.forEach((v, r) => (x[r * stride + first] = Number.isNaN(v) ? fill : v)) });
        featureNames.push(name);
        report.numericColumns.push(name);
      } else {
        const dictionary = column.dictionary!;
        const codes = column.codes!;
        const distinct = [...dictionary.keys()];
        const categories = sortCategories([...distinct]);
        const position = new Map(categories.map((category, i) => [category, i]));
        const rank = Int32Array.from(distinct, (value) => position.get(value)!);
        let fill = -1;
        if (missing > 0) {
          if (rules.impute.categorical === 'error') throw new DataError(`${where}: missing value (impute.categorical is 'error')`);
          fill = mostFrequent(codes, rank, categories.length);
          report.imputed.push({ column: name, count: missing, strategy: 'mostFrequent', value: categories[fill], rows: filledRows(codes, missing, (code) => code < 0) });
        }
        parts.push({
          width: categories.length,
          write: (x, stride, first) => codes.forEach((code, r) => (x[r * stride + first + (code < 0 ? fill : rank[code])] = 1)),
        });
        for (const category of categories) featureNames.push(`${name}=${category}`);
        report.categoricalColumns.push({ name, categories });
      }
    }
    const features = featureNames.length;
    this.columns = [];
    const x = new Float32Array(rows * features);
    let first = 0;
    // Taken out one by one, so each column's storage can be collected once it is in x.
    for (let part = parts.shift(); part !== undefined; part = parts.shift()) {
      part.write(x, features, first);
      first += part.width;
    }
    const summary = [
      `${source}: ${rows} rows, ${header.length} columns → ${features} features, target "${rules.target}" (${task}${classNames ? `, ${classNames.length} classes` : ''})`,
      ...(report.numericColumns.length ? [`numeric: ${report.numericColumns.join(', ')}`] : []),
      ...report.categoricalColumns.map((c) => `one-hot: ${c.name} → ${c.categories.length} columns (${c.categories.join(', ')})`),
      ...report.imputed.map((i) => `imputed: ${i.column}, ${i.count} missing → ${i.strategy} ${typeof i.value === 'string' ? `"${i.value}"` : i.value}`),
      ...(report.dropped.length > report.tooManyCategories.length
        ? [`dropped: ${report.dropped.filter((name) => !report.tooManyCategories.includes(name)).join(', ')}`]
        : []),
      ...report.tooManyCategories.map((name) => `dropped: ${name} (more than ${rules.maxCategories} distinct values, too many to one-hot encode)`),
    ].join('\n');
    return {
      x: new Tensor([rows, features], x),
      y,
      featureNames,
      ...(classNames ? { classNames } : {}),
      report: { ...report, features, summary },
    };
  }

  /** Class ids into sorted class names: numbers by value (`1.0` is class `1`), text by code unit. */
  private classTarget(target: Column, rows: number): { y: Tensor<Int32Array>; classNames: string[] } {
    const distinct = [...target.dictionary!.keys()];
    let classNames: string[];
    let idOfCode: Int32Array;
    if (target.numeric) {
      const values = sortCategories([...new Set(distinct.map(Number))]);
      classNames = values.map((v) => distinct.find((cell) => Number(cell) === v)!);
      idOfCode = Int32Array.from(distinct, (cell) => values.indexOf(Number(cell)));
    } else {
      classNames = sortCategories([...distinct]);
      const position = new Map(classNames.map((name, i) => [name, i]));
      idOfCode = Int32Array.from(distinct, (cell) => position.get(cell)!);
    }
    if (classNames.length < 2) {
      throw new DataError(`${this.source}: target "${target.name}" has only one class ("${classNames[0]}"); classification needs at least two`);
    }
    const y = new Int32Array(rows);
    target.codes!.forEach((code, r) => (y[r] = idOfCode[code]));
    return { y: new Tensor([rows], y), classNames };
  }
}

/** `task: 'auto'`: classification unless the target is numeric with more than MAX_GUESSED_CLASSES values or a fractional one. */
function guessTask(target: Column): 'classification' | 'regression' {
  if (!target.numeric) return 'classification';
  if (target.dictionary === undefined) return 'regression';
  const values = new Set([...target.dictionary.keys()].map(Number));
  return values.size <= MAX_GUESSED_CLASSES && [...values].every(Number.isInteger) ? 'classification' : 'regression';
}

function regressionTarget(target: Column, rows: number): { y: Tensor<Float32Array>; classNames: undefined } {
  const y = new Float32Array(rows);
  target.numbers!.forEach((v, r) => (y[r] = v));
  return { y: new Tensor([rows, 1], y), classNames: undefined };
}

/** The indices (from 0, into x) of the `count` cells that `isMissing` marks empty. */
function filledRows<T extends Float64Array | Int32Array>(values: ChunkedArray<T>, count: number, isMissing: (value: number) => boolean): Int32Array {
  const rows = new Int32Array(count);
  let at = 0;
  values.forEach((value, row) => {
    if (isMissing(value)) rows[at++] = row;
  });
  return rows;
}

/** The mean of the non-missing (non-NaN) values, summed in file order. */
function mean(numbers: ChunkedArray<Float64Array>): number {
  let sum = 0;
  let count = 0;
  numbers.forEach((v) => {
    if (!Number.isNaN(v)) {
      sum += v;
      count++;
    }
  });
  return sum / count;
}

/** numpy's median of the `present` non-missing values: the middle value, or the mean of the two middle values. */
function median(numbers: ChunkedArray<Float64Array>, present: number): number {
  const sorted = new Float64Array(present);
  let at = 0;
  numbers.forEach((v) => {
    if (!Number.isNaN(v)) sorted[at++] = v;
  });
  sorted.sort();
  const mid = present >> 1;
  return present % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The sorted index of the most frequent category; ties go to the first in sorted order (as scikit-learn's SimpleImputer). */
function mostFrequent(codes: ChunkedArray<Int32Array>, rank: Int32Array, categories: number): number {
  const counts = new Float64Array(categories);
  codes.forEach((code) => {
    if (code >= 0) counts[rank[code]]++;
  });
  let best = 0;
  for (let c = 1; c < categories; c++) if (counts[c] > counts[best]) best = c;
  return best;
}
