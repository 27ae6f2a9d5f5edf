import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/** Asserts `bytes` is a PNG and returns its IHDR width and height. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect(Array.from(bytes.subarray(0, 8))).toEqual(signature);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Asserts `text` is well-formed XML whose root is <svg> and returns its width and height attributes. */
export function svgSize(text: string): { width: number; height: number } {
  expect(XMLValidator.validate(text)).toBe(true);
  const document = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text) as Record<
    string,
    Record<string, string>
  >;
  const roots = Object.keys(document).filter((key) => key !== '?xml');
  expect(roots).toEqual(['svg']);
  return { width: Number(document.svg.width), height: Number(document.svg.height) };
}
