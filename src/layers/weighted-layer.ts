import { getBackend } from '../backend/registry.js';
import { checkNotDisposed } from '../errors.js';
import { getDefaultGenerator } from '../random/default.js';
import type { RandomGenerator } from '../random/generator.js';
import { OwnedBuffers } from '../tensor/owned-buffers.js';
import { Tensor, type FloatArray } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import { initialWeights, resolveInitializer, type Initializer } from './initializer.js';
import type { Parameter, TrainableLayer } from './layer.js';
import type { LayerSpec } from './layer-spec.js';
import { widest } from './precision.js';
import { addRegularizationGradients, checkRegularizers, type WeightOptions, type WeightOptionsSpec } from './weight-options.js';

/** The options every weighted layer takes: initializer, regularizers, and where the initial weights come from. */
export interface WeightedLayerOptions extends WeightOptions {
  /** Where the initial weights come from; the default generator of `init(seed)` otherwise. */
  generator?: RandomGenerator;
}

/** What a weighted layer's constructor tells the shared part about its shapes. */
interface WeightedShapes {
  /** The weights' shape; its values are read as a [k, units] matrix (k = the product of all but the last axis). */
  weights: number[];
  /** fan-in and fan-out, for the initializers that scale by them. */
  fan: { fanIn: number; fanOut: number };
  /** Empty inputs and outputs ([0, …] with the layer's per-sample shape), the fields' values before the first forward. */
  emptyInput: number[];
  emptyOutput: number[];
}

/**
 * What Dense and Conv2D share: both are an affine map of row vectors,
 * outputRows = rows · W + b, with W viewed as [k, units] and b [1, units]
 * (Dense: the rows are the inputs; Conv2D: the windows of the inputs, im2col).
 * This part holds the weights, biases and their gradients, the initializer
 * and regularizer settings, the memory they live in, the parameter gradients
 * of backward (`parameterGradients`), `parameters()` and `dispose()`.
 */
export abstract class WeightedLayer implements TrainableLayer {
  abstract readonly type: string;
  abstract readonly name: string;
  readonly initializer: Initializer;
  readonly weightRegularizerL1: number;
  readonly weightRegularizerL2: number;
  readonly biasRegularizerL1: number;
  readonly biasRegularizerL2: number;

  weights: Tensor<FloatArray>;
  biases: Tensor<FloatArray>;
  /** The inputs of the last forward, kept for backward (not copied). */
  inputs: Tensor;
  output: Tensor;
  dWeights: Tensor<FloatArray>;
  dBiases: Tensor<FloatArray>;
  dInputs: Tensor;

  /** The initial weights and biases; `dispose` releases them even if they were swapped out since. */
  protected readonly parameterBuffers = new OwnedBuffers();
  protected readonly outputSpace = new Workspace();
  protected readonly dInputsSpace = new Workspace();
  private readonly dWeightsSpace = new Workspace();
  private readonly dBiasesSpace = new Workspace();
  protected disposed = false;

  /** Checks the regularizers and the initializer (errors name `owner`), then draws the initial weights; biases start at 0. */
  protected constructor(owner: string, options: WeightedLayerOptions, shapes: WeightedShapes) {
    const regularizers = checkRegularizers(owner, options);
    this.weightRegularizerL1 = regularizers.weightRegularizerL1;
    this.weightRegularizerL2 = regularizers.weightRegularizerL2;
    this.biasRegularizerL1 = regularizers.biasRegularizerL1;
    this.biasRegularizerL2 = regularizers.biasRegularizerL2;
    this.initializer = resolveInitializer(owner, options);

    const units = shapes.weights[shapes.weights.length - 1];
    const size = shapes.weights.reduce((a, b) => a * b, 1);
    const generator = options.generator ?? getDefaultGenerator();
    this.weights = initialWeights(this.initializer, shapes.weights, shapes.fan, this.parameterBuffers.allocate(size), generator);
    this.biases = new Tensor([1, units], this.parameterBuffers.allocate(units));
    this.dWeights = this.dWeightsSpace.get(shapes.weights);
    this.dBiases = this.dBiasesSpace.get([1, units]);
    this.inputs = Tensor.zeros(shapes.emptyInput);
    this.output = Tensor.zeros(shapes.emptyOutput);
    this.dInputs = Tensor.zeros(shapes.emptyInput);
  }

  abstract forward(inputs: Tensor, training?: boolean): Tensor;
  abstract backward(dValues: Tensor, inputGradient?: boolean): Tensor;
  abstract toSpec(): LayerSpec;

  /** Weights then biases, each with its gradient from the last backward. */
  parameters(): Parameter[] {
    checkNotDisposed(this.disposed, this.name, 'layer');
    return [
      { name: 'weights', value: this.weights, gradient: this.dWeights },
      { name: 'biases', value: this.biases, gradient: this.dBiases },
    ];
  }

  /**
   * Releases the weights and biases this layer allocated, its gradients and
   * outputs; tensors a caller set as parameters stay the caller's. The tensor
   * fields become empty, so no view of released memory stays reachable here.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const space of [this.outputSpace, this.dInputsSpace, this.dWeightsSpace, this.dBiasesSpace]) space.dispose();
    this.parameterBuffers.releaseAll();
    for (const field of ['weights', 'biases', 'dWeights', 'dBiases', 'inputs', 'output', 'dInputs'] as const) this[field] = Tensor.zeros([0]);
  }

  /**
   * backward's parameter gradients from the forward's rows ([rows, k], the
   * matrix the weights multiplied) and dValues ([rows, units] in row-major
   * order, whatever its shape): dWeights = rowsᵀ · dValues, dBiases =
   * Σ_rows dValues, plus the regularization gradients λ1·sign(w) + 2·λ2·w.
   */
  protected parameterGradients(rowsData: FloatArray, rows: number, k: number, dValues: Tensor): void {
    const backend = getBackend();
    const units = this.biases.shape[1];
    this.dWeights = this.dWeightsSpace.get(this.weights.shape, widest(this.weights.data, dValues.data, this.inputs.data));
    this.dBiases = this.dBiasesSpace.get(this.biases.shape, widest(this.biases.data, dValues.data));
    backend.gemm(true, false, k, units, rows, rowsData, dValues.data, this.dWeights.data);
    backend.sumRows(dValues.data, rows, units, this.dBiases.data);
    addRegularizationGradients(this);
  }

  /** The initializer and regularizers as the layer's spec stores them. */
  protected weightSpec(): WeightOptionsSpec {
    return {
      initializer: this.initializer,
      weightRegularizerL1: this.weightRegularizerL1,
      weightRegularizerL2: this.weightRegularizerL2,
      biasRegularizerL1: this.biasRegularizerL1,
      biasRegularizerL2: this.biasRegularizerL2,
    };
  }
}
