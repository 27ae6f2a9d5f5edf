import { getBackend } from '../backend/registry.js';
import { ShapeError, checkInteger, checkNotDisposed, checkOptions, formatShape } from '../errors.js';
import { Tensor, checkTensor, type FloatArray } from '../tensor/tensor.js';
import type { LayerKind } from './layer-kind.js';
import { widest } from './precision.js';
import { checkGradientShape, mismatch } from './shape-checks.js';
import {
  kerasRegularizers,
  optionsSource,
  readKerasRegularizers,
  readWeightOptions,
  WEIGHT_DEFAULTS,
  weightOptions,
  type WeightOptionsSpec,
} from './weight-options.js';
import { WeightedLayer, type WeightedLayerOptions } from './weighted-layer.js';

/** Options of `Dense`; every regularizer strength defaults to 0 (off). */
export type DenseOptions = WeightedLayerOptions;

/** How model files store a Dense layer. */
export type DenseSpec = { type: 'Dense'; inputs: number; units: number } & WeightOptionsSpec;

const OPTION_NAMES = [
  'weightRegularizerL1',
  'weightRegularizerL2',
  'biasRegularizerL1',
  'biasRegularizerL2',
  'initializer',
  'scale',
  'generator',
] as const;

/**
 * A fully connected layer: output = inputs · weights + biases.
 *
 * Shapes: inputs [batch, nInputs], weights [nInputs, nNeurons], biases
 * [1, nNeurons], output [batch, nNeurons]. Backward, from dValues = ∂L/∂output:
 * dWeights = inputsᵀ · dValues, dBiases = Σ_rows dValues, dInputs = dValues · weightsᵀ,
 * plus the regularization gradients λ1·sign(w) + 2·λ2·w (sign(0) = 1, as the book).
 *
 * ```ts
 * const dense1 = new Dense(2, 3);           // weights 0.01·randn [2, 3], biases zeros [1, 3]
 * dense1.forward(X);                        // X [300, 2] → dense1.output [300, 3]
 * ```
 */
export class Dense extends WeightedLayer {
  readonly type = 'Dense' as const;
  readonly nInputs: number;
  readonly nNeurons: number;

  private forwardDone = false;

  constructor(nInputs: number, nNeurons: number, options: DenseOptions = {}) {
    checkInteger('Dense', 'nInputs', nInputs);
    checkInteger('Dense', 'nNeurons', nNeurons);
    checkOptions('Dense', options, OPTION_NAMES);
    super('Dense', options, {
      weights: [nInputs, nNeurons],
      fan: { fanIn: nInputs, fanOut: nNeurons },
      emptyInput: [0, nInputs],
      emptyOutput: [0, nNeurons],
    });
    this.nInputs = nInputs;
    this.nNeurons = nNeurons;
  }

  /** `Dense(2→64)`, how messages name this layer. */
  get name(): string {
    return `Dense(${this.nInputs}→${this.nNeurons})`;
  }

  /** output = inputs · weights + biases; inputs [batch, nInputs] → [batch, nNeurons]. */
  forward(inputs: Tensor): Tensor {
    checkNotDisposed(this.disposed, this.name, 'layer');
    checkTensor(`${this.name}.forward`, 'inputs', inputs);
    if (inputs.rank !== 2 || inputs.shape[1] !== this.nInputs) {
      throw new ShapeError(`${this.name} expected input with ${this.nInputs} columns, received shape ${formatShape(inputs.shape)}`);
    }
    const backend = getBackend();
    const rows = inputs.shape[0];
    this.inputs = inputs;
    this.output = this.outputSpace.get([rows, this.nNeurons], widest(inputs.data, this.weights.data));
    backend.gemm(false, false, rows, this.nNeurons, this.nInputs, inputs.data, this.weights.data, this.output.data, this.biases.data);
    this.forwardDone = true;
    return this.output;
  }

  /**
   * Sets dWeights, dBiases (with regularization) and dInputs from dValues
   * [batch, nNeurons]. With `inputGradient` false, dInputs = dValues·Wᵀ is
   * skipped (and keeps its previous value): the first layer's input gradient
   * is a product as large as the weight gradient that nothing reads.
   */
  backward(dValues: Tensor, inputGradient = true): Tensor {
    checkNotDisposed(this.disposed, this.name, 'layer');
    checkGradientShape(this.name, this.forwardDone ? this.output : null, dValues);
    const rows = dValues.shape[0];
    this.parameterGradients(this.inputs.data as FloatArray, rows, this.nInputs, dValues);
    if (!inputGradient) return this.dInputs;
    this.dInputs = this.dInputsSpace.get([rows, this.nInputs], widest(dValues.data, this.weights.data));
    getBackend().gemm(false, true, rows, this.nInputs, this.nNeurons, dValues.data, this.weights.data, this.dInputs.data);
    return this.dInputs;
  }

  /** The book's `get_parameters()`: [weights, biases]. */
  getParameters(): [Tensor<FloatArray>, Tensor<FloatArray>] {
    checkNotDisposed(this.disposed, this.name, 'layer');
    return [this.weights, this.biases];
  }

