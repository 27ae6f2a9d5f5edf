import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError } from '../../src/errors.js';
import { deserializeModel, serializeModel } from '../../src/io/model-file.js';
import { decodeTfjs, encodeTfjs, exportTfjs, importTfjs, readTfjs } from '../../src/io/tfjs.js';
import type { LayerSpec } from '../../src/layers/layer-spec.js';
import { CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { CategoricalAccuracy } from '../../src/metrics/categorical-accuracy.js';
import { Adam } from '../../src/optimizers/adam.js';
import { getDefaultGenerator, init } from '../../src/random/default.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { conv2d, dense, maxAbsDiff, maxPool2d, randomCnn, randomImages, randomInputs, randomModel } from './helpers.js';
import { fileLoader, fileSaver } from './tfjs-file-handlers.js';

let root: string;
let counter = 0;
async function freshFolder(): Promise<string> {
  const folder = join(root, `model-${counter++}`);
  await mkdir(folder);
  return folder;
}

function tfPredict(model: tf.LayersModel, x: Tensor): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(Float32Array.from(x.data), [...x.shape])) as tf.Tensor).dataSync() as Float32Array);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'scratchnet-tfjs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('exportTfjs loaded by tf.loadLayersModel', () => {
  const cases: [string, LayerSpec[]][] = [
    ['ReLU + Softmax, Dropout', [dense(4, 8), { type: 'ReLU' }, { type: 'Dropout', rate: 0.3 }, dense(8, 3), { type: 'Softmax' }]],
    ['Sigmoid + Tanh', [dense(4, 6), { type: 'Tanh' }, dense(6, 2), { type: 'Sigmoid' }]],
    ['LeakyReLU + Linear', [dense(4, 5), { type: 'LeakyReLU', alpha: 0.2 }, dense(5, 1), { type: 'Linear' }]],
    ['a bare Dense output', [dense(4, 3), { type: 'ReLU' }, dense(3, 2)]],
    ['Dropout first (it carries the input shape)', [{ type: 'Dropout', rate: 0.1 }, dense(4, 3), { type: 'Softmax' }]],
  ];
  for (const [name, layers] of cases) {
    it(`predicts what scratchnet computes: ${name}`, async () => {
      const { model } = randomModel(layers);
      const folder = await freshFolder();
      await exportTfjs(model, folder);
      expect((await readdir(folder)).sort()).toEqual(['model.json', 'weights.bin']);
      const loaded = await tf.loadLayersModel(fileLoader(join(folder, 'model.json')));
      const x = randomInputs(9, 4);
      const expected = model.predict(x);
      expect(loaded.outputs[0].shape).toEqual([null, expected.shape[1]]);
      expect(maxAbsDiff(tfPredict(loaded, x), expected.data)).toBeLessThanOrEqual(1e-5);
      // And back: the same layers, the same numbers.
      const back = await importTfjs(folder);
      expect(back.toSpec().layers.map((l) => l.type)).toEqual(layers.map((l) => l.type));
      expect(back.predict(x).data).toEqual(expected.data);
    });
  }

  it('writes a layers-model manifest of float32 weights in weights.bin', () => {
    const { spec, tensors } = randomModel([dense(2, 3), { type: 'ReLU' }, dense(3, 1)]);
    const { modelJson, weights } = encodeTfjs(spec, tensors);
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.modelTopology.config.layers.map((l) => l.class_name)).toEqual(['Dense', 'Activation', 'Dense']);
    expect(modelJson.weightsManifest).toEqual([
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense_0/kernel', shape: [2, 3], dtype: 'float32' },
          { name: 'dense_0/bias', shape: [3], dtype: 'float32' },
          { name: 'dense_2/kernel', shape: [3, 1], dtype: 'float32' },
          { name: 'dense_2/bias', shape: [1], dtype: 'float32' },
        ],
      },
    ]);
    expect(weights.byteLength).toBe((6 + 3 + 3 + 1) * 4);
    expect(new Float32Array(weights.buffer, 0, 6)).toEqual((tensors.get('layers.0.weights') as Tensor).data);
  });
});

