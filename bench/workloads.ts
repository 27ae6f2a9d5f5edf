// The training workloads, scratchnet side, written with the book's manual loop
// (Dense, ReLU, SoftmaxCategoricalCrossentropy, Adam) so it does what
// bench/numpy_reference.py does step for step, except one product: like
// Model.backward (and PyTorch), it skips the first layer's input gradient,
// which the book computes and never reads.
import { ReLU } from '../src/activations/relu.js';
import { spiralData } from '../src/data/synthetic/spiral.js';
import { Conv2D } from '../src/layers/conv-2d.js';
import { Dense } from '../src/layers/dense.js';
import { Flatten } from '../src/layers/flatten.js';
import { isTrainable, type Layer } from '../src/layers/layer.js';
import { MaxPool2D } from '../src/layers/max-pool-2d.js';
import { SoftmaxCategoricalCrossentropy } from '../src/losses/softmax-categorical-crossentropy.js';
import { Adam } from '../src/optimizers/adam.js';
import { RandomGenerator } from '../src/random/generator.js';
import { init } from '../src/random/default.js';
import { Tensor } from '../src/tensor/tensor.js';
import { getBackend } from '../src/backend/registry.js';

export interface Workload {
  /** Layer widths, input first: [784, 128, 128, 10]. */
  sizes: number[];
  batch: number;
  learningRate: number;
  decay: number;
  /** Samples per class of the spiral data set (full-batch workloads); otherwise random data. */
  spiral?: number;
  /** Random data set size (cycled through in batches). */
  samples: number;
  /** Steps per epoch used to turn a measured step time into seconds per epoch. */
  stepsPerEpoch: number;
}

export const workloads: Record<'W1' | 'W2' | 'W3', Workload> = {
  W1: { sizes: [784, 128, 128, 10], batch: 128, learningRate: 0.001, decay: 1e-3, samples: 2048, stepsPerEpoch: Math.ceil(60000 / 128) },
  W2: { sizes: [2, 64, 3], batch: 300, learningRate: 0.05, decay: 5e-7, spiral: 100, samples: 300, stepsPerEpoch: 1 },
  W3: { sizes: [784, 1024, 1024, 10], batch: 512, learningRate: 0.001, decay: 1e-3, samples: 2048, stepsPerEpoch: Math.ceil(60000 / 512) },
};

/**
 * Builds the model and data on the current backend and returns a function
 * that runs `steps` training steps (forward, loss, backward, Adam update).
 */
export function prepareTraining(workload: Workload): (steps: number) => number {
  init(0);
  const backend = getBackend();
  const classes = workload.sizes[workload.sizes.length - 1];
  let X: Tensor<Float32Array>;
  let y: Tensor<Int32Array | Uint8Array>;
  if (workload.spiral) {
    [X, y] = spiralData(workload.spiral, classes);
  } else {
    const rng = new RandomGenerator(1);
    const data = backend.allocate(workload.samples * workload.sizes[0]);
    rng.uniform(-1, 1, data.length, data);
    X = new Tensor([workload.samples, workload.sizes[0]], data);
    y = new Tensor([workload.samples], Int32Array.from({ length: workload.samples }, () => rng.interval(classes - 1)));
  }
  const dense = workload.sizes.slice(1).map((width, i) => new Dense(workload.sizes[i], width));
  const relus = dense.slice(0, -1).map(() => new ReLU());
  const lossActivation = new SoftmaxCategoricalCrossentropy();
  const optimizer = new Adam({ learningRate: workload.learningRate, decay: workload.decay });
  const batches = Math.max(1, Math.floor(workload.samples / workload.batch));
  let step = 0;
  return (steps) => {
    let loss = 0;
    for (let s = 0; s < steps; s++, step++) {
      const start = (step % batches) * workload.batch;
      const batchX = X.sliceRows(start, start + workload.batch);
      const batchY = y.sliceRows(start, start + workload.batch);
      let inputs: Tensor = batchX;
      for (let i = 0; i < relus.length; i++) {
        dense[i].forward(inputs);
        relus[i].forward(dense[i].output);
        inputs = relus[i].output;
      }
      const last = dense[dense.length - 1];
      last.forward(inputs);
      loss = lossActivation.forward(last.output, batchY);
      lossActivation.backward(lossActivation.output, batchY);
      last.backward(lossActivation.dInputs);
      let dValues = last.dInputs;
      for (let i = relus.length - 1; i >= 0; i--) {
        relus[i].backward(dValues);
        // As Model.backward: the first layer's input gradient has no reader.
        dValues = dense[i].backward(relus[i].dInputs, i > 0);
      }
      optimizer.preUpdateParams();
      for (const layer of dense) optimizer.updateParams(layer);
      optimizer.postUpdateParams();
    }
    return loss;
  };
}

/** W4, the small Fashion-MNIST CNN, batch 128, Adam (lr 0.001), on 28×28×1 random images. */
export const cnnWorkload = { batch: 128, samples: 1024, learningRate: 0.001, stepsPerEpoch: Math.ceil(60000 / 128) };

/**
 * W4 = Conv2D(1,16,3) ReLU MaxPool2D(2) Conv2D(16,32,3) ReLU MaxPool2D(2)
 * Flatten Dense(800,128) ReLU Dense(128,10), softmax cross-entropy, Adam,
 * with the same manual loop (He initialisation, as PyTorch's defaults are
 * fan-in scaled). Returns a function that runs `steps` training steps.
 */
export function prepareCnnTraining(): (steps: number) => number {
  init(0);
  const { batch, samples, learningRate } = cnnWorkload;
  const rng = new RandomGenerator(1);
  const data = getBackend().allocate(samples * 784);
  rng.uniform(-1, 1, data.length, data);
  const X = new Tensor([samples, 28, 28, 1], data);
  const y = new Tensor([samples], Int32Array.from({ length: samples }, () => rng.interval(9)));
  const he = { initializer: 'he' } as const;
  const layers: Layer[] = [
    new Conv2D(1, 16, 3, he), new ReLU(), new MaxPool2D(2),
    new Conv2D(16, 32, 3, he), new ReLU(), new MaxPool2D(2),
    new Flatten(), new Dense(800, 128, he), new ReLU(), new Dense(128, 10, he),
  ];
  const trainable = layers.filter(isTrainable);
  const lossActivation = new SoftmaxCategoricalCrossentropy();
  const optimizer = new Adam({ learningRate });
  const batches = Math.floor(samples / batch);
  let step = 0;
  return (steps) => {
    let loss = 0;
    for (let s = 0; s < steps; s++, step++) {
      const start = (step % batches) * batch;
      let out: Tensor = X.sliceRows(start, start + batch);
      for (const layer of layers) out = layer.forward(out, true);
      const batchY = y.sliceRows(start, start + batch);
      loss = lossActivation.forward(out, batchY);
      let d = lossActivation.backward(lossActivation.output, batchY);
      // As Model.backward: the first layer's input gradient has no reader.
      for (let i = layers.length - 1; i >= 0; i--) d = layers[i].backward(d, i > 0);
      optimizer.preUpdateParams();
      for (const layer of trainable) optimizer.updateParams(layer);
      optimizer.postUpdateParams();
    }
    return loss;
  };
}
