import { describe, expect, it } from 'vitest';
import { windowGeometry, type WindowPadding } from '../../src/backend/window-geometry.js';
import { ArgumentError, ShapeError } from '../../src/errors.js';
import fixture from '../fixtures/convolution.json' with { type: 'json' };

type Shape4 = [number, number, number, number];

describe('windowGeometry', () => {
  const configurations = [
    ...fixture.convolutions.map((c) => ({ name: c.name, shape: c.inputShape, kernel: c.kernel, stride: c.stride, padding: c.padding, geometry: c.geometry })),
    ...fixture.maxPools.map((p) => ({ name: p.name, shape: p.inputShape, kernel: p.pool, stride: p.stride, padding: p.padding, geometry: p.geometry })),
  ];

  it.each(configurations.map((c) => [c.name, c] as const))('gives the numpy reference sizes and padding: %s', (_, c) => {
    const g = windowGeometry(c.shape as Shape4, c.kernel as [number, number], c.stride as [number, number], c.padding as WindowPadding);
    const [batch, height, width, channels] = c.shape;
    expect(g).toEqual({
      batch, height, width, channels,
      kernelHeight: c.kernel[0], kernelWidth: c.kernel[1], strideHeight: c.stride[0], strideWidth: c.stride[1],
      ...c.geometry,
    });
  });

  it("follows TensorFlow's rules on the W4 network's shapes and on 'same' with a kernel larger than the input", () => {
    const conv1 = windowGeometry([128, 28, 28, 1], [3, 3], [1, 1], 'valid');
    expect([conv1.outHeight, conv1.outWidth]).toEqual([26, 26]);
    const pool1 = windowGeometry([128, 26, 26, 16], [2, 2], [2, 2], 'valid');
    expect([pool1.outHeight, pool1.outWidth]).toEqual([13, 13]);
    const pool2 = windowGeometry([128, 11, 11, 32], [2, 2], [2, 2], 'valid');
    expect([pool2.outHeight, pool2.outWidth]).toEqual([5, 5]);
    // Rows: out = ceil(3/1) = 3, total padding 2 + 5 − 3 = 4, 2 on top. Columns: out 2, total 1 + 4 − 2 = 3, 1 on the left.
    const large = windowGeometry([1, 3, 2, 1], [5, 4], [1, 1], 'same');
    expect([large.outHeight, large.outWidth, large.padTop, large.padLeft]).toEqual([3, 2, 2, 1]);
  });

  it("rejects a kernel larger than the input with 'valid' padding, naming the sizes", () => {
    const call = (): unknown => windowGeometry([2, 4, 6, 1], [5, 3], [1, 1], 'valid');
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(
      "windowGeometry: a 5×3 kernel does not fit a 4×6 input with 'valid' padding (input shape [2, 4, 6, 1]); use a smaller kernel or 'same' padding",
    );
  });

  it('rejects sizes, kernels and strides that are not positive integers, and unknown padding', () => {
    expect(() => windowGeometry([2, 4, 6, 1], [3, 3], [0, 1], 'valid')).toThrow(ArgumentError);
    expect(() => windowGeometry([2, 4, 6, 1], [3, 3], [0, 1], 'valid')).toThrow('windowGeometry: stride height must be an integer >= 1, received 0');
    expect(() => windowGeometry([2, 4, 6, 1], [3, 1.5], [1, 1], 'valid')).toThrow('windowGeometry: kernel width must be an integer >= 1, received 1.5');
    expect(() => windowGeometry([2, 0, 6, 1], [1, 1], [1, 1], 'valid')).toThrow('windowGeometry: input height must be an integer >= 1, received 0');
    expect(() => windowGeometry([2, 4, 6, 1], [3, 3], [1, 1], 'full' as WindowPadding)).toThrow(
      "windowGeometry: padding must be 'valid' or 'same', received full",
    );
  });
});
