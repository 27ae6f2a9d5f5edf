import type { WindowGeometry } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { windowGeometry, type WindowPadding } from '../backend/window-geometry.js';
import { ShapeError, checkNotDisposed, checkOptions, formatShape } from '../errors.js';
import { OwnedBuffers } from '../tensor/owned-buffers.js';
import { Tensor, checkTensor, type FloatArray } from '../tensor/tensor.js';
import { Workspace } from '../tensor/workspace.js';
import { nchwNode, onnxPads } from './conv-2d.js';
import type { Layer } from './layer.js';
import type { LayerKind } from './layer-kind.js';
import { widest } from './precision.js';
import { checkGradientShape } from './shape-checks.js';
import { checkPadding, formatWindow, windowOutputShape, windowPair, type WindowSize } from './window-options.js';

/** Options of `MaxPool2D`. */
export interface MaxPool2DOptions {
  /** Steps between windows: one number or [height, width]; the pool size by default (windows side by side). */
  stride?: WindowSize;
  /** `'valid'` (default): windows inside the image; `'same'`: out = ceil(in/stride), padding never wins the max. */
  padding?: WindowPadding;
}

/** How model files store a MaxPool2D layer. */
export type MaxPool2DSpec = { type: 'MaxPool2D'; poolSize: [number, number]; stride: [number, number]; padding: WindowPadding };

/**
 * 2-D max pooling over NHWC images, per channel:
 * output[b, y, x, c] = max over the window inputs[b, y·sh + dy − padTop, x·sw + dx − padLeft, c]
 * (padding never wins). Shapes: inputs [batch, height, width, channels] →
 * output [batch, outHeight, outWidth, channels]. Forward remembers where each
 * max came from (the first one on ties); backward sends each gradient there:
 * dInputs = 0, then dInputs[argmax[i]] += dValues[i] (overlapping windows add up).
 *
 * ```ts
 * const pool = new MaxPool2D(2);            // 2×2 windows, stride 2
 * pool.forward(activation1.output);         // [128, 26, 26, 16] → [128, 13, 13, 16]
 * ```
 */
export class MaxPool2D implements Layer {
  readonly type = 'MaxPool2D' as const;
  readonly poolSize: [number, number];
  readonly stride: [number, number];
  readonly padding: WindowPadding;
  output: Tensor = Tensor.zeros([0, 0, 0, 0]);
  dInputs: Tensor = Tensor.zeros([0, 0, 0, 0]);
  /** For each output value, the flat index into the last forward's inputs of its max. */
  argmax: Int32Array = new Int32Array(0);

  private inputShape: readonly number[] | null = null;
  /** Backend storage the argmax indices live in (wasm memory, so the kernels use it in place), viewed as int32. */
  private argmaxBuffer: Float32Array | null = null;
  private argmaxStorage: Int32Array = new Int32Array(0);
  private readonly argmaxBuffers = new OwnedBuffers();
  private readonly outputSpace = new Workspace();
  private readonly dInputsSpace = new Workspace();
  private disposed = false;

  constructor(poolSize: WindowSize, options: MaxPool2DOptions = {}) {
    checkOptions('MaxPool2D', options, ['stride', 'padding']);
    this.poolSize = windowPair('MaxPool2D', 'poolSize', poolSize);
    this.stride = windowPair('MaxPool2D', 'stride', options.stride ?? this.poolSize);
    this.padding = checkPadding('MaxPool2D', options.padding ?? 'valid');
  }

  /** `MaxPool2D(2×2)`, with the stride and padding when not the defaults. */
  get name(): string {
    return maxPool2dKind.label(this.toSpec());
  }

  forward(inputs: Tensor): Tensor {
    checkNotDisposed(this.disposed, this.name, 'layer');
    checkTensor(`${this.name}.forward`, 'inputs', inputs);
    if (inputs.rank !== 4) throw new ShapeError(`${this.name} expected input of shape [batch, height, width, channels], received shape ${formatShape(inputs.shape)}`);
    const [batch, height, width, channels] = inputs.shape;
    const g = windowGeometry([batch, height, width, channels], this.poolSize, this.stride, this.padding);
    const size = batch * g.outHeight * g.outWidth * channels;
    // Kept at its largest size: a smaller last batch takes a prefix instead of a new array.
    if (this.argmaxStorage.length < size) {
      if (this.argmaxBuffer !== null) this.argmaxBuffers.release(this.argmaxBuffer);
      this.argmaxBuffer = this.argmaxBuffers.allocate(size);
      this.argmaxStorage = new Int32Array(this.argmaxBuffer.buffer, this.argmaxBuffer.byteOffset, size);
    }
    if (this.argmax.length !== size) this.argmax = this.argmaxStorage.subarray(0, size);
    this.inputShape = inputs.shape;
    this.output = this.outputSpace.get([batch, g.outHeight, g.outWidth, channels], widest(inputs.data));
    getBackend().maxPool(inputs.data as FloatArray, g as WindowGeometry, this.output.data, this.argmax);
    return this.output;
  }

