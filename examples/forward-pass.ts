// Seed 001, chapters 1–3: a neuron, a layer, a batch and two layers, forward only.
// Run: npx tsx examples/forward-pass.ts
import { Tensor, getBackend } from '../src/node.js';

const backend = getBackend();

/** inputs [batch, nIn] · weightsᵀ (weights given as [nOut, nIn], as the book writes them) + biases. */
function layerOutput(inputs: number[][], weights: number[][], biases: number[]): number[][] {
  const x = Tensor.from(inputs);
  const w = Tensor.from(weights);
  const out = Tensor.zeros([x.rows, w.rows]);
  backend.gemm(false, true, x.rows, w.rows, x.columns, x.data, w.data, out.data);
  backend.addBias(out.data, Float32Array.from(biases), x.rows, w.rows, out.data);
  return out.toArray() as number[][];
}

// One neuron: weight · input + bias.
const inputs = [1, 2, 3, 2.5];
const weights = [[0.2, 0.8, -0.5, 1.0]];
console.log('neuron:', layerOutput([inputs], weights, [2])[0][0].toFixed(4)); // 4.8

// A layer of three neurons.
const layerWeights = [
  [0.2, 0.8, -0.5, 1],
  [0.5, -0.91, 0.26, -0.5],
  [-0.26, -0.27, 0.17, 0.87],
];
const layerBiases = [2, 3, 0.5];
console.log('layer:', layerOutput([inputs], layerWeights, layerBiases)[0].map((v) => +v.toFixed(4))); // [4.8, 1.21, 2.385]

// A batch of three samples through two layers.
const batch = [
  [1, 2, 3, 2.5],
  [2, 5, -1, 2],
  [-1.5, 2.7, 3.3, -0.8],
];
const layer1 = layerOutput(batch, layerWeights, layerBiases);
console.log('batch, layer 1:', layer1.map((row) => row.map((v) => +v.toFixed(4))));
const weights2 = [
  [0.1, -0.14, 0.5],
  [-0.5, 0.12, -0.33],
  [-0.44, 0.73, -0.13],
];
const layer2 = layerOutput(layer1, weights2, [-1, 2, -0.5]);
console.log('batch, layer 2:', layer2.map((row) => row.map((v) => +v.toFixed(5)))); // [[0.5031, -1.04185, -2.03875], …]
