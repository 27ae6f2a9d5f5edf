import { describe, expect, it } from 'vitest';
import { printable, printableLines } from '../../src/cli/printable.js';

describe('printable', () => {
  it('escapes every control character, keeping the rest', () => {
    expect(printable('cat\x1b]0;owned\x07')).toBe('cat\\x1b]0;owned\\x07');
    expect(printable('a\nb\tc\rd\x00e\x7ff\x9bg')).toBe('a\\nb\\tc\\rd\\x00e\\x7ff\\x9bg');
    expect(printable('T-shirt/top é 日本 😀')).toBe('T-shirt/top é 日本 😀');
    expect(printableLines('one\x1b[2J\ntwo')).toBe('one\\x1b[2J\ntwo');
  });
});
