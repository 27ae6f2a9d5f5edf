import { describe, expect, it } from 'vitest';
import { run as runLayer } from '../../examples/backprop-layer.js';
import { run as runSingleNeuron } from '../../examples/backprop-single-neuron.js';
import fixture from '../fixtures/seed004.json' with { type: 'json' };

// Losses come from `** 2`, which numpy hands to the C library's pow: it may
// differ from JavaScript's in the last bit, so they compare to 1 part in 1e15.
// Nothing downstream reads the loss, so weights and biases compare exactly.
function expectLosses(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((loss, i) => expect(Math.abs(loss - expected[i]), `loss ${i}`).toBeLessThanOrEqual(1e-15 * expected[i]));
}

function captured(run: (print: (line: string) => void) => unknown): string {
  const lines: string[] = [];
  run((line) => lines.push(line));
  return `${lines.join('\n')}\n`;
}

describe('seed 004 examples reproduce the notebook (plain float64 numpy)', () => {
  it('single neuron: every loss, the final weights and bias', () => {
    const result = runSingleNeuron(() => {});
    expectLosses(result.losses, fixture.singleNeuron.losses);
    expect(result.weights).toEqual(fixture.singleNeuron.weights);
    expect(result.bias).toBe(fixture.singleNeuron.bias);
  });

  it('single neuron: prints what the notebook prints', () => {
    expect(captured(runSingleNeuron)).toBe(fixture.singleNeuron.printed);
  });

  it('layer: every loss, the final weights and biases', () => {
    const result = runLayer(() => {});
    expectLosses(result.losses, fixture.layer.losses);
    expect(result.weights).toEqual(fixture.layer.weights);
    expect(result.biases).toEqual(fixture.layer.biases);
  });

  it('layer: prints what the notebook prints', () => {
    expect(captured(runLayer)).toBe(fixture.layer.printed);
  });

  it('layer: the seed\'s float64 digits, not float32 np.dot\'s (5.329595763793193, -0.0139779)', () => {
    const printed = captured(runLayer);
    expect(printed).toContain('Iteration 20, Loss: 5.32959636083938\n');
    expect(printed).toContain(' [[-0.00698895 -0.01397789 -0.02096684 -0.02795579]\n');
  });
});
