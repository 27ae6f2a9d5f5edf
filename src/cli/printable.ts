/**
 * Text from a file made safe to print on a terminal: every control
 * character (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F) becomes a
 * visible escape (`\n`, `\t`, `\r`, else `\x1b`), so a class name, tensor
 * name or metadata value cannot move the cursor, clear the screen, set the
 * window title or break one line into several. Everything else is kept.
 *
 * ```ts
 * printable('cat\x1b]0;owned\x07');   // 'cat\\x1b]0;owned\\x07'
 * ```
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Each line of `text` made printable, the line breaks kept (for multi-line tables such as a model summary). */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };
