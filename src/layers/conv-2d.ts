import type { WindowGeometry } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { windowGeometry, windowPadding, type WindowPadding } from '../backend/window-geometry.js';
import { ShapeError, checkInteger, checkNotDisposed, checkOptions, formatShape } from '../errors.js';
import { Tensor, checkTensor, type FloatArray } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import type { LayerKind, OnnxGraphBuilder } from './layer-kind.js';
import { widest } from './precision.js';
import { checkGradientShape } from './shape-checks.js';
import {
  kerasRegularizers,
  optionsSource,
  readKerasRegularizers,
  readWeightOptions,
  weightOptions,
  WEIGHT_DEFAULTS,
  type WeightOptionsSpec,
} from './weight-options.js';
import { WeightedLayer, type WeightedLayerOptions } from './weighted-layer.js';
import { checkPadding, formatWindow, windowOutputShape, windowPair, type WindowSize } from './window-options.js';

/** Options of `Conv2D`; every regularizer strength defaults to 0 (off). */
export interface Conv2DOptions extends WeightedLayerOptions {
  /** Steps between windows: one number for both axes or [height, width] (default 1). */
  stride?: WindowSize;
  /** `'valid'` (default): windows inside the image; `'same'`: zero padding so out = ceil(in/stride), as TensorFlow. */
  padding?: WindowPadding;
}

/** How model files store a Conv2D layer. */
export type Conv2DSpec = {
  type: 'Conv2D';
  inChannels: number;
  filters: number;
  kernelSize: [number, number];
  stride: [number, number];
  padding: WindowPadding;
} & WeightOptionsSpec;

const OPTION_NAMES = [
  'stride',
  'padding',
  'weightRegularizerL1',
  'weightRegularizerL2',
  'biasRegularizerL1',
  'biasRegularizerL2',
  'initializer',
  'scale',
  'generator',
] as const;

/**
 * A 2-D convolution over NHWC images, as Keras' and TF.js' Conv2D:
 * output[b, y, x, f] = biases[f] + Σ_{dy, dx, c} inputs[b, y·sh + dy − padTop, x·sw + dx − padLeft, c] · weights[dy, dx, c, f]
 * (zero outside the image). Shapes: inputs [batch, height, width, inChannels],
 * weights [kh, kw, inChannels, filters], biases [1, filters], output
 * [batch, outHeight, outWidth, filters].
 *
 * It runs as one matrix product (docs/convolution.md): im2col lays every
 * window out as a row, cols [batch·outH·outW, kh·kw·inChannels], and
 * output = cols · weights + biases, with weights read as [kh·kw·inChannels, filters].
 * Backward, from dValues = ∂L/∂output read as [batch·outH·outW, filters]:
 * dWeights = colsᵀ · dValues, dBiases = Σ_rows dValues, dCols = dValues · weightsᵀ,
 * and dInputs = col2im(dCols), which adds each window's gradient back where
 * it was read from; plus the regularization gradients, as Dense.
 *
 * ```ts
 * const conv1 = new Conv2D(1, 16, 3);                 // 16 filters of 3×3 over 1 channel
 * conv1.forward(images);                               // [128, 28, 28, 1] → [128, 26, 26, 16]
 * ```
 */
export class Conv2D extends WeightedLayer {
  readonly type = 'Conv2D' as const;
  readonly inChannels: number;
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: WindowPadding;

  /** The window geometry of the last forward. */
  private geometry: WindowGeometry | null = null;
  /** The last forward's windows as rows, which backward reads for dWeights (the inputs themselves for a 1×1, stride-1 kernel). */
  private cols: Tensor = Tensor.zeros([0, 0]);
  private readonly colsSpace = new Workspace();
  private readonly dColsSpace = new Workspace();

