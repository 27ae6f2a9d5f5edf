/**
 * Seed 004, part 1 — backpropagation through one neuron, by the chain rule.
 *
 * One neuron with 3 inputs, a ReLU, and the squared output as the loss:
 *
 * ```text
 * z    = w·x + b                 (linear output)
 * a    = ReLU(z)
 * loss = (a − target)²
 *
 * ∂loss/∂w_i = ∂loss/∂a · ∂a/∂z · ∂z/∂w_i = 2(a − target) · [z > 0] · x_i
 * ∂loss/∂b   = ∂loss/∂a · ∂a/∂z · ∂z/∂b   = 2(a − target) · [z > 0] · 1
 * ```
 *
 * then 200 steps of w ← w − learningRate · ∂loss/∂w, printing the loss as the
 * notebook does.
 *
 * Run: npx tsx examples/backprop-single-neuron.ts
 */
import { pathToFileURL } from 'node:url';
import { formatArray, formatFloat } from './python-format.js';

export interface SingleNeuronResult {
  weights: number[];
  bias: number;
  /** The loss of every iteration, before its update. */
  losses: number[];
}

/** Runs the notebook's loop; `print` receives each line it prints. */
export function run(print: (line: string) => void = console.log): SingleNeuronResult {
  const weights = [-3.0, -1.0, 2.0];
  let bias = 1.0;
  const inputs = [1.0, -2.0, 3.0];
  const targetOutput = 0.0;
  const learningRate = 0.001;

  const relu = (x: number): number => Math.max(0, x);
  const reluDerivative = (x: number): number => (x > 0 ? 1.0 : 0.0);
  const losses: number[] = [];

  for (let iteration = 0; iteration < 200; iteration++) {
    // Forward pass. The notebook's nnfs.init() makes np.dot return float32;
    // Math.fround does the same, so the printed digits match.
    const linearOutput = Math.fround(weights[0] * inputs[0] + weights[1] * inputs[1] + weights[2] * inputs[2]) + bias;
    const output = relu(linearOutput);
    const loss = (output - targetOutput) ** 2;

    // Backward pass: one local derivative per step of the forward pass.
    const dlossDoutput = 2 * (output - targetOutput);
    const doutputDlinear = reluDerivative(linearOutput);
    const dlinearDweights = inputs;
    const dlinearDbias = 1.0;

    const dlossDlinear = dlossDoutput * doutputDlinear;
    const dlossDweights = dlinearDweights.map((x) => dlossDlinear * x);
    const dlossDbias = dlossDlinear * dlinearDbias;

    // Update weights and bias.
    for (let i = 0; i < weights.length; i++) weights[i] -= learningRate * dlossDweights[i];
    bias -= learningRate * dlossDbias;

    print(`Iteration ${iteration + 1}, Loss: ${formatFloat(loss)}`);
    losses.push(loss);
  }

  print(`Final weights: ${formatArray(weights)}`);
  print(`Final bias: ${formatFloat(bias)}`);
  return { weights, bias, losses };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run();
