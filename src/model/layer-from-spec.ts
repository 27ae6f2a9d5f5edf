import { LeakyReLU } from '../activations/leaky-relu.js';
import { Linear } from '../activations/linear.js';
import { ReLU } from '../activations/relu.js';
import { Sigmoid } from '../activations/sigmoid.js';
import { Softmax } from '../activations/softmax.js';
import { Tanh } from '../activations/tanh.js';
import { ArgumentError } from '../errors.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import type { Layer } from '../layers/layer.js';
import { BinaryCrossentropy } from '../losses/binary-crossentropy.js';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.js';
import type { Loss } from '../losses/loss.js';
import { MeanAbsoluteError } from '../losses/mean-absolute-error.js';
import { MeanSquaredError } from '../losses/mean-squared-error.js';
import type { LayerSpec, LossSpec } from './architecture.js';

/** Builds the layer a spec describes (weights freshly initialised). Unknown types are rejected. */
export function layerFromSpec(spec: LayerSpec, index = 0): Layer {
  switch (spec.type) {
    case 'Dense': {
      const { initializer } = spec;
      return new Dense(spec.inputs, spec.units, {
        initializer: initializer.kind,
        ...(initializer.kind === 'book' ? { scale: initializer.scale } : {}),
        weightRegularizerL1: spec.weightRegularizerL1,
        weightRegularizerL2: spec.weightRegularizerL2,
        biasRegularizerL1: spec.biasRegularizerL1,
        biasRegularizerL2: spec.biasRegularizerL2,
      });
    }
    case 'Dropout':
      return new Dropout(spec.rate);
    case 'ReLU':
      return new ReLU();
    case 'Sigmoid':
      return new Sigmoid();
    case 'Softmax':
      return new Softmax();
    case 'Linear':
      return new Linear();
    case 'Tanh':
      return new Tanh();
    case 'LeakyReLU':
      return new LeakyReLU(spec.alpha);
    default:
      throw new ArgumentError(`layers[${index}]: unknown layer type "${(spec as { type: unknown }).type}"`);
  }
}

/** Builds the loss a spec describes. */
export function lossFromSpec(spec: LossSpec): Loss {
  switch (spec.type) {
    case 'CategoricalCrossentropy':
      return new CategoricalCrossentropy();
    case 'BinaryCrossentropy':
      return new BinaryCrossentropy();
    case 'MeanSquaredError':
      return new MeanSquaredError();
    case 'MeanAbsoluteError':
      return new MeanAbsoluteError();
    default:
      throw new ArgumentError(`loss: unknown type "${(spec as { type: unknown }).type}"`);
  }
}
