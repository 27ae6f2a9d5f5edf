import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeOnnx, exportOnnx } from '../../src/io/onnx.js';
import { onnxSchema } from '../../src/io/onnx-schema.js';
import type { LayerSpec } from '../../src/layers/layer-spec.js';
import { Tensor } from '../../src/tensor/tensor.js';
import type { FeatureScaling } from '../../src/io/feature-scaling.js';
import { VERSION } from '../../src/version.js';
import { conv2d, dense, maxAbsDiff, maxPool2d, randomCnn, randomImages, randomInputs, randomModel } from './helpers.js';

async function runOnnx(bytes: Uint8Array, x: Tensor): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x.data), x.shape) });
  const output = result.output;
  return { data: output.data as Float32Array, dims: output.dims };
}

const activations: [string, LayerSpec][] = [
  ['ReLU', { type: 'ReLU' }],
  ['Sigmoid', { type: 'Sigmoid' }],
  ['Tanh', { type: 'Tanh' }],
  ['LeakyReLU', { type: 'LeakyReLU', alpha: 0.1 }],
  ['Softmax', { type: 'Softmax' }],
  ['Linear', { type: 'Linear' }],
];

describe('encodeOnnx run by ONNX Runtime', () => {
  for (const [name, activation] of activations) {
    it(`matches the forward pass with ${name} (hidden and output), dropout removed`, async () => {
      const { model, spec, tensors } = randomModel([dense(4, 8), activation, { type: 'Dropout', rate: 0.5 }, dense(8, 3), activation]);
      const x = randomInputs(17, 4);
      const onnx = await runOnnx(encodeOnnx(spec, tensors), x);
      const expected = model.predict(x);
      expect(onnx.dims).toEqual([17, 3]);
      expect(maxAbsDiff(onnx.data, expected.data)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('takes any batch size (symbolic batch dimension), including 1', async () => {
    const { model, spec, tensors } = randomModel([dense(3, 5), { type: 'ReLU' }, dense(5, 2), { type: 'Softmax' }]);
    const bytes = encodeOnnx(spec, tensors);
    for (const rows of [1, 64]) {
      const x = randomInputs(rows, 3, rows);
      const onnx = await runOnnx(bytes, x);
      expect(onnx.dims).toEqual([rows, 2]);
      expect(maxAbsDiff(onnx.data, model.predict(x).data)).toBeLessThanOrEqual(1e-5);
    }
  });

  // Reference transforms written the way scikit-learn's scalers compute them, per feature j.
  const safe = (v: number): number => (v === 0 ? 1 : v);
  const scalings: [string, FeatureScaling, (v: number, j: number) => number][] = [
    [
      'StandardScaler JSON',
      { type: 'StandardScaler', mean: [10, -3, 0.5], scale: [4, 0.25, 1] },
      (v, j) => (v - [10, -3, 0.5][j]) / [4, 0.25, 1][j],
    ],
    [
      'standard with a zero std',
      { kind: 'standard', mean: [10, -3, 0.5], std: [4, 0.25, 0] },
      (v, j) => (v - [10, -3, 0.5][j]) / safe([4, 0.25, 0][j]),
    ],
    [
      'MinMaxScaler JSON onto [-1, 1] with a constant feature',
      { type: 'MinMaxScaler', featureRange: [-1, 1], dataMin: [0, -8, 2], dataMax: [255, 8, 2] },
      (v, j) => {
        const scale = 2 / safe([255, 16, 0][j]);
        return v * scale + (-1 - [0, -8, 2][j] * scale);
      },
    ],
    ['minmax', { kind: 'minmax', min: [0, -8, 2], max: [255, 8, 3] }, (v, j) => (v - [0, -8, 2][j]) / [255, 16, 1][j]],
  ];
  for (const [name, preprocessing, transform] of scalings) {
    it(`builds preprocessing in (${name}), so the model takes raw features`, async () => {
      const { model, spec, tensors } = randomModel([dense(3, 6), { type: 'Tanh' }, dense(6, 2), { type: 'Sigmoid' }]);
      const raw = randomInputs(11, 3, 5, 20);
      const scaled = new Float32Array(raw.data.length);
      for (let i = 0; i < scaled.length; i++) scaled[i] = transform(raw.data[i], i % 3);
      const onnx = await runOnnx(encodeOnnx(spec, tensors, { preprocessing }), raw);
      const expected = model.predict(new Tensor([11, 3], scaled));
      expect(maxAbsDiff(onnx.data, expected.data)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('declares named input/output, a symbolic batch, opset 13 and the producer', () => {
    const { spec, tensors } = randomModel([dense(2, 3), { type: 'Softmax' }]);
    const ModelProto = onnxSchema().lookupType('onnx.ModelProto');
    const decoded = ModelProto.toObject(ModelProto.decode(encodeOnnx(spec, tensors)), { longs: Number }) as {
      producer_name: string;
      producer_version: string;
      opset_import: { domain?: string; version: number }[];
      graph: {
        node: { op_type: string; attribute?: { name: string; i?: number }[] }[];
        input: { name: string; type: { tensor_type: { shape: { dim: { dim_param?: string; dim_value?: number }[] } } } }[];
        output: { name: string }[];
      };
    };
    expect(decoded.producer_name).toBe('scratchnet');
    expect(decoded.producer_version).toBe(VERSION);
    expect(decoded.opset_import).toEqual([{ domain: '', version: 13 }]);
    expect(decoded.graph.node.map((n) => n.op_type)).toEqual(['Gemm', 'Softmax']);
    expect(decoded.graph.node[1].attribute).toEqual([expect.objectContaining({ name: 'axis', i: -1 })]);
    expect(decoded.graph.input[0].name).toBe('input');
    expect(decoded.graph.input[0].type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_value: 2 }]);
    expect(decoded.graph.output[0].name).toBe('output');
  });
});

describe('encodeOnnx of CNNs run by ONNX Runtime (NHWC input, as scratchnet)', () => {
  // Each case: layers after the input, the NHWC input shape. Odd sizes make 'same' pad unevenly (more at the bottom/right).
  const cases: [string, LayerSpec[], [number, number, number]][] = [
    ['3×3 valid, stride 1', [conv2d(2, 3, [3, 3])], [7, 6, 2]],
    ["3×3 'same', stride 1", [conv2d(2, 3, [3, 3], { padding: 'same' })], [7, 6, 2]],
    ['3×3 valid, stride 2', [conv2d(1, 4, [3, 3], { stride: [2, 2] })], [9, 8, 1]],
    ["3×3 'same', stride 2 (uneven padding)", [conv2d(1, 4, [3, 3], { stride: [2, 2], padding: 'same' })], [8, 9, 1]],
    ["2×3 kernel, stride [2, 1], 'same'", [conv2d(3, 2, [2, 3], { stride: [2, 1], padding: 'same' })], [7, 5, 3]],
    ['2×3 kernel, valid', [conv2d(3, 2, [2, 3])], [6, 7, 3]],
    ['1×1 kernel (a per-pixel Dense)', [conv2d(3, 5, [1, 1])], [4, 5, 3]],
    ['1×1 kernel, stride 2', [conv2d(3, 5, [1, 1], { stride: [2, 2] })], [5, 5, 3]],
    ['MaxPool2D 2×2', [maxPool2d([2, 2])], [6, 7, 2]],
    ['overlapping MaxPool2D 3×3 stride 2, valid', [maxPool2d([3, 3], { stride: [2, 2] })], [9, 8, 2]],
    ["overlapping MaxPool2D 3×3 stride 2, 'same'", [maxPool2d([3, 3], { stride: [2, 2], padding: 'same' })], [8, 7, 2]],
    ["MaxPool2D 2×2 'same' on odd sizes", [maxPool2d([2, 2], { padding: 'same' })], [5, 7, 3]],
    [
      'a whole CNN: Conv2D ReLU MaxPool2D Conv2D(same) ReLU Dropout Flatten Dense Softmax',
      [
        conv2d(1, 4, [3, 3]),
        { type: 'ReLU' },
        maxPool2d([2, 2]),
        conv2d(4, 8, [3, 3], { padding: 'same' }),
        { type: 'ReLU' },
        { type: 'Dropout', rate: 0.5 },
        { type: 'Flatten' },
        dense(200, 10),
        { type: 'Softmax' },
      ],
      [12, 12, 1],
    ],
  ];
  for (const [name, layers, inputShape] of cases) {
    it(`matches model.predict: ${name}`, async () => {
      const { model, spec, tensors } = randomCnn(layers, inputShape);
      const x = randomImages([3, ...inputShape], 2);
      const expected = model.predict(x);
      const onnx = await runOnnx(encodeOnnx(spec, tensors), x);
      expect(onnx.dims).toEqual(expected.shape);
      expect(maxAbsDiff(onnx.data, expected.data)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('declares the NHWC input and the Conv/MaxPool nodes between transposes, with explicit pads', () => {
    const layers = [conv2d(1, 2, [3, 3], { stride: [2, 2], padding: 'same' }), maxPool2d([2, 2]), { type: 'Flatten' }];
    const { spec, tensors } = randomModel(layers, 0, [8, 9, 1]);
    const ModelProto = onnxSchema().lookupType('onnx.ModelProto');
    const decoded = ModelProto.toObject(ModelProto.decode(encodeOnnx(spec, tensors)), { longs: Number }) as {
      graph: {
        node: { op_type: string; attribute?: { name: string; ints?: number[] }[] }[];
        input: { type: { tensor_type: { shape: { dim: { dim_param?: string; dim_value?: number }[] } } } }[];
        initializer: { name: string; dims: number[] }[];
      };
    };
    expect(decoded.graph.input[0].type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_value: 8 }, { dim_value: 9 }, { dim_value: 1 }]);
    expect(decoded.graph.node.map((n) => n.op_type)).toEqual(['Transpose', 'Conv', 'Transpose', 'Transpose', 'MaxPool', 'Transpose', 'Flatten']);
    // TensorFlow's 'same' for 8×9, 3×3, stride 2: out 4×5, padding 1 and 2 in total, the smaller half on top/left.
    expect(decoded.graph.node[1].attribute).toEqual([
      expect.objectContaining({ name: 'kernel_shape', ints: [3, 3] }),
      expect.objectContaining({ name: 'strides', ints: [2, 2] }),
      expect.objectContaining({ name: 'pads', ints: [0, 1, 1, 1] }),
    ]);
    expect(decoded.graph.initializer.map((t) => [t.name, t.dims])).toEqual([
      ['layers.0.weights', [2, 1, 3, 3]],
      ['layers.0.biases', [2]],
    ]);
  });

  it('builds per-pixel preprocessing in for image input (h·w·c numbers), so the CNN takes raw pixels', async () => {
    const layers = [conv2d(2, 3, [3, 3], { padding: 'same' }), { type: 'ReLU' }, { type: 'Flatten' }, dense(4 * 5 * 3, 2), { type: 'Softmax' }];
    const { model, spec, tensors } = randomCnn(layers, [4, 5, 2]);
    const pixels = 4 * 5 * 2;
    const mean = Array.from({ length: pixels }, (_, i) => 100 + i);
    const std = Array.from({ length: pixels }, (_, i) => 50 + (i % 7));
    const raw = randomImages([3, 4, 5, 2], 4, 60);
    for (let i = 0; i < raw.data.length; i++) raw.data[i] += 128;
    const scaled = new Tensor(raw.shape, Float32Array.from(raw.data, (v, i) => (v - mean[i % pixels]) / std[i % pixels]));
    const onnx = await runOnnx(encodeOnnx(spec, tensors, { preprocessing: { kind: 'standard', mean, std } }), raw);
    expect(maxAbsDiff(onnx.data, model.predict(scaled).data)).toBeLessThanOrEqual(1e-5);
  });
});

describe('encodeOnnx rejects bad input', () => {
  it('needs the input shape of an image model, naming what to set', () => {
    const { spec, tensors } = randomModel([conv2d(1, 2, [3, 3]), { type: 'Flatten' }]);
    expect(() => encodeOnnx(spec, tensors)).toThrow(
      'encodeOnnx: the model\'s input shape [batch, ?, ?, 1] is not fully known; set model.inputShape (e.g. [28, 28, 1]) or train the model first',
    );
  });

  it('rejects preprocessing that does not hold one number per pixel and channel of the image', () => {
    const { spec, tensors } = randomModel([conv2d(2, 3, [3, 3])], 0, [4, 5, 2]);
    expect(() => encodeOnnx(spec, tensors, { preprocessing: { kind: 'minmax', min: [0, 0], max: [255, 255] } })).toThrow(
      'encodeOnnx: preprocessing.min must hold 40 numbers (one per input feature), received 2',
    );
  });

  it('names a missing tensor', () => {
    const { spec, tensors } = randomModel([dense(2, 3)]);
    tensors.delete('layers.0.biases');
    expect(() => encodeOnnx(spec, tensors)).toThrow('encodeOnnx: tensor layers.0.biases of Dense(2→3) is missing');
  });

  it('names a tensor whose shape disagrees with the spec', () => {
    const { spec, tensors } = randomModel([dense(2, 3)]);
    const other = randomModel([dense(3, 2)]).tensors;
    tensors.set('layers.0.weights', other.get('layers.0.weights') as Tensor<Float32Array>);
    expect(() => encodeOnnx(spec, tensors)).toThrow(
      'encodeOnnx: tensor layers.0.weights of Dense(2→3) must have shape [2, 3], received [3, 2]',
    );
  });

  it('rejects Dense layers whose widths do not chain', () => {
    const { spec, tensors } = randomModel([dense(2, 3), { type: 'ReLU' }, dense(3, 1)]);
    spec.layers[2] = dense(4, 1);
    expect(() => encodeOnnx(spec, tensors)).toThrow(
      'encodeOnnx: ReLU → Dense(4→1) (layers 1 → 2): ReLU gives [batch, 3], Dense expects 4 columns',
    );
  });

  it('rejects preprocessing of the wrong width or form', () => {
    const { spec, tensors } = randomModel([dense(2, 1)]);
    expect(() => encodeOnnx(spec, tensors, { preprocessing: { kind: 'standard', mean: [0, 0, 0], std: [1, 1] } })).toThrow(
      'encodeOnnx: preprocessing.mean must hold 2 numbers (one per input feature), received 3',
    );
    expect(() => encodeOnnx(spec, tensors, { preprocessing: { kind: 'minmax', min: [0, 5], max: [1, 4] } })).toThrow(
      'encodeOnnx: preprocessing.max[1] must be >= min[1], received 4',
    );
    const robust = { type: 'RobustScaler', center: [0, 0] } as unknown as FeatureScaling;
    expect(() => encodeOnnx(spec, tensors, { preprocessing: robust })).toThrow(
      `encodeOnnx: preprocessing must be a StandardScaler or MinMaxScaler JSON, { kind: 'standard', mean, std } or { kind: 'minmax', min, max }, received {"type":"RobustScaler"`,
    );
    expect(() => encodeOnnx(spec, tensors, { preprocessing: null as unknown as FeatureScaling })).toThrow(
      `encodeOnnx: preprocessing must be a StandardScaler or MinMaxScaler JSON, { kind: 'standard', mean, std } or { kind: 'minmax', min, max }, received null`,
    );
    const missing = { kind: 'standard', mean: [0, 0] } as unknown as FeatureScaling;
    expect(() => encodeOnnx(spec, tensors, { preprocessing: missing })).toThrow(
      'encodeOnnx: preprocessing.std must hold 2 numbers (one per input feature), received undefined',
    );
  });
});

describe('exportOnnx', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'scratchnet-onnx-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes a Model from toSpec() and namedParameters(), leaving no temp file', async () => {
    const { model, spec, tensors } = randomModel([dense(2, 4), { type: 'ReLU' }, dense(4, 2), { type: 'Softmax' }]);
    const path = join(folder, 'model.onnx');
    await exportOnnx(model, path);
    const bytes = new Uint8Array(await readFile(path));
    expect(bytes).toEqual(encodeOnnx(spec, tensors));
    expect(await readdir(folder)).toEqual(['model.onnx']);
    const x = randomInputs(5, 2);
    expect(maxAbsDiff((await runOnnx(bytes, x)).data, model.predict(x).data)).toBeLessThanOrEqual(1e-5);
  });
});
