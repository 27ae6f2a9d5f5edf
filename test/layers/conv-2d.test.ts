import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../src/errors.js';
import { gradientCheck } from '../../src/gradient-check.js';
import { Conv2D } from '../../src/layers/conv-2d.js';
import { conv2dKind } from '../../src/layers/conv-2d.js';
import { init } from '../../src/random/default.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { trackAllocations } from '../backend/tracking-backend.js';
import fixture from '../fixtures/convolution.json' with { type: 'json' };

const f64 = (shape: number[], values: number[]) => new Tensor(shape, Float64Array.from(values));

function maxError(actual: ArrayLike<number>, expected: number[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst;
}

describe('Conv2D', () => {
  it.each(fixture.convolutions.map((c) => [c.name, c] as const))('forward and backward match the numpy loops: %s', (_, c) => {
    const [kh, kw] = c.kernel;
    const channels = c.inputShape[3];
    const conv = new Conv2D(channels, c.filters, [kh, kw], { stride: c.stride as [number, number], padding: c.padding as 'valid' | 'same' });
    conv.weights = f64([kh, kw, channels, c.filters], c.weights);
    conv.biases = f64([1, c.filters], c.biases);
    const y = conv.forward(f64(c.inputShape, c.x));
    expect(y.shape).toEqual([c.inputShape[0], c.geometry.outHeight, c.geometry.outWidth, c.filters]);
    expect(maxError(y.data, c.y)).toBeLessThan(1e-12);
    const dInputs = conv.backward(f64(y.shape, c.dY));
    expect(maxError(conv.dWeights.data, c.dWeights)).toBeLessThan(1e-12);
    expect(maxError(conv.dBiases.data, c.dBiases)).toBeLessThan(1e-12);
    expect(dInputs.shape).toEqual(c.inputShape);
    expect(maxError(dInputs.data, c.dInputs)).toBeLessThan(1e-12);
  });

  it.each([
    ['3×3 valid', [1, 5, 4, 2], 3, {}],
    ['2×3 same, stride [2, 1]', [2, 5, 4, 2], [2, 3], { stride: [2, 1], padding: 'same' }],
    ['1×1 stride 1 (the inputs are the rows)', [2, 3, 3, 3], 1, {}],
    ['3×3 stride 2 same, L1 and L2 penalties', [1, 6, 5, 1], 3, { stride: 2, padding: 'same', weightRegularizerL1: 0.01, weightRegularizerL2: 0.02, biasRegularizerL2: 0.03 }],
  ] as const)('passes the float64 finite-difference gradient check: %s', (_, shape, kernel, options) => {
    const generator = new RandomGenerator(7);
    const conv = new Conv2D(shape[3], 3, kernel as number, { ...(options as object), generator, initializer: 'he' });
    const x = new Tensor([...shape], Float64Array.from(generator.randn(shape.reduce((a: number, b: number) => a * b, 1))));
    const report = gradientCheck(conv, x);
    expect(report.entries.map((e) => e.name)).toEqual(['dInputs', 'dWeights', 'dBiases']);
    expect(report.maxRelativeError).toBeLessThan(1e-6);
  });

  it('initialises like Dense: the book 0.01·randn by default, Glorot and He with convolution fans', () => {
    init(0);
    const book = new Conv2D(2, 3, 3);
    init(0);
    const he = new Conv2D(2, 3, 3, { initializer: 'he' });
    const ratio = he.weights.data[5] / book.weights.data[5];
    expect(ratio).toBeCloseTo(Math.sqrt(2 / (3 * 3 * 2)) / 0.01, 4);
    expect(book.weights.shape).toEqual([3, 3, 2, 3]);
    expect(Array.from(book.biases.data)).toEqual([0, 0, 0]);
  });

  it('names the layer and the rule in its errors', () => {
    const conv = new Conv2D(1, 4, 3);
    expect(() => conv.forward(Tensor.zeros([2, 28, 28, 3]))).toThrow(
      new ShapeError('Conv2D(1→4, 3×3) expected input of shape [batch, height, width, 1], received shape [2, 28, 28, 3]'),
    );
    expect(() => conv.forward(Tensor.zeros([2, 2, 2, 1]))).toThrow(ShapeError);
    expect(() => new Conv2D(1, 4, 0)).toThrow(new ArgumentError('Conv2D: kernelSize height must be an integer >= 1, received 0'));
    expect(() => new Conv2D(1, 4, 3, { padding: 'full' as 'same' })).toThrow(`Conv2D: padding must be 'valid' or 'same', received "full"`);
    expect(() => new Conv2D(1, 4, 3, { dilation: 2 } as object)).toThrow('Conv2D: unknown option "dilation"');
    expect(() => conv.backward(Tensor.zeros([1, 1, 1, 4]))).toThrow('Conv2D(1→4, 3×3): backward called before forward');
  });

  it('its kind: spec, shapes, label and source', () => {
    const conv = new Conv2D(16, 32, [3, 2], { stride: 2, padding: 'same', weightRegularizerL2: 5e-4 });
    const spec = conv.toSpec();
    expect(spec).toEqual({
      type: 'Conv2D', inChannels: 16, filters: 32, kernelSize: [3, 2], stride: [2, 2], padding: 'same',
      initializer: { kind: 'book', scale: 0.01 }, weightRegularizerL1: 0, weightRegularizerL2: 5e-4, biasRegularizerL1: 0, biasRegularizerL2: 0,
    });
    expect(conv2dKind.outputShape(spec, [13, 13, 16])).toEqual([7, 7, 32]);
    expect(conv2dKind.outputShape(spec, [null, 13, 16])).toEqual([null, 7, 32]);
    expect(conv2dKind.label(spec)).toBe('Conv2D(16→32, 3×2, stride 2×2, same)');
    expect(conv2dKind.source(spec)).toBe("new Conv2D(16, 32, [3, 2], { stride: 2, padding: 'same', weightRegularizerL2: 0.0005 })");
    expect(conv2dKind.parameters(spec)).toEqual([{ name: 'weights', shape: [3, 2, 16, 32] }, { name: 'biases', shape: [1, 32] }]);
    expect(() => conv2dKind.outputShape(spec, [13, 13, 8])).toThrow('expects [batch, height, width, 16] images');
    expect(() => conv2dKind.outputShape({ ...spec, padding: 'valid' }, [2, 13, 16])).toThrow("needs images of at least 3×2 with 'valid' padding");
  });

  it('allocates nothing per step after the first, and dispose gives every buffer back', () => {
    const { live, restore } = trackAllocations();
    try {
      const conv = new Conv2D(2, 3, 3, { padding: 'same' });
      const x = Tensor.zeros([4, 6, 6, 2]);
      conv.forward(x);
      conv.backward(Tensor.zeros([4, 6, 6, 3]));
      const count = live.size;
      for (let step = 0; step < 3; step++) {
        conv.forward(x);
        conv.backward(Tensor.zeros([4, 6, 6, 3]));
      }
      expect(live.size).toBe(count);
      conv.dispose();
      expect(live.size).toBe(0);
      expect(() => conv.forward(x)).toThrow('Conv2D(2→3, 3×3, same): this layer was disposed; create a new one');
    } finally {
      restore();
    }
  });
});