  constructor(inChannels: number, filters: number, kernelSize: WindowSize, options: Conv2DOptions = {}) {
    checkInteger('Conv2D', 'inChannels', inChannels);
    checkInteger('Conv2D', 'filters', filters);
    checkOptions('Conv2D', options, OPTION_NAMES);
    const [kh, kw] = windowPair('Conv2D', 'kernelSize', kernelSize);
    const stride = windowPair('Conv2D', 'stride', options.stride ?? 1);
    const padding = checkPadding('Conv2D', options.padding ?? 'valid');
    super('Conv2D', options, {
      weights: [kh, kw, inChannels, filters],
      fan: { fanIn: kh * kw * inChannels, fanOut: kh * kw * filters },
      emptyInput: [0, 0, 0, inChannels],
      emptyOutput: [0, 0, 0, filters],
    });
    this.inChannels = inChannels;
    this.filters = filters;
    this.kernelSize = [kh, kw];
    this.stride = stride;
    this.padding = padding;
  }

  /** `Conv2D(1→16, 3×3)`, with the stride and padding when not the defaults; how messages name this layer. */
  get name(): string {
    return conv2dKind.label(this.toSpec());
  }

  /** Rows of cols: one per window, as wide as a window (kh·kw·inChannels). */
  private get patch(): number {
    return this.kernelSize[0] * this.kernelSize[1] * this.inChannels;
  }

  /** inputs [batch, height, width, inChannels] → output [batch, outHeight, outWidth, filters]. */
  forward(inputs: Tensor): Tensor {
    checkNotDisposed(this.disposed, this.name, 'layer');
    checkTensor(`${this.name}.forward`, 'inputs', inputs);
    if (inputs.rank !== 4 || inputs.shape[3] !== this.inChannels) {
      throw new ShapeError(`${this.name} expected input of shape [batch, height, width, ${this.inChannels}], received shape ${formatShape(inputs.shape)}`);
    }
    const [batch, height, width] = inputs.shape;
    const g = windowGeometry([batch, height, width, this.inChannels], this.kernelSize, this.stride, this.padding);
    const rows = batch * g.outHeight * g.outWidth;
    const backend = getBackend();
    const like = widest(inputs.data, this.weights.data);
    this.geometry = g;
    this.inputs = inputs;
    if (this.patch === this.inChannels && this.stride[0] === 1 && this.stride[1] === 1) {
      // A 1×1 kernel with stride 1: every window is one pixel, so the inputs already are the rows.
      this.cols = inputs.reshape([rows, this.patch]);
    } else {
      this.cols = this.colsSpace.get([rows, this.patch], like);
      backend.im2col(inputs.data as FloatArray, g, this.cols.data as FloatArray);
    }
    this.output = this.outputSpace.get([batch, g.outHeight, g.outWidth, this.filters], like);
    backend.gemm(false, false, rows, this.filters, this.patch, this.cols.data as FloatArray, this.weights.data, this.output.data, this.biases.data);
    return this.output;
  }

  /**
   * Sets dWeights, dBiases (with regularization) and dInputs from dValues
   * [batch, outHeight, outWidth, filters]. With `inputGradient` false, dCols
   * and col2im are skipped (the model's first trainable layer).
   */
  backward(dValues: Tensor, inputGradient = true): Tensor {
    checkNotDisposed(this.disposed, this.name, 'layer');
    const g = this.geometry;
    checkGradientShape(this.name, g === null ? null : this.output, dValues);
    const backend = getBackend();
    const rows = this.cols.shape[0];
    this.parameterGradients(this.cols.data as FloatArray, rows, this.patch, dValues);
    if (!inputGradient) return this.dInputs;
    const like = widest(dValues.data, this.weights.data);
    this.dInputs = this.dInputsSpace.get(this.inputs.shape, like);
    if (this.cols.data === this.inputs.data) {
      backend.gemm(false, true, rows, this.patch, this.filters, dValues.data, this.weights.data, this.dInputs.data);
    } else {
      const dCols = this.dColsSpace.get([rows, this.patch], like);
      backend.gemm(false, true, rows, this.patch, this.filters, dValues.data, this.weights.data, dCols.data);
      backend.col2im(dCols.data, g as WindowGeometry, this.dInputs.data);
    }
    return this.dInputs;
  }

