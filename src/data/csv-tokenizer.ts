import { ArgumentError } from '../errors.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Where the tokenizer is between characters. */
const enum State {
  /** At the start of a field: leading blanks are skipped, a quote opens a quoted field. */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: a second quote is an escaped quote, anything else closes the field. */
  QuoteInQuoted,
  /** After a quoted field's closing quote: only blanks until the delimiter or the end of the line. */
  AfterQuoted,
}

/**
 * A streaming CSV tokenizer (RFC 4180): fields separated by a one-character
 * delimiter, records by LF, CRLF or CR; fields may be quoted, a quoted field
 * may hold delimiters, line breaks and doubled quotes (`""` is `"`). Blanks
 * around a field are trimmed (inside quotes they are kept); empty lines are
 * skipped; a leading byte-order mark is dropped. Text arrives in chunks
 * (`push`), split anywhere, and each record is handed to `onRecord` with the
 * line where it ends as soon as it is complete: nothing but the current
 * record is kept, so memory does not grow with the input.
 *
 * Malformed quoting throws an Error starting `Quote Not Closed`, `Invalid
 * Opening Quote` or `Invalid Closing Quote`, with the line; callers wrap it
 * in their typed error.
 *
 * ```ts
 * const tokenizer = new CsvTokenizer(',', (record, line) => console.log(line, record));
 * tokenizer.push('a,"b\nc"\n1,'); tokenizer.push('2\n'); tokenizer.end();   // 2 ['a', 'b\nc'], then 3 ['1', '2']
 * ```
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private state = State.FieldStart;
  private record: string[] = [];
  /** The current field's text from earlier chunks (and unescaped quoted parts). */
  private field = '';
  /** The line being read, counted from 1. */
  private line = 1;
  /** The last character was a CR: an LF right after it ends the same line. */
  private afterCr = false;
  /** Anything (even a blank or a delimiter) was seen since the record began. */
  private started = false;
  private first = true;

  constructor(
    delimiter: string,
    private readonly onRecord: (record: string[], line: number) => void,
  ) {
    if (typeof delimiter !== 'string' || delimiter.length !== 1 || '"\r\n'.includes(delimiter)) {
      throw new ArgumentError(`loadCsv: delimiter must be one character other than a quote or a line break, received ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Reads the next chunk of text. */
  push(text: string): void {
    let i = 0;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    const delimiter = this.delimiter;
    // Start of the part of the current field that lies in this chunk.
    let start = i;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        // The LF of a CRLF: the line was counted at the CR.
        if (c === LF) {
          if (this.state !== State.Quoted) start = i + 1;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === SPACE || c === TAB) {
            this.started = true;
            break;
          }
          if (c === QUOTE) {
            this.started = true;
            this.state = State.Quoted;
            start = i + 1;
            break;
          }
          if ((c === LF || c === CR) && !this.started) {
            // An empty line: skipped.
            this.line++;
            this.afterCr = c === CR;
            start = i + 1;
            break;
          }
          this.state = State.Unquoted;
          start = i;
          i--; // read it again as the first character of an unquoted field
          break;
        case State.Unquoted:
          // The hot loop: scan the rest of an unquoted field.
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === delimiter || d === LF || d === CR) break;
            if (d === QUOTE) {
              throw new Error(
                `Invalid Opening Quote: a quote is found in field ${this.record.length + 1} at line ${this.line}, value is ${JSON.stringify(this.field + text.slice(start, i))}`,
              );
            }
            i++;
          }
          if (i === n) break;
          this.endField((this.field + text.slice(start, i)).trim());
          this.separator(text.charCodeAt(i));
          start = i + 1;
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else if (c === LF || c === CR) {
            this.line++;
            this.afterCr = c === CR;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.state = State.Quoted;
            start = i; // the second quote starts the next part: `""` is one `"`
          } else {
            this.state = State.AfterQuoted;
            i--; // read it again as what follows a closed quoted field
          }
          break;
        case State.AfterQuoted:
          if (c === SPACE || c === TAB) break;
          if (c === delimiter || c === LF || c === CR) {
            this.endField(this.field);
            this.separator(c);
            start = i + 1;
            break;
          }
          throw new Error(`Invalid Closing Quote: got ${JSON.stringify(text[i])} at line ${this.line} instead of a delimiter or a line break`);
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(start, n);
  }

  /** Ends the input: the last record needs no final line break. */
  end(): void {
    if (this.state === State.Quoted) {
      throw new Error(`Quote Not Closed: the input ends inside a quoted field opened on or before line ${this.line}`);
    }
    if (this.state === State.Unquoted) this.endField(this.field.trim());
    else if (this.state === State.QuoteInQuoted || this.state === State.AfterQuoted) this.endField(this.field);
    else if (this.started || this.record.length > 0) this.endField('');
    if (this.record.length > 0) this.endRecord();
  }

  private endField(value: string): void {
    this.record.push(value);
    this.field = '';
    this.state = State.FieldStart;
    this.started = true;
  }

  /** After a field: a delimiter opens the next one, a line break ends the record. */
  private separator(c: number): void {
    if (c === this.delimiter) return;
    this.endRecord();
    this.line++;
    if (c === CR) this.afterCr = true;
  }

  private endRecord(): void {
    const record = this.record;
    this.record = [];
    this.started = false;
    this.onRecord(record, this.line);
  }
}