  /** The book's `set_parameters(weights, biases)`: takes the tensors as they are (no copy). */
  setParameters(weights: Tensor<FloatArray>, biases: Tensor<FloatArray>): void {
    checkNotDisposed(this.disposed, this.name, 'layer');
    const wantWeights = [this.nInputs, this.nNeurons];
    const wantBiases = [1, this.nNeurons];
    if (weights.rank !== 2 || weights.shape[0] !== this.nInputs || weights.shape[1] !== this.nNeurons) {
      throw new ShapeError(`${this.name} expected weights of shape ${formatShape(wantWeights)}, received shape ${formatShape(weights.shape)}`);
    }
    if (biases.rank !== 2 || biases.shape[0] !== 1 || biases.shape[1] !== this.nNeurons) {
      throw new ShapeError(`${this.name} expected biases of shape ${formatShape(wantBiases)}, received shape ${formatShape(biases.shape)}`);
    }
    this.weights = weights;
    this.biases = biases;
  }

  toSpec(): DenseSpec {
    return {
      type: 'Dense',
      inputs: this.nInputs,
      units: this.nNeurons,
      ...this.weightSpec(),
    };
  }
}

/**
 * Dense as model files, the exporters and the CLI know it: ONNX `Gemm`
 * (A·B + C, B = weights [nIn, nOut]); Keras `Dense` with activation 'linear',
 * kernel [nIn, nOut] and bias [nOut]; a Keras Dense with a fused activation
 * imports as Dense followed by that activation layer.
 */
export const denseKind: LayerKind<DenseSpec> = {
  type: 'Dense',
  parse: (reader) => ({ type: 'Dense', inputs: reader.number('inputs', 'count'), units: reader.number('units', 'count'), ...readWeightOptions(reader) }),
  defaults: () => WEIGHT_DEFAULTS,
  create: (spec) => new Dense(spec.inputs, spec.units, weightOptions(spec)),
  inputShape: (spec) => [spec.inputs],
  outputShape(spec, input) {
    if (input !== null && (input.length !== 1 || (input[0] !== null && input[0] !== spec.inputs))) {
      mismatch(`expects ${spec.inputs} columns${input.length > 1 ? ' (add a Flatten before it)' : ''}`);
    }
    return [spec.units];
  },
  label: (spec) => `Dense(${spec.inputs}→${spec.units})`,
  parameters: (spec) => [
    { name: 'weights', shape: [spec.inputs, spec.units] },
    { name: 'biases', shape: [1, spec.units] },
  ],
  source: (spec) => `new Dense(${spec.inputs}, ${spec.units}${optionsSource(weightOptions(spec))})`,
  onnx(_spec, graph) {
    const weights = graph.parameter('weights');
    const biases = graph.parameter('biases');
    const w = graph.floatInitializer('weights', weights.shape, weights.data);
    const b = graph.floatInitializer('biases', [biases.size], biases.data);
    graph.node('Gemm', [w, b], { alpha: { float: 1 }, beta: { float: 1 }, transA: { int: 0 }, transB: { int: 0 } });
  },
  tfjs: {
    classNames: ['Dense'],
    encode(spec, encoder) {
      const name = encoder.layerName('dense');
      encoder.weight(name, 'kernel', [spec.inputs, spec.units], encoder.parameter('weights').data);
      encoder.weight(name, 'bias', [spec.units], encoder.parameter('biases').data);
      return { className: 'Dense', config: { name, units: spec.units, activation: 'linear', use_bias: true, ...kerasRegularizers(spec) } };
    },
    decode(decoder) {
      const units = decoder.config.number('units', 'count');
      const kernel = decoder.weight('kernel');
      const inputs = kernel.shape[0];
      const width = decoder.inputShape?.length === 1 ? decoder.inputShape[0] : null;
      if (kernel.rank !== 2 || kernel.shape[1] !== units || (width !== null && inputs !== width)) {
        decoder.config.fail(`weight ${decoder.name}/kernel must have shape ${formatShape([width ?? inputs, units])}, received ${formatShape(kernel.shape)}`);
      }
      let biases: Tensor = new Tensor([1, units], new Float32Array(units));
      if (decoder.config.fields.use_bias !== false) {
        const bias = decoder.weight('bias');
        if (bias.rank !== 1 || bias.shape[0] !== units) {
          decoder.config.fail(`weight ${decoder.name}/bias must have shape [${units}], received ${formatShape(bias.shape)}`);
        }
        biases = new Tensor([1, units], bias.data);
      }
      const spec: DenseSpec = { type: 'Dense', inputs, units, initializer: { kind: 'xavier' }, ...readKerasRegularizers(decoder) };
      // Keras fuses the activation into Dense; scratchnet keeps it a layer of its own.
      const activation = decoder.activation(decoder.config.fields.activation ?? 'linear');
      return [{ spec, parameters: { weights: kernel, biases } }, ...(activation.type === 'Linear' ? [] : [{ spec: activation }])];
    },
  },
};
