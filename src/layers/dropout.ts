import { getBackend } from '../backend/registry.js';
import { checkNotDisposed, checkNumber, checkOptions } from '../errors.js';
import { getDefaultGenerator } from '../random/default.js';
import type { RandomGenerator } from '../random/generator.js';
import { Tensor, checkTensor } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import type { Layer } from './layer.js';
import type { LayerKind } from './layer-kind.js';
import { widest } from './precision.js';
import { checkGradientShape } from './shape-checks.js';

/** Options of `Dropout`. */
export interface DropoutOptions {
  /** Where masks come from; the default generator of `init(seed)` otherwise. */
  generator?: RandomGenerator;
}

/**
 * Inverted dropout: while training, each value is zeroed with probability
 * `rate` and the survivors are scaled by 1/(1 − rate), so the expected sum is
 * unchanged and inference needs no rescaling.
 *
 * mask = binomial(1, 1 − rate, shape) / (1 − rate), drawn exactly as the book's
 * `np.random.binomial` call, so masks match numpy for the same seed (the mask is
 * stored in float32, while numpy keeps it in float64). output = inputs ⊙ mask,
 * dInputs = dValues ⊙ mask. With `training` false, output = inputs.
 * Shapes: any; output has the input's shape.
 *
 * ```ts
 * const dropout1 = new Dropout(0.1);        // drop 10% of the values
 * dropout1.forward(activation1.output);     // masked and scaled by 1/0.9
 * ```
 */
export class Dropout implements Layer {
  readonly type = 'Dropout' as const;
  /** The fraction of values dropped, in [0, 1). */
  readonly rate: number;
  output: Tensor;
  dInputs: Tensor;
  /** The mask of the last training forward (ones after an inference forward). */
  mask: Tensor;

  private readonly generator: RandomGenerator | undefined;
  private readonly outputSpace = new Workspace();
  private readonly dInputsSpace = new Workspace();
  private readonly maskSpace = new Workspace();
  private forwardDone = false;
  private disposed = false;

  constructor(rate: number, options: DropoutOptions = {}) {
    checkOptions('Dropout', options, ['generator']);
    this.rate = checkNumber('Dropout', 'rate', rate, 'probability');
    this.generator = options.generator;
    this.output = Tensor.zeros([0]);
    this.dInputs = Tensor.zeros([0]);
    this.mask = Tensor.zeros([0]);
  }

  /** Applies a fresh mask when `training` (the default, as the book's early chapters), else passes inputs through. */
  forward(inputs: Tensor, training = true): Tensor {
    checkNotDisposed(this.disposed, 'Dropout', 'layer');
    checkTensor('Dropout.forward', 'inputs', inputs);
    const backend = getBackend();
    this.mask = this.maskSpace.get(inputs.shape);
    if (training) {
      const keep = 1 - this.rate;
      // Without `like`, the workspace hands out float32 storage, which binomial fills.
      (this.generator ?? getDefaultGenerator()).binomial(1, keep, inputs.size, this.mask.data as Float32Array);
      backend.scale(this.mask.data, 1 / keep, this.mask.data);
    } else {
      backend.fill(this.mask.data, 1);
    }
    this.output = this.outputSpace.get(inputs.shape, widest(inputs.data));
    if (training) backend.mul(inputs.data, this.mask.data, this.output.data);
    else backend.copy(inputs.data, this.output.data);
    this.forwardDone = true;
    return this.output;
  }

  /** dInputs = dValues ⊙ mask. */
  backward(dValues: Tensor): Tensor {
    checkNotDisposed(this.disposed, 'Dropout', 'layer');
    checkGradientShape('Dropout', this.forwardDone ? this.output : null, dValues);
    this.dInputs = this.dInputsSpace.get(dValues.shape, widest(dValues.data));
    getBackend().mul(dValues.data, this.mask.data, this.dInputs.data);
    return this.dInputs;
  }

  /** Releases the output, gradient and mask buffers; the tensor fields become empty. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const space of [this.outputSpace, this.dInputsSpace, this.maskSpace]) space.dispose();
    this.output = Tensor.zeros([0]);
    this.dInputs = Tensor.zeros([0]);
    this.mask = Tensor.zeros([0]);
  }

  toSpec(): DropoutSpec {
    return { type: 'Dropout', rate: this.rate };
  }
}

/** How model files store a Dropout layer. */
export type DropoutSpec = { type: 'Dropout'; rate: number };

/** Dropout as model files and the exporters know it: the identity at inference (no ONNX node), Keras `Dropout(rate)`. */
export const dropoutKind: LayerKind<DropoutSpec> = {
  type: 'Dropout',
  parse: (reader) => ({ type: 'Dropout', rate: reader.number('rate', 'probability') }),
  defaults: () => ({}),
  create: (spec) => new Dropout(spec.rate),
  inputShape: (_spec, next) => next,
  outputShape: (_spec, input) => input,
  label: (spec) => `Dropout(${spec.rate})`,
  parameters: () => [],
  source: (spec) => `new Dropout(${spec.rate})`,
  onnx: () => {},
  tfjs: {
    classNames: ['Dropout'],
    encode: (spec, encoder) => ({ className: 'Dropout', config: { name: encoder.layerName('dropout'), rate: spec.rate } }),
    decode: ({ config }) => [{ spec: { type: 'Dropout', rate: config.number('rate', 'probability') } }],
  },
};
