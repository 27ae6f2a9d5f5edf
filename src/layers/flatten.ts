import { ShapeError, checkNotDisposed, formatShape } from '../errors.js';
import { Tensor, checkTensor } from '../tensor/tensor.js';
import type { Layer } from './layer.js';
import type { LayerKind } from './layer-kind.js';
import { checkGradientShape, mismatch } from './shape-checks.js';

/** How model files store a Flatten layer. */
export type FlattenSpec = { type: 'Flatten' };

/**
 * Flattens each sample to one row: [batch, d1, d2, …] → [batch, d1·d2·…], in
 * row-major order (for NHWC images: row by row, each pixel's channels
 * together, as Keras and TF.js flatten channels-last data), so a Dense layer
 * can follow a convolution. No values move: output and dInputs are the same
 * data under the other shape.
 *
 * ```ts
 * const flatten = new Flatten();
 * flatten.forward(pool.output);             // [128, 5, 5, 32] → [128, 800]
 * ```
 */
export class Flatten implements Layer {
  readonly type = 'Flatten' as const;
  output: Tensor = Tensor.zeros([0, 0]);
  dInputs: Tensor = Tensor.zeros([0, 0]);
  /** The shape of the last forward's inputs, which backward gives its gradient back in. */
  private inputShape: readonly number[] | null = null;
  private disposed = false;

  forward(inputs: Tensor): Tensor {
    checkNotDisposed(this.disposed, 'Flatten', 'layer');
    checkTensor('Flatten.forward', 'inputs', inputs);
    if (inputs.rank < 2) throw new ShapeError(`Flatten expected input of shape [batch, …], received shape ${formatShape(inputs.shape)}`);
    this.inputShape = inputs.shape;
    this.output = inputs.reshape([inputs.rows, inputs.columns]);
    return this.output;
  }

  backward(dValues: Tensor): Tensor {
    checkNotDisposed(this.disposed, 'Flatten', 'layer');
    checkGradientShape('Flatten', this.inputShape === null ? null : this.output, dValues);
    this.dInputs = dValues.reshape(this.inputShape!);
    return this.dInputs;
  }

  /** Owns no buffers (its tensors view its neighbours'); afterwards it refuses to run. */
  dispose(): void {
    this.disposed = true;
    this.output = Tensor.zeros([0, 0]);
    this.dInputs = Tensor.zeros([0, 0]);
  }

  toSpec(): FlattenSpec {
    return { type: 'Flatten' };
  }
}

/** Flatten as model files and the exporters know it: ONNX `Flatten(axis 1)` on the NHWC tensor, Keras `Flatten` (channels last). */
export const flattenKind: LayerKind<FlattenSpec> = {
  type: 'Flatten',
  parse: () => ({ type: 'Flatten' }),
  defaults: () => ({}),
  create: () => new Flatten(),
  inputShape: () => null,
  outputShape(_spec, input) {
    if (input === null) return [null];
    if (input.length === 0) mismatch('expects samples of at least one dimension');
    return [input.includes(null) ? null : (input as number[]).reduce((a, b) => a * b, 1)];
  },
  label: () => 'Flatten',
  parameters: () => [],
  source: () => 'new Flatten()',
  onnx: (_spec, graph) => graph.node('Flatten', [], { axis: { int: 1 } }),
  tfjs: {
    classNames: ['Flatten'],
    encode: (_spec, encoder) => ({ className: 'Flatten', config: { name: encoder.layerName('flatten'), data_format: 'channels_last' } }),
    decode({ config, described }) {
      const format = config.fields.data_format ?? 'channels_last';
      if (format !== 'channels_last') config.fail(`${described} must flatten channels_last data, received data_format ${JSON.stringify(format)}`);
      return [{ spec: { type: 'Flatten' } }];
    },
  },
};
