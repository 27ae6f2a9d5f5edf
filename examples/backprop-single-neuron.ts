/**
 * Backpropagation through one neuron, by the chain rule: first the chapter 9
 * walkthrough (seed 001, "Backpropagation"), one local derivative at a time,
 * then seed 004, part 1, the same neuron trained for 200 steps.
 *
 * Chapter 9: x = [1, −2, 3], w = [−3, −1, 2], b = 1, and a gradient of 1.0
 * arriving from the next layer:
 *
 * ```text
 * z = x0·w0 + x1·w1 + x2·w2 + b = −3 + 2 + 6 + 1 = 6,   ReLU(z) = 6
 * ∂ReLU/∂z = 1 (z > 0),  ∂sum/∂(xi·wi) = ∂sum/∂b = 1
 * dx = w = [−3, −1, 2],  dw = x = [1, −2, 3],  db = 1
 * w += −0.001·dw → [−3.001, −0.998, 1.997],  b → 0.999,  ReLU(z) → 5.985
 * ```
 *
 * The same gradients then come out of scratchnet's `Dense` and `ReLU`
 * backward (on float64 tensors, so the step gives 5.985 exactly as Python).
 *
 * Seed 004: one neuron with 3 inputs, a ReLU, and the squared output as the loss:
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
import { Dense, ReLU, Tensor } from '../src/node.js';
import { formatArray, formatFloat } from './python-format.js';

export interface WalkthroughResult {
  z: number;
  dx: number[];
  dw: number[];
  db: number;
  /** ReLU(z) after one step of w += −0.001·dw, b += −0.001·db. */
  outputAfterStep: number;
  /** The same gradients and step from Dense(3, 1) + ReLU on float64 tensors. */
  library: { z: number; dx: number[]; dw: number[]; db: number; outputAfterStep: number };
}

/** Python's print of a list of floats: `[-3.001, -0.998, 1.997]`. */
const formatList = (values: readonly number[]): string => `[${values.map(formatFloat).join(', ')}]`;

/** Chapter 9's cells In [58]–[67] of seed 001, printing what they print, then the same with scratchnet's layers. */
export function walkthrough(print: (line: string) => void = console.log): WalkthroughResult {
  const x = [1.0, -2.0, 3.0];
  const w = [-3.0, -1.0, 2.0];
  let b = 1.0;

  // Forward pass: the products, their sum with the bias, the ReLU.
  const xw = [x[0] * w[0], x[1] * w[1], x[2] * w[2]];
  print(xw.map(formatFloat).join(' '));
  const z = xw[0] + xw[1] + xw[2] + b;
  print(formatFloat(z));
  print(formatFloat(Math.max(z, 0)));

  // Backward pass, from the next layer's gradient: ReLU, then the sum (every ∂ is 1), then the products.
  const dvalue = 1.0;
  const dreluDz = dvalue * (z > 0 ? 1 : 0);
  print(formatFloat(dreluDz));
  const dreluDxw = [dreluDz * 1, dreluDz * 1, dreluDz * 1];
  const dreluDb = dreluDz * 1;
  print(formatFloat(dreluDxw[0]));
  const dx = dreluDxw.map((d, i) => d * w[i]); // ∂(xi·wi)/∂xi = wi
  const dw = dreluDxw.map((d, i) => d * x[i]); // ∂(xi·wi)/∂wi = xi
  const db = dreluDb;
  print(formatFloat(dx[0]));
  print([dx[0], dw[0], dx[1], dw[1], dx[2], dw[2]].map(formatFloat).join(' '));

  // One gradient-descent step, and the neuron's output after it.
  for (let i = 0; i < 3; i++) w[i] += -0.001 * dw[i];
  b += -0.001 * db;
  print(`${formatList(w)} ${formatFloat(b)}`);
  const outputAfterStep = Math.max(x[0] * w[0] + x[1] * w[1] + x[2] * w[2] + b, 0);
  print(formatFloat(outputAfterStep));

  // The same neuron as scratchnet's layers: Dense(3, 1) holds w as a [3, 1] column.
  const dense = new Dense(3, 1);
  dense.setParameters(new Tensor([3, 1], Float64Array.from([-3.0, -1.0, 2.0])), new Tensor([1, 1], Float64Array.from([1.0])));
  const relu = new ReLU();
  const input = new Tensor([1, 3], Float64Array.from(x));
  const libraryZ = dense.forward(input).data[0];
  relu.forward(dense.output);
  relu.backward(new Tensor([1, 1], Float64Array.from([dvalue])));
  dense.backward(relu.dInputs);
  const library = {
    z: libraryZ,
    dx: Array.from(dense.dInputs.data),
    dw: Array.from(dense.dWeights.data),
    db: dense.dBiases.data[0],
    outputAfterStep: 0,
  };
  const [weights, biases] = dense.getParameters();
  weights.data.forEach((_, i) => (weights.data[i] += -0.001 * dense.dWeights.data[i]));
  biases.data[0] += -0.001 * dense.dBiases.data[0];
  library.outputAfterStep = relu.forward(dense.forward(input)).data[0];
  print(
    `scratchnet Dense + ReLU: z = ${formatFloat(library.z)}, dx = ${formatList(library.dx)}, ` +
      `dw = ${formatList(library.dw)}, db = ${formatFloat(library.db)}, after the step ${formatFloat(library.outputAfterStep)}`,
  );
  dense.dispose();
  relu.dispose();
  return { z, dx, dw, db, outputAfterStep, library };
}

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
    // Forward pass, in float64 as the notebook's numpy (np.dot of 3 values sums left to right).
    const linearOutput = weights[0] * inputs[0] + weights[1] * inputs[1] + weights[2] * inputs[2] + bias;
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  walkthrough();
  console.log('');
  run();
}
