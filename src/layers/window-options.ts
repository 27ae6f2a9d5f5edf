import { ArgumentError, checkInteger } from '../errors.js';
import { windowOutputSize, type WindowPadding } from '../backend/window-geometry.js';
import type { Shape } from './layer-spec.js';
import { mismatch } from './shape-checks.js';

/** A window size or stride as constructors take it: one number for both axes, or [height, width]. */
export type WindowSize = number | readonly [number, number];

/** `size` as [height, width], each an integer >= 1. */
export function windowPair(owner: string, name: string, size: WindowSize): [number, number] {
  const pair = typeof size === 'number' ? [size, size] : size;
  if (!Array.isArray(pair) || pair.length !== 2) {
    throw new ArgumentError(`${owner}: ${name} must be an integer >= 1 or a pair [height, width], received ${JSON.stringify(size)}`);
  }
  return [checkInteger(owner, `${name} height`, pair[0]), checkInteger(owner, `${name} width`, pair[1])];
}

/** `padding` checked: 'valid' (no padding) or 'same' (TensorFlow's). */
export function checkPadding(owner: string, padding: unknown): WindowPadding {
  if (padding !== 'valid' && padding !== 'same') {
    throw new ArgumentError(`${owner}: padding must be 'valid' or 'same', received ${JSON.stringify(padding)}`);
  }
  return padding;
}

/** `3×3`, or `2×3` for a [2, 3] window, as labels print sizes. */
export function formatWindow([height, width]: readonly [number, number]): string {
  return `${height}×${width}`;
}

/**
 * The per-sample output [outHeight, outWidth, channels] of a window over an
 * NHWC sample [height, width, inChannels] (unknown sizes stay unknown);
 * mismatch when the input is not an image with `inChannels` channels (null:
 * any) or a 'valid' window does not fit it.
 */
export function windowOutputShape(
  input: Shape,
  kernel: readonly [number, number],
  stride: readonly [number, number],
  padding: WindowPadding,
  inChannels: number | null,
  outChannels: number | null,
): Shape {
  const wanted = `[batch, height, width, ${inChannels ?? 'channels'}] images`;
  if (input === null) return [null, null, outChannels];
  if (input.length !== 3 || (inChannels !== null && input[2] !== null && input[2] !== inChannels)) mismatch(`expects ${wanted}`);
  const axis = (size: number | null, k: number, s: number): number | null => {
    if (size === null) return null;
    if (padding === 'valid' && k > size) mismatch(`needs images of at least ${formatWindow(kernel)} with 'valid' padding`);
    return windowOutputSize(size, k, s, padding);
  };
  return [axis(input[0], kernel[0], stride[0]), axis(input[1], kernel[1], stride[1]), outChannels ?? input[2]];
}
