import type { Parameter, TrainableLayer } from '../../src/layers/layer.js';
import type { LayerSpec } from '../../src/layers/layer-spec.js';
import { dense } from '../io/helpers.js';
import { Tensor, type FloatArray, type NestedArray } from '../../src/tensor/tensor.js';

/**
 * A stand-in for Dense in optimizer tests: parameters and gradients set
 * directly, no forward/backward math.
 */
export class FakeLayer implements TrainableLayer {
  readonly type = 'Dense' as const;
  weights: Tensor<FloatArray>;
  biases: Tensor<FloatArray>;
  dWeights: Tensor<FloatArray>;
  dBiases: Tensor<FloatArray>;
  readonly weightRegularizerL1 = 0;
  readonly weightRegularizerL2 = 0;
  readonly biasRegularizerL1 = 0;
  readonly biasRegularizerL2 = 0;
  output: Tensor = Tensor.zeros([0]);
  dInputs: Tensor = Tensor.zeros([0]);

  constructor(weights: Tensor<FloatArray>, biases: Tensor<FloatArray>) {
    this.weights = weights;
    this.biases = biases;
    this.dWeights = new Tensor(weights.shape, new (weights.data.constructor as Float32ArrayConstructor)(weights.size));
    this.dBiases = new Tensor(biases.shape, new (biases.data.constructor as Float32ArrayConstructor)(biases.size));
  }

  static from(weights: NestedArray, biases: NestedArray): FakeLayer {
    return new FakeLayer(Tensor.from(weights), Tensor.from(biases));
  }

  setGradients(dWeights: NestedArray, dBiases: NestedArray): void {
    this.dWeights.data.set(Tensor.from(dWeights).data);
    this.dBiases.data.set(Tensor.from(dBiases).data);
  }

  forward(): Tensor {
    throw new Error('FakeLayer has no forward pass');
  }

  backward(): Tensor {
    throw new Error('FakeLayer has no backward pass');
  }

  parameters(): Parameter[] {
    return [
      { name: 'weights', value: this.weights, gradient: this.dWeights },
      { name: 'biases', value: this.biases, gradient: this.dBiases },
    ];
  }

  toSpec(): LayerSpec {
    const [inputs, units] = this.weights.shape;
    return dense(inputs, units);
  }

  /** Nothing to release: the tensors are ordinary arrays. */
  dispose(): void {}
}
