import { describe, expect, it } from 'vitest';
import { Layer, Neuron, computeGradients, loss, run } from '../../examples/seed003-neuron-layer.js';
import { init, Tensor } from '../../src/index.js';

describe('seed 003 Neuron and Layer classes (examples/seed003-neuron-layer.ts)', () => {
  it('a Neuron keeps the activation and bias it is given', () => {
    const neuron = new Neuron();
    expect([neuron.activation, neuron.getBias()]).toEqual([null, null]);
    neuron.setActivation(0.5);
    neuron.setBias(-10);
    expect([neuron.activation, neuron.getBias()]).toEqual([0.5, -10]);
  });

  it('Layer: randn weights [inputs, neurons], zero biases, weighted sums, then ReLU written to each neuron', () => {
    init();
    const layer = new Layer(2, 3);
    expect(layer.weights.shape).toEqual([2, 3]);
    expect(layer.neurons.map((n) => n.getBias())).toEqual([0, 0, 0]);
    layer.weights.data.set([1, -1, 0.5, 2, 1, -3]);
    const inputs = Tensor.from([[1, 1], [2, 0]]);
    layer.setActivations(inputs);
    expect(Array.from(layer.getActivations().data)).toEqual([3, 0, -2.5, 2, -2, 1]);
    layer.applyActivationFunction();
    expect(Array.from(layer.getActivations().data)).toEqual([3, 0, 0, 2, 0, 1]);
    expect(layer.neurons.map((n) => n.activation)).toEqual([3, 0, 0]);
    layer.dispose();
  });

  it('computeGradients: dW = (1/m)·inputsᵀ·(a − y), dB = (1/m)·Σ(a − y), as the notebook writes it', () => {
    init();
    const layer = new Layer(2, 1);
    layer.weights.data.set([1, 1]);
    const x = Tensor.from([[1, 2], [3, -1]]);
    const y = Tensor.from([[1], [0]]);
    layer.setActivations(x);
    layer.applyActivationFunction(); // a = [3, 2]
    expect(loss(layer.getActivations(), y)).toBe((0.5 * 4 + 0.5 * 4) / 2);
    computeGradients(layer, x, y); // dA = [2, 2]
    expect(Array.from(layer.dense.dWeights.data)).toEqual([(1 * 2 + 3 * 2) / 2, (2 * 2 - 1 * 2) / 2]);
    expect(Array.from(layer.dense.dBiases.data)).toEqual([2]);
    layer.dispose();
  });

  it('the run: neurons mirror the first sample, the loss falls and then creeps up', () => {
    const lines: string[] = [];
    const result = run((line) => lines.push(line));
    expect(result.neuronActivations).toEqual(result.firstRow);
    expect(result.losses[1]).toBeLessThan(result.losses[0]);
    expect(result.losses[5]).toBeGreaterThan(result.losses[2]);
    expect(lines[0]).toBe('Layer(3, 4): weights 3×4, biases 0, 0, 0, 0');
  });
});
