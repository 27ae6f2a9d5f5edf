/**
 * What a file's bytes look like, for the message that refuses a file of the
 * wrong kind: a model loader given a PNG says "a PNG image", not
 * "header length 7238819972123619180". Only the first bytes are looked at.
 */

/** Magic numbers of files people pick by mistake, with what to call them. */
const SIGNATURES: readonly (readonly [bytes: readonly number[], name: string])[] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'gzip-compressed data'],
  // PyTorch .pt/.pth, Keras .keras and NumPy .npz files are ZIP archives.
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (a PyTorch .pt, Keras .keras or NumPy .npz file is one)'],
  [[0x89, 0x48, 0x44, 0x46], 'an HDF5 file (a Keras .h5 model is one)'],
  [[0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], 'a NumPy .npy array'],
];

/** How many bytes are shown of text or of unknown binary data. */
const SHOWN_TEXT = 40;
const SHOWN_BYTES = 8;

/**
 * A short description of what `bytes` hold: `a PNG image`, `JSON text
 * starting {"format": …`, `text starting "x,y,label"`, `binary data starting
 * 00 01 02 …`, `no bytes at all`.
 *
 * ```ts
 * describeContents(new TextEncoder().encode('a,b\n1,2\n'));   // 'text starting "a,b"'
 * ```
 */
export function describeContents(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'no bytes at all';
  for (const [magic, name] of SIGNATURES) {
    if (magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b)) return name;
  }
  const text = printableStart(bytes);
  if (text !== null) {
    const json = /^[[{]/.test(text);
    // JSON is often pretty-printed: show its start with the line breaks folded; of other text, the first line.
    const start = json ? text.replace(/\s+/g, ' ').trimEnd() : text.split(/\r?\n/)[0];
    const shown = JSON.stringify(start.length > SHOWN_TEXT ? `${start.slice(0, SHOWN_TEXT)}…` : start);
    if (json) return `JSON text starting ${shown}${text.includes('"modelTopology"') ? ' (a TF.js model.json: importTfjs reads it)' : ''}`;
    return `text starting ${shown}`;
  }
  const hex = [...bytes.subarray(0, SHOWN_BYTES)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return `binary data starting ${hex}${bytes.length > SHOWN_BYTES ? ' …' : ''}`;
}

/** The start of `bytes` when it is printable UTF-8 text (a BOM skipped, leading blanks trimmed), else null. */
function printableStart(bytes: Uint8Array): string | null {
  // A character cut at the end of the sample decodes to U+FFFD, which is dropped rather than taken for binary.
  const sample = new TextDecoder('utf-8').decode(bytes.subarray(0, 256)).replace(/\uFFFD$/, '').trimStart();
  if (sample.length === 0 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\uFFFD]/.test(sample)) return null;
  return sample;
}