  /** Releases what WeightedLayer does, and the window rows. */
  override dispose(): void {
    if (this.disposed) return;
    this.colsSpace.dispose();
    this.dColsSpace.dispose();
    this.cols = Tensor.zeros([0]);
    super.dispose();
  }

  toSpec(): Conv2DSpec {
    return {
      type: 'Conv2D',
      inChannels: this.inChannels,
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      stride: [...this.stride],
      padding: this.padding,
      ...this.weightSpec(),
    };
  }
}

/** ONNX pads [top, left, bottom, right] of a window over an [height, width, …] sample, by TensorFlow's rules. */
export function onnxPads(input: readonly number[], kernel: readonly [number, number], stride: readonly [number, number], padding: WindowPadding): number[] {
  const rows = windowPadding(input[0], kernel[0], stride[0], padding);
  const columns = windowPadding(input[1], kernel[1], stride[1], padding);
  return [rows.before, columns.before, rows.after, columns.after];
}

/** Writes `op` on NCHW between the NHWC ↔ NCHW transposes that ONNX's Conv and MaxPool need. */
export function nchwNode(graph: OnnxGraphBuilder, op: string, extraInputs: readonly string[], attributes: Parameters<OnnxGraphBuilder['node']>[2]): void {
  graph.node('Transpose', [], { perm: { ints: [0, 3, 1, 2] } }, 'to_nchw');
  graph.node(op, extraInputs, attributes, op.toLowerCase());
  graph.node('Transpose', [], { perm: { ints: [0, 2, 3, 1] } }, 'to_nhwc');
}

/**
 * Conv2D as model files and the exporters know it: ONNX `Conv` (weights
 * transposed to [filters, inChannels, kh, kw], explicit pads) between NHWC ↔
 * NCHW transposes, so the exported graph takes NHWC as scratchnet does; Keras
 * `Conv2D` (channels_last, kernel [kh, kw, in, out] as ours); a Keras Conv2D
 * with a fused activation imports as Conv2D followed by that activation.
 */