describe('readTfjs of models built and saved by TF.js', () => {
  it('imports fused activations, activation layers, dropout and a bias-free Dense', async () => {
    const keras = tf.sequential();
    keras.add(tf.layers.dense({ units: 8, inputShape: [5], activation: 'relu', biasInitializer: 'randomNormal' }));
    keras.add(tf.layers.dropout({ rate: 0.25 }));
    keras.add(tf.layers.dense({ units: 6, activation: 'tanh', kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }) }));
    keras.add(tf.layers.leakyReLU({ alpha: 0.05 }));
    keras.add(tf.layers.dense({ units: 4, useBias: false }));
    keras.add(tf.layers.activation({ activation: 'sigmoid' }));
    keras.add(tf.layers.dense({ units: 3, activation: 'softmax', biasInitializer: 'randomNormal' }));
    const folder = await freshFolder();
    await keras.save(fileSaver(folder));

    const { spec, tensors } = await readTfjs(folder);
    expect(spec.layers.map((l) => l.type)).toEqual([
      'Dense', 'ReLU', 'Dropout', 'Dense', 'Tanh', 'LeakyReLU', 'Dense', 'Sigmoid', 'Dense', 'Softmax',
    ]);
    expect(spec.layers[2]).toEqual({ type: 'Dropout', rate: 0.25 });
    expect(spec.layers[3]).toMatchObject({ type: 'Dense', inputs: 8, units: 6, weightRegularizerL2: 0.01 });
    expect(spec.layers[5]).toEqual({ type: 'LeakyReLU', alpha: 0.05 });
    expect((tensors.get('layers.6.biases') as Tensor).data).toEqual(new Float32Array(4));
    const model = await importTfjs(folder);
    expect(model.toSpec()).toEqual(spec);
    const x = randomInputs(7, 5);
    expect(maxAbsDiff(model.predict(x).data, tfPredict(keras, x))).toBeLessThanOrEqual(1e-5);
    // The model.json path itself works as well as its folder.
    expect((await readTfjs(join(folder, 'model.json'))).spec).toEqual(spec);
  });

  it("leaves the default generator's stream where it was", async () => {
    const keras = tf.sequential();
    keras.add(tf.layers.dense({ units: 3, inputShape: [2] }));
    const folder = await freshFolder();
    await keras.save(fileSaver(folder));
    init(5);
    const untouched = getDefaultGenerator().random();
    init(5);
    await importTfjs(folder);
    expect(getDefaultGenerator().random()).toBe(untouched);
  });

  it('reads the Keras (Python) converter layout: model_config wrapper, InputLayer, list config', () => {
    const kernel = new Float32Array([1, -2, 3, 0.5, -1, 2]);
    const bytes = new Uint8Array(new Float32Array([...kernel, 0.25, -0.5]).buffer);
    const json = {
      format: 'layers-model',
      modelTopology: {
        keras_version: '2.15.0',
        backend: 'tensorflow',
        model_config: {
          class_name: 'Sequential',
          config: [
            { class_name: 'InputLayer', config: { name: 'input_1', batch_input_shape: [null, 3] } },
            { class_name: 'Dense', config: { name: 'dense', units: 2, activation: 'sigmoid', use_bias: true } },
          ],
        },
      },
      weightsManifest: [
        { paths: ['group1-shard1of1.bin'], weights: [
          { name: 'dense/kernel', shape: [3, 2], dtype: 'float32' },
          { name: 'dense/bias', shape: [2], dtype: 'float32' },
        ] },
      ],
    };
    const { spec, tensors } = decodeTfjs(json, [bytes]);
    expect(spec.layers.map((l) => l.type)).toEqual(['Dense', 'Sigmoid']);
    expect((tensors.get('layers.0.weights') as Tensor).data).toEqual(kernel);
    expect((tensors.get('layers.0.biases') as Tensor).shape).toEqual([1, 2]);
  });

  it('says which file it could not read', async () => {
    await expect(readTfjs(join(root, 'missing'))).rejects.toThrow(`importTfjs: cannot read "${join(root, 'missing')}"`);
  });

  it('rejects unsupported layer classes and activations, naming them', async () => {
    const conv = tf.sequential();
    conv.add(tf.layers.dense({ units: 4, inputShape: [3] }));
    conv.add(tf.layers.batchNormalization({ name: 'norm' }));
    const convFolder = await freshFolder();
    await conv.save(fileSaver(convFolder));
    await expect(readTfjs(convFolder)).rejects.toThrow(
      'importTfjs: layer norm (BatchNormalization) is not supported (supported layer classes: InputLayer, Activation, Dense, Dropout, ReLU, Softmax, LeakyReLU, Flatten, Conv2D, MaxPooling2D, MaxPool2D)',
    );

    const elu = tf.sequential();
    elu.add(tf.layers.dense({ units: 2, inputShape: [3], activation: 'elu', name: 'hidden' }));
    const eluFolder = await freshFolder();
    await elu.save(fileSaver(eluFolder));
    await expect(readTfjs(eluFolder)).rejects.toThrow(
      'importTfjs: layer hidden (Dense) uses activation "elu", which is not supported (supported: relu, sigmoid, softmax, linear, tanh)',
    );
  });
});

