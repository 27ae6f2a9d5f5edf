import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../src/errors.js';
import { gradientCheck } from '../../src/gradient-check.js';
import { MaxPool2D, maxPool2dKind } from '../../src/layers/max-pool-2d.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor } from '../../src/tensor/tensor.js';
import fixture from '../fixtures/convolution.json' with { type: 'json' };

const f64 = (shape: number[], values: number[]) => new Tensor(shape, Float64Array.from(values));

describe('MaxPool2D', () => {
  it.each(fixture.maxPools.map((c) => [c.name, c] as const))('forward and backward match the numpy loops: %s', (_, c) => {
    const pool = new MaxPool2D(c.pool as [number, number], { stride: c.stride as [number, number], padding: c.padding as 'valid' | 'same' });
    const y = pool.forward(f64(c.inputShape, c.x));
    expect(y.shape).toEqual([c.inputShape[0], c.geometry.outHeight, c.geometry.outWidth, c.inputShape[3]]);
    expect(Array.from(y.data)).toEqual(c.y);
    const dInputs = pool.backward(f64(y.shape, c.dY));
    expect(dInputs.shape).toEqual(c.inputShape);
    for (let i = 0; i < c.dInputs.length; i++) expect(dInputs.data[i]).toBeCloseTo(c.dInputs[i], 12);
  });

  it.each([
    ['2×2, stride 2', 2, {}],
    ['3×3, stride 1, same (overlapping windows add up)', 3, { stride: 1, padding: 'same' }],
    ['[2, 3], stride [1, 2]', [2, 3], { stride: [1, 2] }],
  ] as const)('passes the float64 finite-difference gradient check: %s', (_, size, options) => {
    // Distinct values keep every max away from a tie, where the max is not differentiable.
    const generator = new RandomGenerator(3);
    const x = new Tensor([2, 5, 6, 3], Float64Array.from(generator.permutation(180), (v) => v / 7));
    const report = gradientCheck(new MaxPool2D(size as number, options as object), x, { epsilon: 1e-4 });
    expect(report.maxRelativeError).toBeLessThan(1e-8);
  });

  it('sends the gradient to the first maximum on ties, and its kind knows its shapes and label', () => {
    const pool = new MaxPool2D(2);
    pool.forward(new Tensor([1, 2, 2, 1], Float32Array.from([5, 5, 1, 5])));
    expect(Array.from(pool.backward(new Tensor([1, 1, 1, 1], Float32Array.from([1]))).data)).toEqual([1, 0, 0, 0]);
    const spec = new MaxPool2D(3, { stride: 2, padding: 'same' }).toSpec();
    expect(spec).toEqual({ type: 'MaxPool2D', poolSize: [3, 3], stride: [2, 2], padding: 'same' });
    expect(maxPool2dKind.label(spec)).toBe('MaxPool2D(3×3, stride 2×2, same)');
    expect(maxPool2dKind.label(new MaxPool2D(2).toSpec())).toBe('MaxPool2D(2×2)');
    expect(maxPool2dKind.source(spec)).toBe("new MaxPool2D(3, { stride: 2, padding: 'same' })");
    expect(maxPool2dKind.outputShape(new MaxPool2D(2).toSpec(), [26, 26, 16])).toEqual([13, 13, 16]);
    expect(maxPool2dKind.defaults({ poolSize: [3, 3] })).toEqual({ stride: [3, 3], padding: 'valid' });
    expect(() => pool.forward(Tensor.zeros([4, 16]))).toThrow(
      new ShapeError('MaxPool2D(2×2) expected input of shape [batch, height, width, channels], received shape [4, 16]'),
    );
  });
});
