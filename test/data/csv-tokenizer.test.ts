import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../src/data/csv-tokenizer.js';

/** Records with the line each ends on, from `chunks` fed one by one. */
function tokenize(chunks: string[], delimiter = ','): [number, string[]][] {
  const records: [number, string[]][] = [];
  const tokenizer = new CsvTokenizer(delimiter, (record, line) => records.push([line, record]));
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  return records;
}

describe('CsvTokenizer', () => {
  it('reads RFC 4180: quoted delimiters, line breaks and doubled quotes; trims blanks outside quotes', () => {
    expect(tokenize(['a, b ,"c, d"\n"x ""y""","two\nlines", z \n'])).toEqual([
      [1, ['a', 'b', 'c, d']],
      [3, ['x "y"', 'two\nlines', 'z']],
    ]);
  });

  it('ends records at LF, CRLF or CR, skips empty lines, drops a BOM, needs no final line break', () => {
    expect(tokenize(['\ufeffa,b\r\n\r\n1,2\r3,4\n\n5,'])).toEqual([
      [1, ['a', 'b']], [3, ['1', '2']], [4, ['3', '4']], [6, ['5', '']],
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = '\ufeffa,"b ""q""\r\nc",d\r\n\r\n x ,"",\n';
    const whole = tokenize([text]);
    for (let cut = 0; cut <= text.length; cut++) expect(tokenize([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    expect(tokenize([...text])).toEqual(whole);
  });

  it('names bad quoting with its line, and takes another one-character delimiter', () => {
    expect(() => tokenize(['a\n"b'])).toThrow('Quote Not Closed: the input ends inside a quoted field opened on or before line 2');
    expect(() => tokenize(['a\nb"c\n'])).toThrow('Invalid Opening Quote: a quote is found in field 1 at line 2, value is "b"');
    expect(() => tokenize(['"a"b\n'])).toThrow('Invalid Closing Quote: got "b" at line 1 instead of a delimiter or a line break');
    expect(tokenize(['a;b\n1;2\n'], ';')).toEqual([[1, ['a', 'b']], [2, ['1', '2']]]);
    expect(() => tokenize([''], ';;')).toThrow('loadCsv: delimiter must be one character other than a quote or a line break, received ";;"');
  });
});
