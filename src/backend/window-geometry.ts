import { ArgumentError, checkInteger, formatShape, ShapeError } from '../errors.js';
import type { WindowGeometry } from './backend.js';

/** How a window treats the input's border, as in TensorFlow and Keras. */
export type WindowPadding = 'valid' | 'same';

/**
 * The window geometry of a convolution or pooling layer, by TensorFlow's rules,
 * per spatial axis (input size n, kernel k, stride s):
 * - `'valid'`: no padding, out = floor((n − k)/s) + 1 (the kernel must fit: k ≤ n);
 * - `'same'`: out = ceil(n/s), total padding max((out − 1)·s + k − n, 0), of which
 *   floor(total/2) goes before row/column 0 and the rest after.
 *
 * ```ts
 * windowGeometry([128, 28, 28, 1], [3, 3], [1, 1], 'valid');  // outHeight 26, outWidth 26
 * windowGeometry([2, 7, 6, 3], [3, 3], [2, 2], 'same');       // out 4×3, padTop 1, padLeft 0
 * ```
 */
export function windowGeometry(
  input: readonly [number, number, number, number],
  kernel: readonly [number, number],
  stride: readonly [number, number],
  padding: WindowPadding,
): WindowGeometry {
  const owner = 'windowGeometry';
  const [batch, height, width, channels] = input;
  checkInteger(owner, 'input batch', batch, 0);
  checkInteger(owner, 'input height', height);
  checkInteger(owner, 'input width', width);
  checkInteger(owner, 'input channels', channels);
  const [kernelHeight, kernelWidth] = kernel;
  checkInteger(owner, 'kernel height', kernelHeight);
  checkInteger(owner, 'kernel width', kernelWidth);
  const [strideHeight, strideWidth] = stride;
  checkInteger(owner, 'stride height', strideHeight);
  checkInteger(owner, 'stride width', strideWidth);
  if (padding !== 'valid' && padding !== 'same') {
    throw new ArgumentError(`${owner}: padding must be 'valid' or 'same', received ${String(padding)}`);
  }
  if (padding === 'valid' && (kernelHeight > height || kernelWidth > width)) {
    throw new ShapeError(
      `${owner}: a ${kernelHeight}×${kernelWidth} kernel does not fit a ${height}×${width} input with 'valid' padding ` +
        `(input shape ${formatShape(input)}); use a smaller kernel or 'same' padding`,
    );
  }
  const rows = axis(height, kernelHeight, strideHeight, padding);
  const columns = axis(width, kernelWidth, strideWidth, padding);
  return {
    batch, height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth,
    padTop: rows.before, padLeft: columns.before, outHeight: rows.out, outWidth: columns.out,
  };
}

/** Output size and padding before index 0 along one axis. */
function axis(size: number, kernel: number, stride: number, padding: WindowPadding): { out: number; before: number } {
  return { out: windowOutputSize(size, kernel, stride, padding), before: windowPadding(size, kernel, stride, padding).before };
}

/** Windows along one axis of `size` (TensorFlow's rule: 'valid' floor((size − kernel)/stride) + 1, 'same' ceil(size/stride)). */
export function windowOutputSize(size: number, kernel: number, stride: number, padding: WindowPadding): number {
  return padding === 'valid' ? Math.floor((size - kernel) / stride) + 1 : Math.ceil(size / stride);
}

/** Zero padding before index 0 and after the last index along one axis ('same': the smaller half before). */
export function windowPadding(size: number, kernel: number, stride: number, padding: WindowPadding): { before: number; after: number } {
  if (padding === 'valid') return { before: 0, after: 0 };
  const total = Math.max((windowOutputSize(size, kernel, stride, padding) - 1) * stride + kernel - size, 0);
  return { before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
}

/**
 * Throws an ArgumentError naming `kernel` unless `g` is a geometry the window
 * kernels can run: non-negative integer sizes, kernels and strides ≥ 1, and
 * every window overlapping the input (so a max always exists and every index
 * stays inside x). 'valid' and 'same' geometries always pass.
 */
export function checkWindowGeometry(kernel: string, g: WindowGeometry): void {
  const owner = `${kernel} window geometry`;
  for (const name of ['batch', 'height', 'width', 'channels', 'padTop', 'padLeft', 'outHeight', 'outWidth'] as const) {
    checkInteger(owner, name, g[name], 0);
  }
  for (const name of ['kernelHeight', 'kernelWidth', 'strideHeight', 'strideWidth'] as const) checkInteger(owner, name, g[name]);
  checkAxis(owner, 'height', 'padTop', 'kernelHeight', 'strideHeight', 'outHeight', g);
  checkAxis(owner, 'width', 'padLeft', 'kernelWidth', 'strideWidth', 'outWidth', g);
}

function checkAxis(
  owner: string,
  size: 'height' | 'width',
  pad: 'padTop' | 'padLeft',
  kernel: 'kernelHeight' | 'kernelWidth',
  stride: 'strideHeight' | 'strideWidth',
  out: 'outHeight' | 'outWidth',
  g: WindowGeometry,
): void {
  if (g[out] === 0) return;
  if (g[pad] >= g[kernel]) {
    throw new ArgumentError(`${owner}: ${pad} must be less than ${kernel} (${g[kernel]}) so the first window overlaps the input, received ${g[pad]}`);
  }
  const lastStart = (g[out] - 1) * g[stride] - g[pad];
  if (lastStart >= g[size]) {
    throw new ArgumentError(
      `${owner}: the last window starts at ${lastStart} (${out} ${g[out]}, ${stride} ${g[stride]}, ${pad} ${g[pad]}), ` +
        `past the input's ${size} ${g[size]}`,
    );
  }
}