export const conv2dKind: LayerKind<Conv2DSpec> = {
  type: 'Conv2D',
  parse: (reader) => ({
    type: 'Conv2D',
    inChannels: reader.number('inChannels', 'count'),
    filters: reader.number('filters', 'count'),
    kernelSize: reader.pair('kernelSize'),
    stride: reader.pair('stride'),
    padding: reader.choice('padding', ['valid', 'same'] as const),
    ...readWeightOptions(reader),
  }),
  defaults: () => ({ stride: [1, 1], padding: 'valid', ...WEIGHT_DEFAULTS }),
  create: (spec) =>
    new Conv2D(spec.inChannels, spec.filters, spec.kernelSize, { stride: spec.stride, padding: spec.padding, ...weightOptions(spec) }),
  inputShape: (spec) => [null, null, spec.inChannels],
  outputShape: (spec, input) => windowOutputShape(input, spec.kernelSize, spec.stride, spec.padding, spec.inChannels, spec.filters),
  label: (spec) =>
    `Conv2D(${spec.inChannels}→${spec.filters}, ${formatWindow(spec.kernelSize)}` +
    `${spec.stride[0] === 1 && spec.stride[1] === 1 ? '' : `, stride ${formatWindow(spec.stride)}`}${spec.padding === 'same' ? ', same' : ''})`,
  parameters: (spec) => [
    { name: 'weights', shape: [...spec.kernelSize, spec.inChannels, spec.filters] },
    { name: 'biases', shape: [1, spec.filters] },
  ],
  source(spec) {
    const size = (pair: [number, number]) => (pair[0] === pair[1] ? String(pair[0]) : `[${pair.join(', ')}]`);
    const options: Record<string, unknown> = {};
    if (spec.stride[0] !== 1 || spec.stride[1] !== 1) options.stride = size(spec.stride);
    if (spec.padding !== 'valid') options.padding = spec.padding;
    const text = optionsSource({ ...options, ...weightOptions(spec) }).replace(/stride: '([^']*)'/, 'stride: $1');
    return `new Conv2D(${spec.inChannels}, ${spec.filters}, ${size(spec.kernelSize)}${text})`;
  },
  onnx(spec, graph) {
    const [kh, kw] = spec.kernelSize;
    const weights = graph.parameter('weights').data;
    // [kh, kw, in, out] → ONNX's [out, in, kh, kw].
    const oihw = new Float32Array(weights.length);
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++)
        for (let c = 0; c < spec.inChannels; c++)
          for (let f = 0; f < spec.filters; f++) oihw[((f * spec.inChannels + c) * kh + y) * kw + x] = weights[((y * kw + x) * spec.inChannels + c) * spec.filters + f];
    const w = graph.floatInitializer('weights', [spec.filters, spec.inChannels, kh, kw], oihw);
    const b = graph.floatInitializer('biases', [spec.filters], graph.parameter('biases').data);
    nchwNode(graph, 'Conv', [w, b], {
      kernel_shape: { ints: spec.kernelSize },
      strides: { ints: spec.stride },
      pads: { ints: onnxPads(graph.inputShape, spec.kernelSize, spec.stride, spec.padding) },
    });
  },
  tfjs: {
    classNames: ['Conv2D'],
    encode(spec, encoder) {
      const name = encoder.layerName('conv2d');
      encoder.weight(name, 'kernel', [...spec.kernelSize, spec.inChannels, spec.filters], encoder.parameter('weights').data);
      encoder.weight(name, 'bias', [spec.filters], encoder.parameter('biases').data);
      return {
        className: 'Conv2D',
        config: {
          name,
          filters: spec.filters,
          kernel_size: spec.kernelSize,
          strides: spec.stride,
          padding: spec.padding,
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          activation: 'linear',
          use_bias: true,
          ...kerasRegularizers(spec),
        },
      };
    },
    decode(decoder) {
      const { config, described } = decoder;
      const filters = config.number('filters', 'count');
      const pair = (key: string): [number, number] => (config.fields[key] === undefined ? [1, 1] : config.pair(key));
      const kernelSize = config.pair('kernel_size');
      const stride = pair('strides');
      const dilation = pair('dilation_rate');
      if (dilation[0] !== 1 || dilation[1] !== 1) config.fail(`${described} with dilation_rate ${JSON.stringify(dilation)} is not supported`);
      if ((config.fields.data_format ?? 'channels_last') !== 'channels_last') config.fail(`${described} must be channels_last, received data_format ${JSON.stringify(config.fields.data_format)}`);
      if ((config.fields.groups ?? 1) !== 1) config.fail(`${described} with groups ${JSON.stringify(config.fields.groups)} is not supported`);
      const padding = config.choice('padding', ['valid', 'same'] as const);
      const kernel = decoder.weight('kernel');
      // The channels arriving when known (an image before), else the kernel's own.
      const arriving = decoder.inputShape?.length === 3 ? decoder.inputShape[2] : null;
      const channels = arriving ?? (kernel.rank === 4 ? kernel.shape[2] : null);
      const expected = `[${kernelSize.join(', ')}, ${channels ?? 'channels'}, ${filters}]`;
      if (formatShape(kernel.shape) !== expected) {
        config.fail(`weight ${decoder.name}/kernel must have shape ${expected}, received ${formatShape(kernel.shape)}`);
      }
      const inChannels = kernel.shape[2];
      let biases: Tensor = new Tensor([1, filters], new Float32Array(filters));
      if (config.fields.use_bias !== false) {
        const bias = decoder.weight('bias');
        if (bias.rank !== 1 || bias.shape[0] !== filters) config.fail(`weight ${decoder.name}/bias must have shape [${filters}], received ${formatShape(bias.shape)}`);
        biases = new Tensor([1, filters], bias.data);
      }
      const spec: Conv2DSpec = { type: 'Conv2D', inChannels, filters, kernelSize, stride, padding, initializer: { kind: 'xavier' }, ...readKerasRegularizers(decoder) };
      const activation = decoder.activation(config.fields.activation ?? 'linear');
      return [{ spec, parameters: { weights: kernel, biases } }, ...(activation.type === 'Linear' ? [] : [{ spec: activation }])];
    },
  },
};