describe('CNNs through the TF.js layers format', () => {
  const cnn = [
    conv2d(1, 4, [3, 3]),
    { type: 'ReLU' },
    maxPool2d([2, 2]),
    conv2d(4, 8, [3, 3], { padding: 'same' }),
    { type: 'ReLU' },
    { type: 'Dropout', rate: 0.5 },
    { type: 'Flatten' },
    dense(200, 10),
    { type: 'Softmax' },
  ];
  const cases: [string, LayerSpec[], [number, number, number]][] = [
    ['Conv2D ReLU MaxPool2D Conv2D(same) ReLU Dropout Flatten Dense Softmax', cnn, [12, 12, 1]],
    [
      "strides 2, a 2×3 kernel, 'same' on odd sizes, a 1×1 kernel, an overlapping 'same' pool",
      [
        { ...conv2d(3, 4, [2, 3], { stride: [2, 2], padding: 'same' }), weightRegularizerL2: 0.01, biasRegularizerL1: 0.002 },
        { type: 'LeakyReLU', alpha: 0.1 },
        conv2d(4, 6, [1, 1]),
        { type: 'Tanh' },
        maxPool2d([3, 3], { stride: [2, 2], padding: 'same' }),
        { type: 'Flatten' },
        dense(2 * 3 * 6, 3),
      ],
      [7, 9, 3],
    ],
  ];
  for (const [name, layers, inputShape] of cases) {
    it(`exportTfjs → tf.loadLayersModel predicts what scratchnet computes, and imports back: ${name}`, async () => {
      const { model } = randomCnn(layers, inputShape);
      const folder = await freshFolder();
      await exportTfjs(model, folder);
      const loaded = await tf.loadLayersModel(fileLoader(join(folder, 'model.json')));
      expect(loaded.inputs[0].shape).toEqual([null, ...inputShape]);
      const x = randomImages([4, ...inputShape], 2);
      const expected = model.predict(x);
      expect(loaded.outputs[0].shape).toEqual([null, expected.shape[1]]);
      expect(maxAbsDiff(tfPredict(loaded, x), expected.data)).toBeLessThanOrEqual(1e-5);
      const back = await importTfjs(folder);
      // Every field comes back (kernel sizes, strides, padding, regularizers), but the initializer: imports take Keras' default, Glorot.
      const fields = ({ initializer: _, ...rest }: LayerSpec) => rest;
      expect(back.toSpec().layers.map(fields)).toEqual(layers.map(fields));
      expect(back.inputShape).toEqual(inputShape);
      expect(back.predict(x).data).toEqual(expected.data);
    });
  }

  it('writes Conv2D kernels [kh, kw, in, out] and biases [out] as Keras does', () => {
    const { spec, tensors } = randomCnn([conv2d(2, 3, [2, 3], { stride: [2, 1], padding: 'same' }), { type: 'Flatten' }], [5, 6, 2]);
    const { modelJson, weights } = encodeTfjs(spec, tensors);
    expect(modelJson.modelTopology.config.layers).toEqual([
      {
        class_name: 'Conv2D',
        config: {
          name: 'conv2d_0',
          filters: 3,
          kernel_size: [2, 3],
          strides: [2, 1],
          padding: 'same',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          activation: 'linear',
          use_bias: true,
          kernel_regularizer: null,
          bias_regularizer: null,
          trainable: true,
          dtype: 'float32',
          batch_input_shape: [null, 5, 6, 2],
        },
      },
      { class_name: 'Flatten', config: { name: 'flatten_1', data_format: 'channels_last', trainable: true, dtype: 'float32' } },
    ]);
    expect(modelJson.weightsManifest[0].weights).toEqual([
      { name: 'conv2d_0/kernel', shape: [2, 3, 2, 3], dtype: 'float32' },
      { name: 'conv2d_0/bias', shape: [3], dtype: 'float32' },
    ]);
    expect(new Float32Array(weights.buffer, 0, 36)).toEqual((tensors.get('layers.0.weights') as Tensor).data);
  });

  it('imports a CNN built and saved by TF.js (fused and plain activations, valid/same, strides) and predicts what TF.js predicts', async () => {
    const keras = tf.sequential();
    keras.add(tf.layers.conv2d({ inputShape: [11, 10, 2], filters: 4, kernelSize: 3, activation: 'relu', biasInitializer: 'randomNormal' }));
    keras.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    keras.add(tf.layers.conv2d({ filters: 6, kernelSize: [2, 3], strides: 2, padding: 'same', biasInitializer: 'randomNormal', name: 'strided' }));
    keras.add(tf.layers.activation({ activation: 'tanh' }));
    keras.add(tf.layers.conv2d({ filters: 5, kernelSize: 1, useBias: false, activation: 'sigmoid' }));
    keras.add(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }));
    keras.add(tf.layers.flatten());
    keras.add(tf.layers.dense({ units: 8, activation: 'relu', biasInitializer: 'randomNormal' }));
    keras.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    const folder = await freshFolder();
    await keras.save(fileSaver(folder));

    const { spec } = await readTfjs(folder);
    expect(spec.inputShape).toEqual([11, 10, 2]);
    expect(spec.layers.map((l) => l.type)).toEqual([
      'Conv2D', 'ReLU', 'MaxPool2D', 'Conv2D', 'Tanh', 'Conv2D', 'Sigmoid', 'MaxPool2D', 'Flatten', 'Dense', 'ReLU', 'Dense', 'Softmax',
    ]);
    expect(spec.layers[3]).toMatchObject({ type: 'Conv2D', inChannels: 4, filters: 6, kernelSize: [2, 3], stride: [2, 2], padding: 'same' });
    expect(spec.layers[7]).toEqual({ type: 'MaxPool2D', poolSize: [3, 3], stride: [2, 2], padding: 'same' });
    // 11×10 → 9×8 → 4×4 → 2×2 (same, stride 2) → 2×2 → 1×1 (same, stride 2): 5 values per sample.
    expect(spec.layers[9]).toMatchObject({ type: 'Dense', inputs: 5, units: 8 });
    const model = await importTfjs(folder);
    expect(model.inputShape).toEqual([11, 10, 2]);
    const x = randomImages([6, 11, 10, 2], 3);
    expect(maxAbsDiff(model.predict(x).data, tfPredict(keras, x))).toBeLessThanOrEqual(1e-5);
    // The imported model trains and saves like any other.
    expect(model.summary()).toContain('[batch, 9, 8, 4]');
    model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam(), accuracy: new CategoricalAccuracy() });
    const history = await model.train(x, new Tensor([6], Uint8Array.from([0, 1, 2, 0, 1, 2])), { epochs: 2, reporter: null });
    expect(history.epochs[1].loss).toBeLessThan(history.epochs[0].loss);
    expect(deserializeModel(serializeModel(model)).predict(x).data).toEqual(model.predict(x).data);
  });

  it('reads the input shape an InputLayer declares (Keras 3 batch_shape) into spec.inputShape', () => {
    const kernel = Float32Array.from({ length: 2 * 2 * 1 * 2 }, (_, i) => i / 8 - 0.5);
    const json = {
      format: 'layers-model',
      modelTopology: {
        model_config: {
          class_name: 'Sequential',
          config: {
            layers: [
              { class_name: 'InputLayer', config: { name: 'input', batch_shape: [null, 4, 5, 1] } },
              { class_name: 'Conv2D', config: { name: 'conv', filters: 2, kernel_size: 2, strides: 1, padding: 'valid', data_format: null, groups: 1, activation: 'relu', use_bias: false } },
              { class_name: 'Flatten', config: { name: 'flatten', data_format: null } },
            ],
          },
        },
      },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'conv/kernel', shape: [2, 2, 1, 2], dtype: 'float32' }] }],
    };
    const { spec, tensors } = decodeTfjs(json, [new Uint8Array(kernel.buffer)]);
    expect(spec.inputShape).toEqual([4, 5, 1]);
    expect(spec.layers.map((l) => l.type)).toEqual(['Conv2D', 'ReLU', 'Flatten']);
    expect(spec.layers[0]).toMatchObject({ inChannels: 1, filters: 2, kernelSize: [2, 2], stride: [1, 1], padding: 'valid' });
    expect((tensors.get('layers.0.biases') as Tensor).data).toEqual(new Float32Array(2));
  });

  it('refuses to export an image model whose input shape is unknown', () => {
    const { spec, tensors } = randomModel([conv2d(1, 2, [3, 3]), { type: 'Flatten' }]);
    expect(() => encodeTfjs(spec, tensors)).toThrow(
      "encodeTfjs: the model's input shape [batch, ?, ?, 1] is not fully known; set model.inputShape (e.g. [28, 28, 1]) or train the model first",
    );
  });

  it('refuses dilation, groups and channels_first, naming the layer', async () => {
    const saved = async (layer: tf.layers.Layer): Promise<string> => {
      const keras = tf.sequential();
      keras.add(layer);
      const folder = await freshFolder();
      await keras.save(fileSaver(folder));
      return folder;
    };
    await expect(readTfjs(await saved(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, dilationRate: 2, name: 'dilated' })))).rejects.toThrow(
      'importTfjs: layer dilated (Conv2D) with dilation_rate [2,2] is not supported',
    );
    await expect(readTfjs(await saved(tf.layers.conv2d({ inputShape: [1, 8, 8], filters: 2, kernelSize: 3, dataFormat: 'channelsFirst', name: 'nchw' })))).rejects.toThrow(
      'importTfjs: layer nchw (Conv2D) must be channels_last, received data_format "channels_first"',
    );
    await expect(readTfjs(await saved(tf.layers.maxPooling2d({ inputShape: [2, 8, 8], poolSize: 2, dataFormat: 'channelsFirst', name: 'pool' })))).rejects.toThrow(
      'importTfjs: layer pool (MaxPooling2D) must be channels_last, received data_format "channels_first"',
    );
    const { folder, json } = await (async () => {
      const keras = tf.sequential();
      keras.add(tf.layers.conv2d({ inputShape: [8, 8, 4], filters: 4, kernelSize: 3, name: 'grouped' }));
      const f = await freshFolder();
      await keras.save(fileSaver(f));
      return { folder: f, json: JSON.parse(await readFile(join(f, 'model.json'), 'utf8')) };
    })();
    json.modelTopology.config.layers[0].config.groups = 2;
    await writeFile(join(folder, 'model.json'), JSON.stringify(json));
    await expect(readTfjs(folder)).rejects.toThrow('importTfjs: layer grouped (Conv2D) with groups 2 is not supported');
  });

  it('refuses layers that do not chain, naming the Keras layer and the scratchnet layers on both sides', async () => {
    const keras = tf.sequential();
    keras.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, name: 'first' }));
    keras.add(tf.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'softmax', name: 'scores' }));
    const folder = await freshFolder();
    await keras.save(fileSaver(folder));
    const failure = await readTfjs(folder).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(ModelFileError);
    expect((failure as Error).message).toBe(
      'importTfjs: layer scores (Conv2D): Conv2D(2→3, 3×3) → Softmax (layers 1 → 2): Conv2D(2→3, 3×3) gives [batch, 4, 4, 3], Softmax expects one row of classes per sample (add a Flatten before it)',
    );
  });

  it('refuses a kernel whose channels do not match the image arriving, naming the weight', async () => {
    const keras = tf.sequential();
    keras.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, name: 'first' }));
    keras.add(tf.layers.conv2d({ filters: 3, kernelSize: 3, name: 'second' }));
    const folder = await freshFolder();
    await keras.save(fileSaver(folder));
    const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'));
    json.modelTopology.config.layers[0].config.batch_input_shape = [null, 8, 8, 3];
    await writeFile(join(folder, 'model.json'), JSON.stringify(json));
    await expect(readTfjs(folder)).rejects.toThrow('importTfjs: weight first/kernel must have shape [3, 3, 3, 2], received [3, 3, 1, 2]');
    json.modelTopology.config.layers[0].config.batch_input_shape = [null, 8, 8, 1];
    json.weightsManifest[0].weights[0].shape = [3, 3, 2]; // the same 18 values, one dimension short
    await writeFile(join(folder, 'model.json'), JSON.stringify(json));
    await expect(readTfjs(folder)).rejects.toThrow('importTfjs: weight first/kernel must have shape [3, 3, 1, 2], received [3, 3, 2]');
    delete json.modelTopology.config.layers[0].config.batch_input_shape;
    await writeFile(join(folder, 'model.json'), JSON.stringify(json));
    await expect(readTfjs(folder)).rejects.toThrow('importTfjs: weight first/kernel must have shape [3, 3, channels, 2], received [3, 3, 2]');
  });
});

