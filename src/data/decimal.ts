/**
 * A number written in plain decimal: optional sign, digits with an optional
 * point (or a point and digits), optional exponent. "NaN", "Infinity", "0x1f",
 * "1,5" and blanks are not; CSV cells and CLI arguments are read this way.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when `text` is a plain decimal number (see above). */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}
