/**
 * Seed 004, part 2 — backpropagation through a layer of 3 neurons.
 *
 * Four inputs feed three ReLU neurons; the loss is the square of the sum of
 * their outputs (driving it to 0 is trivial, but every gradient is real):
 *
 * ```text
 * z    = W·x + b          W: 3×4, x: 4, b: 3
 * a    = ReLU(z)
 * s    = Σ_j a_j
 * loss = s²
 *
 * ∂loss/∂z_j  = 2s · 1 · [z_j > 0]
 * ∂loss/∂W_jk = ∂loss/∂z_j · x_k      (an outer product)
 * ∂loss/∂b_j  = ∂loss/∂z_j
 * ```
 *
 * then 200 steps of W ← W − learningRate · ∂loss/∂W, printing the loss every
 * 20 iterations as the notebook does.
 *
 * The notebook computes in plain float64 numpy, and so does this file
 * (JavaScript numbers are float64): it prints the seed's digits,
 * `Iteration 20, Loss: 5.32959636083938` and a final weight of −0.01397789.
 *
 * Run: npx tsx examples/backprop-layer.ts
 */
import { pathToFileURL } from 'node:url';
import { formatArray, formatFloat } from './python-format.js';

export interface LayerResult {
  /** 3 rows (neurons) of 4 weights. */
  weights: number[][];
  biases: number[];
  /** The loss of every iteration, before its update. */
  losses: number[];
}

/**
 * np.dot of a weight row and the 4 inputs, summed in numpy's order: its BLAS
 * adds the even and the odd products in two SIMD lanes, then the lanes
 * ((w0x0 + w2x2) + (w1x1 + w3x3)). Summed left to right instead, the losses
 * part from the seed's in the 16th digit by iteration 60.
 */
function dot(row: number[], x: number[]): number {
  return row[0] * x[0] + row[2] * x[2] + (row[1] * x[1] + row[3] * x[3]);
}

/** Runs the notebook's loop; `print` receives each line it prints. */
export function run(print: (line: string) => void = console.log): LayerResult {
  const inputs = [1, 2, 3, 4];
  const weights = [
    [0.1, 0.2, 0.3, 0.4],
    [0.5, 0.6, 0.7, 0.8],
    [0.9, 1.0, 1.1, 1.2],
  ];
  const biases = [0.1, 0.2, 0.3];
  const learningRate = 0.001;
  const numIterations = 200;

  const relu = (x: number): number => Math.max(0, x);
  const reluDerivative = (x: number): number => (x > 0 ? 1 : 0);
  const losses: number[] = [];

  for (let iteration = 0; iteration < numIterations; iteration++) {
    // Forward pass.
    const neuronOutputs = weights.map((row, j) => dot(row, inputs) + biases[j]);
    const reluOutputs = neuronOutputs.map(relu);
    const finalOutput = reluOutputs.reduce((a, b) => a + b, 0);
    const loss = finalOutput ** 2;

    // Backward pass: ∂loss/∂s, then ∂s/∂a = 1, then ∂a/∂z = [z > 0].
    const dLdFinalOutput = 2 * finalOutput;
    const dLdNeuronOutput = neuronOutputs.map((z) => dLdFinalOutput * 1 * reluDerivative(z));

    // ∂loss/∂W is the outer product of ∂loss/∂z and the inputs; ∂loss/∂b is ∂loss/∂z.
    const dLdW = dLdNeuronOutput.map((d) => inputs.map((x) => x * d));
    const dLdb = dLdNeuronOutput;

    // Update the weights and biases.
    weights.forEach((row, j) => row.forEach((_, k) => (row[k] -= learningRate * dLdW[j][k])));
    biases.forEach((_, j) => (biases[j] -= learningRate * dLdb[j]));

    if (iteration % 20 === 0) print(`Iteration ${iteration}, Loss: ${formatFloat(loss)}`);
    losses.push(loss);
  }

  print('Final weights:');
  print(` ${formatArray(weights)}`);
  print('Final biases:');
  print(` ${formatArray(biases)}`);
  return { weights, biases, losses };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run();