  backward(dValues: Tensor): Tensor {
    checkNotDisposed(this.disposed, this.name, 'layer');
    checkGradientShape(this.name, this.inputShape === null ? null : this.output, dValues);
    this.dInputs = this.dInputsSpace.get(this.inputShape as number[], widest(dValues.data));
    getBackend().maxPoolBackward(dValues.data, this.argmax, this.dInputs.data);
    return this.dInputs;
  }

  /** Releases the output and gradient buffers; the tensor fields become empty. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.outputSpace.dispose();
    this.dInputsSpace.dispose();
    this.argmaxBuffers.releaseAll();
    this.argmaxBuffer = null;
    this.output = Tensor.zeros([0]);
    this.dInputs = Tensor.zeros([0]);
    this.argmax = this.argmaxStorage = new Int32Array(0);
  }

  toSpec(): MaxPool2DSpec {
    return { type: 'MaxPool2D', poolSize: [...this.poolSize], stride: [...this.stride], padding: this.padding };
  }
}

/**
 * MaxPool2D as model files and the exporters know it: ONNX `MaxPool` between
 * NHWC ↔ NCHW transposes; Keras `MaxPooling2D` (channels_last, strides
 * defaulting to the pool size).
 */
export const maxPool2dKind: LayerKind<MaxPool2DSpec> = {
  type: 'MaxPool2D',
  parse: (reader) => ({
    type: 'MaxPool2D',
    poolSize: reader.pair('poolSize'),
    stride: reader.pair('stride'),
    padding: reader.choice('padding', ['valid', 'same'] as const),
  }),
  defaults: (fields) => ({ stride: fields.poolSize, padding: 'valid' }),
  create: (spec) => new MaxPool2D(spec.poolSize, { stride: spec.stride, padding: spec.padding }),
  inputShape: (_spec, next) => [null, null, next?.length === 3 ? next[2] : null],
  outputShape: (spec, input) => windowOutputShape(input, spec.poolSize, spec.stride, spec.padding, null, null),
  label: (spec) =>
    `MaxPool2D(${formatWindow(spec.poolSize)}${spec.stride[0] === spec.poolSize[0] && spec.stride[1] === spec.poolSize[1] ? '' : `, stride ${formatWindow(spec.stride)}`}${spec.padding === 'same' ? ', same' : ''})`,
  parameters: () => [],
  source(spec) {
    const size = (pair: [number, number]) => (pair[0] === pair[1] ? String(pair[0]) : `[${pair.join(', ')}]`);
    const options: string[] = [];
    if (spec.stride[0] !== spec.poolSize[0] || spec.stride[1] !== spec.poolSize[1]) options.push(`stride: ${size(spec.stride)}`);
    if (spec.padding !== 'valid') options.push(`padding: '${spec.padding}'`);
    return `new MaxPool2D(${size(spec.poolSize)}${options.length > 0 ? `, { ${options.join(', ')} }` : ''})`;
  },
  onnx: (spec, graph) =>
    nchwNode(graph, 'MaxPool', [], {
      kernel_shape: { ints: spec.poolSize },
      strides: { ints: spec.stride },
      pads: { ints: onnxPads(graph.inputShape, spec.poolSize, spec.stride, spec.padding) },
    }),
  tfjs: {
    classNames: ['MaxPooling2D', 'MaxPool2D'],
    encode: (spec, encoder) => ({
      className: 'MaxPooling2D',
      config: { name: encoder.layerName('max_pooling2d'), pool_size: spec.poolSize, strides: spec.stride, padding: spec.padding, data_format: 'channels_last' },
    }),
    decode({ config, described }) {
      const poolSize = config.fields.pool_size === undefined ? ([2, 2] as [number, number]) : config.pair('pool_size');
      const stride = config.fields.strides === undefined || config.fields.strides === null ? poolSize : config.pair('strides');
      if ((config.fields.data_format ?? 'channels_last') !== 'channels_last') {
        config.fail(`${described} must be channels_last, received data_format ${JSON.stringify(config.fields.data_format)}`);
      }
      const padding = config.fields.padding === undefined ? 'valid' : config.choice('padding', ['valid', 'same'] as const);
      return [{ spec: { type: 'MaxPool2D', poolSize, stride, padding } }];
    },
  },
};
