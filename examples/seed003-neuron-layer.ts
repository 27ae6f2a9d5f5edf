/**
 * Seed 003, "The Structure" and "Functions for gradient descent": the
 * notebook's own `Neuron` and `Layer` classes, built on scratchnet's pieces.
 *
 * - `Neuron` holds one neuron's activation and bias, nothing more.
 * - `Layer(numInputs, numNeurons)` holds its neurons, a weight matrix
 *   [numInputs, numNeurons] drawn from randn (scale 1) and zero biases; here a
 *   `Dense` with `scale: 1` holds them. `setActivations(inputs)` computes the
 *   weighted sums z = inputs · W + b (not yet the activations),
 *   `applyActivationFunction()` replaces them by ReLU(z).
 * - the loss is ½·(ŷ − y)², whose derivative is ŷ − y; `computeGradients`
 *   takes dA = a − y straight to dW = (1/m)·inputsᵀ·dA and dB = (1/m)·Σ dA, as
 *   the notebook writes it (it leaves out the ReLU's derivative, which the
 *   notebook's later "Complete MLP" puts in); `updateParameters` takes one
 *   gradient-descent step, W −= lr·dW.
 *
 * The run below feeds a batch through a Layer(3, 4), shows each neuron's
 * activation, then fits a Layer(3, 1) to random targets with those two
 * functions.
 *
 * Run: npx tsx examples/seed003-neuron-layer.ts
 */
import { pathToFileURL } from 'node:url';
import { init, getDefaultGenerator, getBackend, Tensor, Dense, ReLU, SGD } from '../src/node.js';

/** One neuron: its activation (set by its layer) and its bias. */
export class Neuron {
  activation: number | null = null;
  bias: number | null = null;

  setActivation(value: number): void {
    this.activation = value;
  }

  setBias(value: number): void {
    this.bias = value;
  }

  getBias(): number | null {
    return this.bias;
  }
}

/** The notebook's Layer: neurons, weights [numInputs, numNeurons] = randn, biases zeros. */
export class Layer {
  readonly neurons: Neuron[];
  /** Holds the weights and biases; its forward is the weighted sum. */
  readonly dense: Dense;
  private readonly relu = new ReLU();
  /** Empty [0, numNeurons] until setActivations runs. */
  private activations: Tensor;

  /** numInputs: neurons in the previous layer; numNeurons: neurons in this one. */
  constructor(numInputs: number, numNeurons: number) {
    this.neurons = Array.from({ length: numNeurons }, () => new Neuron());
    this.dense = new Dense(numInputs, numNeurons, { scale: 1 });
    this.neurons.forEach((neuron, j) => neuron.setBias(this.dense.biases.data[j]));
    this.activations = new Tensor([0, numNeurons], new Float32Array(0));
  }

  get weights(): Tensor {
    return this.dense.weights;
  }

  /** The weighted sums z = inputs · W + b, [batch, numNeurons] (not yet the activations). */
  setActivations(inputs: Tensor): void {
    this.activations = this.dense.forward(inputs);
  }

  /** Replaces the weighted sums by ReLU(z); each neuron keeps its value for the first sample. */
  applyActivationFunction(): void {
    this.activations = this.relu.forward(this.getActivations());
    this.neurons.forEach((neuron, j) => neuron.setActivation(this.getActivations().data[j]));
  }

  getActivations(): Tensor {
    return this.activations;
  }

  dispose(): void {
    this.dense.dispose();
    this.relu.dispose();
  }
}

/** ½·mean over the batch of (ŷ − y)², the notebook's loss (its ½ makes the derivative ŷ − y). */
export function loss(yPred: Tensor, yTrue: Tensor): number {
  let sum = 0;
  for (let i = 0; i < yPred.size; i++) sum += 0.5 * (yPred.data[i] - yTrue.data[i]) ** 2;
  return sum / yPred.size;
}

/**
 * The notebook's compute_gradients: dA = a − y, dW = (1/m)·inputsᵀ·dA,
 * dB = (1/m)·Σ dA; Dense's backward computes inputsᵀ·dA and Σ dA.
 * Leaves them in layer.dense.dWeights and dBiases.
 */
export function computeGradients(layer: Layer, inputData: Tensor, targetOutputs: Tensor): void {
  const backend = getBackend();
  const activations = layer.getActivations();
  const dA = new Tensor(activations.shape, new Float32Array(activations.size));
  backend.sub(activations.data, targetOutputs.data, dA.data);
  layer.dense.backward(dA, false);
  const m = inputData.shape[0];
  backend.scale(layer.dense.dWeights.data, 1 / m, layer.dense.dWeights.data);
  backend.scale(layer.dense.dBiases.data, 1 / m, layer.dense.dBiases.data);
}

/** The notebook's update_parameters: W −= lr·dW, b −= lr·dB (plain SGD). */
export function updateParameters(layer: Layer, optimizer: SGD): void {
  optimizer.updateParams(layer.dense);
}

export interface Seed003Result {
  /** Each neuron's activation for the first sample, and ReLU(z) of that sample. */
  neuronActivations: (number | null)[];
  firstRow: number[];
  /** ½·MSE every 100 steps of the one-layer fit. */
  losses: number[];
}

export function run(print: (line: string) => void = console.log): Seed003Result {
  init();
  const random = getDefaultGenerator();

  // Forward: a batch of 5 samples with 3 features through a Layer(3, 4).
  const inputs = new Tensor([5, 3], random.randn(15));
  const layer = new Layer(3, 4);
  layer.setActivations(inputs);
  layer.applyActivationFunction();
  const firstRow = Array.from(layer.getActivations().data.subarray(0, 4));
  const neuronActivations = layer.neurons.map((n) => n.activation);
  print(`Layer(3, 4): weights ${layer.weights.shape.join('×')}, biases ${layer.neurons.map((n) => n.getBias()).join(', ')}`);
  print(`activations of sample 0: [${firstRow.map((a) => a.toFixed(4)).join(', ')}]`);
  print(`neuron activations:      [${neuronActivations.map((a) => a!.toFixed(4)).join(', ')}]`);
  layer.dispose();

  // Gradient descent with the notebook's two functions: a Layer(3, 1) fits 100 random targets.
  const x = new Tensor([100, 3], random.randn(300));
  const y = new Tensor([100, 1], random.randn(100));
  const single = new Layer(3, 1);
  const optimizer = new SGD({ learningRate: 0.1 });
  const losses: number[] = [];
  for (let step = 0; step <= 500; step++) {
    single.setActivations(x);
    single.applyActivationFunction();
    if (step % 100 === 0) {
      losses.push(loss(single.getActivations(), y));
      print(`step ${step}, loss: ${losses[losses.length - 1].toFixed(6)}`);
    }
    computeGradients(single, x, y);
    updateParameters(single, optimizer);
  }
  print(
    'The loss falls, then creeps up: computeGradients leaves out ReLU\'s derivative, so samples the ReLU ' +
      'zeroes still push the weights (the notebook\'s Complete MLP puts it in: examples/two-layer-network.ts).',
  );
  single.dispose();
  return { neuronActivations, firstRow, losses };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run();
