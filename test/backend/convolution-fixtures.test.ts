/**
 * The js window kernels composed the way Conv2D and MaxPool2D use them,
 * against the numpy reference with explicit loops (scripts/fixtures/convolution.py),
 * in float64 to 1e-12:
 *   forward  y = im2col(x)·W + b     (gemm NN with bias; W [kh, kw, C, F] read as [kh·kw·C, F])
 *   dW = colsᵀ·dY (gemm TN), dB = Σ_rows dY (sumRows), dCols = dY·Wᵀ (gemm NT), dX = col2im(dCols)
 *   max pooling: y, argmax = maxPool(x); dX = maxPoolBackward(dY, argmax)
 */
import { describe, expect, it } from 'vitest';
import type { WindowGeometry } from '../../src/backend/backend.js';
import { jsBackend } from '../../src/backend/js.js';
import { windowGeometry, type WindowPadding } from '../../src/backend/window-geometry.js';
import fixture from '../fixtures/convolution.json' with { type: 'json' };

const TOLERANCE = 1e-12;

/** The largest |actual − expected|, after checking the lengths agree. */
function maxError(actual: Float64Array, expected: number[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst;
}

type Shape4 = [number, number, number, number];

function geometryOf(c: { inputShape: number[]; stride: number[]; padding: string }, kernel: number[]): WindowGeometry {
  return windowGeometry(c.inputShape as Shape4, kernel as [number, number], c.stride as [number, number], c.padding as WindowPadding);
}

describe('convolution through im2col + gemm + col2im against the numpy loops', () => {
  it.each(fixture.convolutions.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const g = geometryOf(c, c.kernel);
    const rows = g.batch * g.outHeight * g.outWidth;
    const depth = g.kernelHeight * g.kernelWidth * g.channels;
    const filters = c.filters;
    const x = Float64Array.from(c.x);
    const weights = Float64Array.from(c.weights);
    const dY = Float64Array.from(c.dY);

    const cols = new Float64Array(rows * depth).fill(Number.NaN);
    jsBackend.im2col(x, g, cols);
    const y = new Float64Array(rows * filters).fill(Number.NaN);
    jsBackend.gemm(false, false, rows, filters, depth, cols, weights, y, Float64Array.from(c.biases));
    const dWeights = new Float64Array(depth * filters).fill(Number.NaN);
    jsBackend.gemm(true, false, depth, filters, rows, cols, dY, dWeights);
    const dBiases = new Float64Array(filters).fill(Number.NaN);
    jsBackend.sumRows(dY, rows, filters, dBiases);
    const dCols = new Float64Array(rows * depth).fill(Number.NaN);
    jsBackend.gemm(false, true, rows, depth, filters, dY, weights, dCols);
    const dInputs = new Float64Array(x.length).fill(Number.NaN);
    jsBackend.col2im(dCols, g, dInputs);

    expect(maxError(y, c.y)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxError(dWeights, c.dWeights)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxError(dBiases, c.dBiases)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxError(dInputs, c.dInputs)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('max pooling through maxPool + maxPoolBackward against the numpy loops', () => {
  it.each(fixture.maxPools.map((p) => [p.name, p] as const))('%s', (_, p) => {
    const g = geometryOf(p, p.pool);
    const outputs = g.batch * g.outHeight * g.outWidth * g.channels;
    const y = new Float64Array(outputs).fill(Number.NaN);
    const argmax = new Int32Array(outputs).fill(-1);
    jsBackend.maxPool(Float64Array.from(p.x), g, y, argmax);
    const dInputs = new Float64Array(p.x.length).fill(Number.NaN);
    jsBackend.maxPoolBackward(Float64Array.from(p.dY), argmax, dInputs);
    expect(maxError(y, p.y)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxError(dInputs, p.dInputs)).toBeLessThanOrEqual(TOLERANCE);
  });
});
