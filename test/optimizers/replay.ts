import { expect } from 'vitest';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import fixture from '../fixtures/optimizers.json' with { type: 'json' };
import { FakeLayer } from './fake-layer.js';

export type FixtureCase = (typeof fixture.cases)[number];

/** The fixture cases for one optimizer type. */
export function casesOf(type: string): FixtureCase[] {
  const cases = fixture.cases.filter((c) => c.type === type);
  if (cases.length === 0) throw new Error(`no fixture cases for ${type}`);
  return cases;
}

/** Fresh layers holding the fixture's initial parameters. */
export function initialLayers(): FakeLayer[] {
  return fixture.initial.map((p) => FakeLayer.from(p.weights, p.biases));
}

/** One training step as the book runs it: pre, update every layer, post. */
export function step(optimizer: Optimizer, layers: FakeLayer[], index: number): void {
  fixture.gradients[index].forEach((g, i) => layers[i].setGradients(g.weights, g.biases));
  optimizer.preUpdateParams();
  for (const layer of layers) optimizer.updateParams(layer);
  optimizer.postUpdateParams();
}

function expectRelativelyClose(actual: ArrayLike<number>, expected: number[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    expect(error, `${label}[${i}]: ${actual[i]} vs numpy ${expected[i]}`).toBeLessThanOrEqual(1e-5 * Math.abs(expected[i]));
  }
}

/** Runs every fixture step and compares parameters and learning rate to numpy after each. */
export function replay(optimizer: Optimizer, testCase: FixtureCase): void {
  const layers = initialLayers();
  testCase.steps.forEach((expected, s) => {
    step(optimizer, layers, s);
    expect(optimizer.currentLearningRate, `step ${s} currentLearningRate`).toBeCloseTo(expected.currentLearningRate, 15);
    expect(optimizer.iterations).toBe(s + 1);
    expected.layers.forEach((p, l) => {
      expectRelativelyClose(layers[l].weights.data, p.weights.flat(), `step ${s} layer ${l} weights`);
      expectRelativelyClose(layers[l].biases.data, p.biases.flat(), `step ${s} layer ${l} biases`);
    });
  });
}
