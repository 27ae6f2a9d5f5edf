import { ReLU } from '../../src/activations/relu.js';
import { Softmax } from '../../src/activations/softmax.js';
import { Conv2D } from '../../src/layers/conv-2d.js';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { Flatten } from '../../src/layers/flatten.js';
import { MaxPool2D } from '../../src/layers/max-pool-2d.js';
import { CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { CategoricalAccuracy } from '../../src/metrics/categorical-accuracy.js';
import { Model } from '../../src/model/model.js';
import { Adam } from '../../src/optimizers/adam.js';
import { init } from '../../src/random/default.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { randomImages } from './helpers.js';

/**
 * The small CNN the model-file and checkpoint tests train, freshly initialised
 * (init(7)): Conv2D(1→4, 3×3) ReLU MaxPool2D(2×2) Conv2D(4→8, 3×3, same) ReLU
 * Dropout(0.25) Flatten Dense(200→10) Softmax on 12×12×1 images, He
 * initialisation, Adam with decay (dropout and shuffling draw from the
 * generator, which checkpoints must restore).
 * 12×12 → 10×10×4 → 5×5×4 → 5×5×8 → 200 → 10.
 */
export function smallCnn(): Model {
  init(7);
  const model = new Model();
  model.add(new Conv2D(1, 4, 3, { initializer: 'he', weightRegularizerL2: 1e-4 }));
  model.add(new ReLU());
  model.add(new MaxPool2D(2));
  model.add(new Conv2D(4, 8, 3, { padding: 'same', initializer: 'he' }));
  model.add(new ReLU());
  model.add(new Dropout(0.25));
  model.add(new Flatten());
  model.add(new Dense(200, 10, { initializer: 'xavier' }));
  model.add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.01, decay: 1e-3 }), accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

/** `count` random 12×12×1 images and class ids 0–9 (`interval(9)` draws from [0, 9]). */
export function cnnData(count: number, seed = 3): { x: Tensor<Float32Array>; y: Tensor<Uint8Array> } {
  const x = randomImages([count, 12, 12, 1], seed);
  const generator = new RandomGenerator(seed + 100);
  return { x, y: new Tensor([count], Uint8Array.from({ length: count }, () => generator.interval(9))) };
}