describe('readTfjs rejects unsafe or inconsistent files, naming the weight', () => {
  async function exported(): Promise<{ folder: string; json: Record<string, unknown> & { weightsManifest: { paths: string[]; weights: Record<string, unknown>[] }[] } }> {
    const { model } = randomModel([dense(2, 3), { type: 'ReLU' }, dense(3, 1)]);
    const folder = await freshFolder();
    await exportTfjs(model, folder);
    return { folder, json: JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) };
  }
  async function rewrite(folder: string, json: object): Promise<void> {
    await writeFile(join(folder, 'model.json'), JSON.stringify(json));
  }

  it('refuses manifest paths with ../ and absolute paths', async () => {
    const { folder, json } = await exported();
    await writeFile(join(root, 'outside.bin'), await readFile(join(folder, 'weights.bin')));
    json.weightsManifest[0].paths = ['../outside.bin'];
    await rewrite(folder, json);
    await expect(readTfjs(folder)).rejects.toThrow(
      'importTfjs: weights path "../outside.bin" (weight dense_0/kernel) must be a relative path inside the model folder',
    );
    json.weightsManifest[0].paths = [join(root, 'outside.bin')];
    await rewrite(folder, json);
    await expect(readTfjs(folder)).rejects.toThrow('(weight dense_0/kernel) must be a relative path inside the model folder');
  });

  it('refuses a symlink that resolves outside the folder, accepts one inside', async () => {
    const { folder, json } = await exported();
    await writeFile(join(root, 'elsewhere.bin'), await readFile(join(folder, 'weights.bin')));
    await symlink(join(root, 'elsewhere.bin'), join(folder, 'link.bin'));
    json.weightsManifest[0].paths = ['link.bin'];
    await rewrite(folder, json);
    await expect(readTfjs(folder)).rejects.toThrow(
      'importTfjs: weights path "link.bin" (weight dense_0/kernel) resolves outside the model folder',
    );
    await symlink(join(folder, 'weights.bin'), join(folder, 'inside.bin'));
    json.weightsManifest[0].paths = ['inside.bin'];
    await rewrite(folder, json);
    expect((await readTfjs(folder)).spec.layers).toHaveLength(3);
  });

  it('refuses weights files shorter or longer than the shapes need', async () => {
    const { folder } = await exported();
    const bytes = await readFile(join(folder, 'weights.bin'));
    await writeFile(join(folder, 'weights.bin'), bytes.subarray(0, bytes.byteLength - 4));
    await expect(readTfjs(folder)).rejects.toThrow(
      'importTfjs: weight dense_2/bias of shape [1] needs bytes 48..52 of group 0, but its files hold 48 bytes',
    );
    await writeFile(join(folder, 'weights.bin'), Buffer.concat([bytes, Buffer.alloc(8)]));
    await expect(readTfjs(folder)).rejects.toThrow(
      'importTfjs: weights group 0 holds 60 bytes, but its weights (last: dense_2/bias) take 52',
    );
  });

  it('refuses unknown dtypes and quantized weights', async () => {
    const { folder, json } = await exported();
    json.weightsManifest[0].weights[1].dtype = 'float16';
    await rewrite(folder, json);
    await expect(readTfjs(folder)).rejects.toThrow(
      'importTfjs: weight dense_0/bias has dtype "float16"; only float32 is supported',
    );
    json.weightsManifest[0].weights[1].dtype = 'float32';
    json.weightsManifest[0].weights[1].quantization = { dtype: 'uint8', scale: 1, min: 0 };
    await rewrite(folder, json);
    await expect(readTfjs(folder)).rejects.toThrow('importTfjs: weight dense_0/bias is quantized');
  });

  it('refuses a kernel whose shape disagrees with the topology', async () => {
    const { folder, json } = await exported();
    json.weightsManifest[0].weights[2].shape = [1, 3];
    await rewrite(folder, json);
    await expect(readTfjs(folder)).rejects.toThrow('importTfjs: weight dense_2/kernel must have shape [3, 1], received [1, 3]');
  });
});
