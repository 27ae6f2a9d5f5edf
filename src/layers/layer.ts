import type { FloatArray, NumericArray, Tensor } from '../tensor/tensor.js';
import type { LayerSpec } from './layer-spec.js';

/**
 * A step of the network: `forward(inputs)` computes and keeps `output`;
 * `backward(dValues)` takes ∂loss/∂output and keeps `dInputs` = ∂loss/∂inputs
 * (and, for trainable layers, the parameter gradients). Backward reads only
 * what forward saved in the layer's own typed fields.
 *
 * Buffers are reused between calls with the same batch size, so a training
 * loop allocates nothing per step after the first batch: copy `output` if you
 * need to keep it across a later `forward`. `dispose()` gives them back to
 * the backend.
 */
export interface Layer {
  /** The layer's type name as model files store it (`'Dense'`, `'ReLU'`, …): its kind in the layer registry. */
  readonly type: string;
  /** The last forward result. */
  readonly output: Tensor;
  /** The last backward result, ∂loss/∂inputs. */
  readonly dInputs: Tensor;
  /** `training` switches on training-only behaviour (dropout masks). */
  forward(inputs: Tensor, training?: boolean): Tensor;
  /**
   * `inputGradient: false` tells the layer nobody will read `dInputs` (the
   * model's first trainable layer: below it there is nothing to train), so it
   * may skip computing them. Dense then saves its largest product.
   */
  backward(dValues: Tensor, inputGradient?: boolean): Tensor;
  /** The JSON description model files store. */
  toSpec(): LayerSpec;
  /**
   * Gives the layer's backend buffers back (parameters, gradients, outputs);
   * afterwards `forward`, `backward` and parameter access throw a
   * DisposedError. A second call does nothing.
   */
  dispose(): void;
}

/** An activation also knows how to turn outputs into predictions. */
export interface Activation extends Layer {
  /** Class ids (argmax), 0/1 (> 0.5) or the values themselves (identity). */
  predictions(outputs: Tensor): Tensor<NumericArray>;
}

/** A named trainable tensor and its gradient. */
export interface Parameter {
  /** `weights`, `biases`: the tensor's name within its layer (files store `layers.<i>.<name>`). */
  readonly name: string;
  readonly value: Tensor<FloatArray>;
  readonly gradient: Tensor<FloatArray>;
}

/** A layer with parameters (Dense): what optimizers update. */
export interface TrainableLayer extends Layer {
  weights: Tensor<FloatArray>;
  biases: Tensor<FloatArray>;
  readonly dWeights: Tensor<FloatArray>;
  readonly dBiases: Tensor<FloatArray>;
  readonly weightRegularizerL1: number;
  readonly weightRegularizerL2: number;
  readonly biasRegularizerL1: number;
  readonly biasRegularizerL2: number;
  /** Parameters in a stable order: weights, then biases. */
  parameters(): Parameter[];
}

/** True for layers that own parameters. */
export function isTrainable(layer: Layer): layer is TrainableLayer {
  return typeof (layer as Partial<TrainableLayer>).parameters === 'function';
}

/** True for activations (layers that can make predictions). */
export function isActivation(layer: Layer): layer is Activation {
  return typeof (layer as Partial<Activation>).predictions === 'function';
}
