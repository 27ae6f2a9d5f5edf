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

/**
 * Runs every fixture step and compares parameters and learning rate to numpy
 * after each. The kernels round every operation to float32 as numpy does, so
 * the parameters must equal numpy's bit for bit.
 */
export function replay(optimizer: Optimizer, testCase: FixtureCase): void {
  const layers = initialLayers();
  testCase.steps.forEach((expected, s) => {
    step(optimizer, layers, s);
    expect(optimizer.currentLearningRate, `step ${s} currentLearningRate`).toBeCloseTo(expected.currentLearningRate, 15);
    expect(optimizer.iterations).toBe(s + 1);
    expected.layers.forEach((p, l) => {
      expect(Array.from(layers[l].weights.data), `step ${s} layer ${l} weights`).toEqual(p.weights.flat());
      expect(Array.from(layers[l].biases.data), `step ${s} layer ${l} biases`).toEqual(p.biases.flat());
    });
  });
}
