/**
 * Prints numbers the way the book's Python prints them, so the examples'
 * output can be compared line by line with the notebooks:
 *
 * - `formatFloat(x)`: Python's `repr`/`str` of a float (`36.0`, `1.4698e-05`);
 * - `formatArray(a)`: numpy's `str()` of a 1-D or 2-D float64 array with the
 *   default print options (8 digits of precision, `maxprec`, 75-column lines).
 *   Arrays are printed in full (numpy would summarize beyond 1000 values).
 *
 * ```ts
 * formatFloat(36);                    // '36.0'
 * formatArray([-3.3990955, -0.2]);    // '[-3.3990955 -0.2      ]'
 * ```
 */

/** Shortest round-trip digits and decimal exponent of a finite non-zero |x|: x = d.ddd × 10^exponent. */
function shortestDigits(x: number): { digits: string; exponent: number } {
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  return { digits: mantissa.replace('.', ''), exponent: Number(exponent) };
}

/** Python's repr of a float: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, exponent } = shortestDigits(x);
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}

const PRECISION = 8;
const LINE_WIDTH = 75;

/** numpy's dragon4_positional(x, precision=8, unique=True, trim='.'): `-3.`, `0.20180899`. */
function positional(x: number): string {
  let s = formatFloat(x);
  if (s.includes('e') || s.split('.')[1].length > PRECISION) s = x.toFixed(PRECISION);
  return s.replace(/0+$/, '');
}

/** numpy's dragon4_scientific(x, precision=8, unique=True, trim='.') as [mantissa, exponent]. */
function scientific(x: number): [string, number] {
  if (x === 0) return ['0.', 0];
  let { digits, exponent } = shortestDigits(x);
  if (digits.length - 1 > PRECISION) {
    const [mantissa, e] = Math.abs(x).toExponential(PRECISION).split('e');
    digits = mantissa.replace('.', '').replace(/0+$/, '');
    exponent = Number(e);
  }
  return [`${x < 0 ? '-' : ''}${digits[0]}.${digits.slice(1)}`, exponent];
}

/** All values formatted to a common width with one notation, as numpy's FloatingFormat does. */
function formatValues(values: readonly number[]): string[] {
  for (const v of values) if (!Number.isFinite(v)) throw new Error(`formatArray handles finite values only, received ${v}`);
  const nonZero = values.filter((v) => v !== 0).map(Math.abs);
  const max = nonZero.length ? Math.max(...nonZero) : 0;
  const min = nonZero.length ? Math.min(...nonZero) : 0;
  if (nonZero.length && (max >= 1e8 || min < 1e-4 || max / min > 1000)) {
    const parts = values.map(scientific);
    const fraction = Math.max(...parts.map(([m]) => m.length - m.indexOf('.') - 1));
    const exponentDigits = Math.max(2, ...parts.map(([, e]) => String(Math.abs(e)).length));
    const mantissas = parts.map(([m]) => m.padEnd(m.indexOf('.') + 1 + fraction, '0'));
    const width = Math.max(...mantissas.map((m) => m.length));
    return mantissas.map((m, i) => {
      const e = parts[i][1];
      return `${m.padStart(width)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(exponentDigits, '0')}`;
    });
  }
  const strings = values.map(positional);
  const padLeft = Math.max(...strings.map((s) => s.indexOf('.')));
  const padRight = Math.max(...strings.map((s) => s.length - s.indexOf('.') - 1));
  return strings.map((s) => {
    const point = s.indexOf('.');
    return ' '.repeat(padLeft - point) + s + ' '.repeat(padRight - (s.length - point - 1));
  });
}

/** One bracketed row, wrapped at the line width as numpy's _formatArray does. */
function formatRow(words: string[], hangingIndent: string, width: number): string {
  const elementWidth = width - 1; // room for the closing ']'
  let text = '';
  let line = hangingIndent;
  words.forEach((word, i) => {
    if (line.length + word.length > elementWidth && line.length > hangingIndent.length) {
      text += `${line.trimEnd()}\n`;
      line = hangingIndent;
    }
    line += word;
    if (i < words.length - 1) line += ' ';
  });
  text += line;
  return `[${text.slice(hangingIndent.length)}]`;
}

/** numpy's `str(array)` for a 1-D or 2-D float64 array. */
export function formatArray(values: readonly number[] | readonly (readonly number[])[]): string {
  if (values.length > 0 && Array.isArray(values[0])) {
    const rows = values as readonly (readonly number[])[];
    const words = formatValues(rows.flat());
    const columns = rows[0].length;
    const lines = rows.map((_, r) => formatRow(words.slice(r * columns, (r + 1) * columns), '  ', LINE_WIDTH - 1));
    return `[${lines.join('\n ')}]`;
  }
  return formatRow(formatValues(values as readonly number[]), ' ', LINE_WIDTH);
}
