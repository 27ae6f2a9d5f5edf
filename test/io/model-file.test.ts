import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeakyReLU } from '../../src/activations/leaky-relu.js';
import { Linear } from '../../src/activations/linear.js';
import { ReLU } from '../../src/activations/relu.js';
import { Sigmoid } from '../../src/activations/sigmoid.js';
import { Softmax } from '../../src/activations/softmax.js';
import { Tanh } from '../../src/activations/tanh.js';
import { spiralData } from '../../src/data/synthetic/spiral.js';
import { ModelFileError } from '../../src/errors.js';
import {
  deserializeModel,
  loadModel,
  loadParameters,
  saveModel,
  saveParameters,
  serializeModel,
} from '../../src/io/model-file.js';
import { decodeSafetensors } from '../../src/io/safetensors.js';
import { handWritten } from './helpers.js';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { MeanSquaredError } from '../../src/losses/mean-squared-error.js';
import { CategoricalAccuracy } from '../../src/metrics/categorical-accuracy.js';
import { RegressionAccuracy } from '../../src/metrics/regression-accuracy.js';
import { Model } from '../../src/model/model.js';
import { Adam } from '../../src/optimizers/adam.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { init } from '../../src/random/default.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { cnnData, smallCnn } from './cnn-helpers.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'scratchnet-model-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Every layer type of the closed list, trained a little so weights and optimizer state are non-trivial. */
async function trainedClassifier(): Promise<{ model: Model; x: Tensor<Float32Array>; y: Tensor<Uint8Array> }> {
  init(0);
  const [x, y] = spiralData(40, 3);
  const model = new Model();
  model.add(new Dense(2, 16, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.1));
  model.add(new Dense(16, 8, { initializer: 'he' }));
  model.add(new Tanh());
  model.add(new Dense(8, 8, { initializer: 'xavier' }));
  model.add(new LeakyReLU(0.05));
  model.add(new Dense(8, 8));
  model.add(new Sigmoid());
  model.add(new Dense(8, 8));
  model.add(new Linear());
  model.add(new Dense(8, 3));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.02, decay: 1e-3 }),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();
  model.metadata = { classNames: ['red', 'green', 'blue'], dataset: 'spiral' };
  await model.train(x, y, { epochs: 3, batchSize: 32, reporter: null });
  return { model, x, y };
}

describe('serializeModel / deserializeModel', () => {
  it('save → load → predict is bit-identical, and the state comes back', async () => {
    const { model, x, y } = await trainedClassifier();
    const copy = deserializeModel(serializeModel(model));
    expect(copy.predict(x).data).toEqual(model.predict(x).data);
    expect(copy.toSpec()).toEqual(model.toSpec());
    expect(copy.epoch).toBe(3);
    expect(copy.metadata).toEqual({ classNames: ['red', 'green', 'blue'], dataset: 'spiral' });
    expect(copy.optimizer!.getState(copy.namedParameters())).toEqual(model.optimizer!.getState(model.namedParameters()));
    expect(copy.evaluate(x, y)).toEqual(model.evaluate(x, y));
    // serializing the copy gives the same bytes: nothing was lost or reordered
    expect(serializeModel(copy)).toEqual(serializeModel(model));
  });

  it('restores the training generator state, even after other draws', async () => {
    const { model } = await trainedClassifier();
    const bytes = serializeModel(model);
    const expected = model.trainingGenerator.getState();
    init(12345);
    const copy = deserializeModel(bytes);
    expect(copy.trainingGenerator.getState()).toEqual(expected);
  });

  it('keeps float64 parameters in float64', () => {
    init(0);
    const model = new Model();
    model.add(new Dense(3, 2));
    model.add(new Linear());
    model.set({ loss: new MeanSquaredError(), optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), accuracy: new RegressionAccuracy() });
    model.finalize();
    const dense = model.layers[0] as Dense;
    dense.setParameters(new Tensor([3, 2], Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 1 / 3])), new Tensor([1, 2], new Float64Array([1e-300, -2])));
    const { tensors } = decodeSafetensors(serializeModel(model));
    expect(tensors.get('layers.0.weights')!.data).toBeInstanceOf(Float64Array);
    const copy = deserializeModel(serializeModel(model));
    const copied = copy.layers[0] as Dense;
    expect(copied.weights.data).toEqual(Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 1 / 3]));
    expect(copied.biases.data).toEqual(new Float64Array([1e-300, -2]));
  });

  it('a model without loss or optimizer round-trips too', () => {
    init(0);
    const model = new Model();
    model.add(new Dense(2, 3));
    model.add(new Softmax());
    model.finalize();
    const copy = deserializeModel(serializeModel(model));
    expect(copy.optimizer).toBeUndefined();
    expect(copy.toSpec()).toEqual(model.toSpec());
    const x = Tensor.from([[0.5, -1], [2, 3]]);
    expect(copy.predict(x).data).toEqual(model.predict(x).data);
  });

  it('errors name the source and the tensor', async () => {
    const { model } = await trainedClassifier();
    const { tensors, metadata } = decodeSafetensors(serializeModel(model));
    tensors.delete('layers.5.biases');
    expect(() => deserializeModel(handWritten(tensors, metadata), { source: 'upload.safetensors' })).toThrow(
      new ModelFileError('upload.safetensors: tensor "layers.5.biases" is missing; architecture layer 5 Dense(8→8) needs it with shape [1, 8]'),
    );
  });
  it('optimizer slots that the optimizer does not have are rejected, naming the file', async () => {
    const { model } = await trainedClassifier();
    const { tensors, metadata } = decodeSafetensors(serializeModel(model));
    tensors.delete('optimizer.layers.0.weights.cache');
    expect(() => deserializeModel(handWritten(tensors, metadata), { source: 'm.safetensors' })).toThrow(
      new ModelFileError('m.safetensors: Adam.setState: "layers.0.weights" must have slots [momentums, cache], received [momentums]'),
    );
  });
});

describe('files: saveModel / loadModel and the Model methods', () => {
  it('model.save / Model.load round-trip through a file, atomically', async () => {
    const { model, x } = await trainedClassifier();
    const path = join(folder, 'spiral.safetensors');
    await writeFile(path, 'an older model');
    await model.save(path);
    expect(await readdir(folder)).toEqual(['spiral.safetensors']);
    const loaded = await Model.load(path);
    expect(loaded.predict(x).data).toEqual(model.predict(x).data);
    expect(new Uint8Array(await readFile(path))).toEqual(serializeModel(model));
    const viaFunctions = join(folder, 'b.safetensors');
    await saveModel(model, viaFunctions);
    expect((await loadModel(viaFunctions)).predict(x).data).toEqual(model.predict(x).data);
  });

  it('loading reports missing files, directories and non-model files with the path', async () => {
    const missing = join(folder, 'nope.safetensors');
    await expect(Model.load(missing)).rejects.toThrow(new RegExp(`^cannot read "${missing}": ENOENT`));
    await expect(Model.load(folder)).rejects.toThrow(`"${folder}" is a folder, not a regular file; only regular files are read`);
    const text = join(folder, 'notes.txt');
    await writeFile(text, 'hello, this is not a model');
    await expect(Model.load(text)).rejects.toThrow(
      `${text}: not a scratchnet model file (text starting "hello, this is not a model"); model files are the .safetensors files that model.save and serializeModel write`,
    );
    const parametersOnly = join(folder, 'p.safetensors');
    await saveParameters((await trainedClassifier()).model, parametersOnly);
    await expect(Model.load(parametersOnly)).rejects.toThrow(
      `${parametersOnly}: __metadata__ has no "architecture": a parameters-only file (saveParameters) loads with loadParameters into a model`,
    );
  });

  it('a file of another kind is "not a scratchnet model file", saying what it looks like', async () => {
    const cases: [string, Uint8Array, string][] = [
      ['picture.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'a PNG image'],
      ['houses.csv', new TextEncoder().encode('longitude,latitude,price\n-122.2,37.9,452600\n'), 'text starting "longitude,latitude,price"'],
      ['model.json', new TextEncoder().encode('{"format": "layers-model", "modelTopology": {}}'), 'JSON text starting "{\\"format\\": \\"layers-model\\", \\"modelTopolog…" (a TF.js model.json: importTfjs reads it)'],
      ['random.bin', new Uint8Array([0x9e, 0x31, 0x07, 0xc4, 0x5a, 0x00, 0xee, 0x12, 0x7b, 0x01]), 'binary data starting 9e 31 07 c4 5a 00 ee 12 …'],
      ['empty.safetensors', new Uint8Array(0), 'no bytes at all'],
    ];
    for (const [name, bytes, seen] of cases) {
      const path = join(folder, name);
      await writeFile(path, bytes);
      const expected = `${path}: not a scratchnet model file (${seen}); model files are the .safetensors files that model.save and serializeModel write`;
      await expect(Model.load(path)).rejects.toThrow(new ModelFileError(expected));
      expect(() => deserializeModel(bytes)).toThrow(`model data: not a scratchnet model file (${seen})`);
      await expect(new Model().add(new Dense(2, 3)).finalize().loadParameters(path)).rejects.toThrow(`${path}: not a scratchnet model or parameters file (${seen})`);
    }
  });

  it('model.save creates a missing folder, and a failed write never names the temp file', async () => {
    const { model, x } = await trainedClassifier();
    const path = join(folder, 'runs', 'today', 'spiral.safetensors');
    await model.save(path);
    expect(await readdir(join(folder, 'runs', 'today'))).toEqual(['spiral.safetensors']);
    expect((await Model.load(path)).predict(x).data).toEqual(model.predict(x).data);
    // A folder where the file should go: the rename fails, and the message names the target.
    const blocked = join(folder, 'runs', 'blocked.safetensors');
    await mkdir(blocked);
    const failure = model.save(blocked);
    await expect(failure).rejects.toThrow(new RegExp(`^cannot write "${blocked}": E[A-Z]+: .*'${blocked}'$`));
    await expect(failure).rejects.not.toThrow('.tmp');
    // A file where a folder should be.
    const underFile = join(blocked, '..', 'today', 'spiral.safetensors', 'inner.safetensors');
    await expect(model.save(underFile)).rejects.toThrow(/^cannot write ".*inner\.safetensors": (ENOTDIR|EEXIST)/);
  });

  it('a truncated model file (a copy cut short) is rejected, naming the file and the tensor', async () => {
    const { model } = await trainedClassifier();
    const bytes = serializeModel(model);
    const path = join(folder, 'cut.safetensors');
    await writeFile(path, bytes.subarray(0, bytes.length - 4));
    const dataLength = bytes.length - 8 - Number(Buffer.from(bytes).readBigUInt64LE(0));
    // the last tensor is the cache of the last biases, [1, 3] float32 = 12 bytes
    await expect(Model.load(path)).rejects.toThrow(
      `${path}: tensor "optimizer.layers.11.biases.cache" data_offsets [${dataLength - 12}, ${dataLength}] run past the end of the data (${dataLength - 4} bytes)`,
    );
  });

  it('saveParameters / loadParameters move the weights between models of the same architecture', async () => {
    const { model, x } = await trainedClassifier();
    const path = join(folder, 'params.safetensors');
    await model.saveParameters(path);
    const fresh = Model.fromSpec(model.toSpec());
    expect(fresh.predict(x).data).not.toEqual(model.predict(x).data);
    await fresh.loadParameters(path);
    expect(fresh.predict(x).data).toEqual(model.predict(x).data);
    const fromFullModel = Model.fromSpec(model.toSpec());
    await model.save(join(folder, 'full.safetensors'));
    await loadParameters(fromFullModel, join(folder, 'full.safetensors'));
    expect(fromFullModel.predict(x).data).toEqual(model.predict(x).data);
  });

  it('loadParameters rejects a file whose shapes do not match the model, naming the tensor', async () => {
    const { model } = await trainedClassifier();
    const path = join(folder, 'params.safetensors');
    await saveParameters(model, path);
    init(0);
    const other = new Model();
    other.add(new Dense(2, 16));
    other.add(new ReLU());
    other.add(new Dropout(0.1));
    other.add(new Dense(16, 4));
    other.finalize();
    await expect(other.loadParameters(path)).rejects.toThrow(
      `${path}: tensor "layers.3.weights" has shape [16, 8], the model needs [16, 4]`,
    );
    const before = (other.layers[0] as Dense).weights.data.slice();
    const smaller = new Model();
    smaller.add(new Dense(2, 16));
    smaller.finalize();
    await expect(smaller.loadParameters(path)).rejects.toThrow(
      `${path}: unexpected tensor "layers.3.weights": the model has no such parameter`,
    );
    expect((other.layers[0] as Dense).weights.data).toEqual(before);
  });

  it('a failed save leaves the previous file intact', async () => {
    const { model } = await trainedClassifier();
    const path = join(folder, 'model.safetensors');
    await model.save(path);
    const before = await readFile(path);
    model.metadata = { unserialisable: 10n };
    await expect(model.save(path)).rejects.toThrow(/^model metadata must be JSON-serialisable: .*BigInt/);
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(folder)).toEqual(['model.safetensors']);
  });
});

describe('CNN model files', () => {
  /** The small CNN trained 2 epochs on 40 random images, with 16 more as validation data. */
  async function trainedCnn(): Promise<{ model: Model; x: Tensor<Float32Array>; y: Tensor<Uint8Array> }> {
    const model = smallCnn();
    const { x, y } = cnnData(40);
    const validation = cnnData(16, 9);
    const history = await model.train(x, y, { epochs: 2, batchSize: 8, reporter: null, validationData: [validation.x, validation.y] });
    // Validation data of rank 4 runs through evaluate after each epoch.
    expect(history.epochs[1].validationLoss).toBe(model.evaluate(validation.x, validation.y, { batchSize: 8 }).loss);
    return { model, x, y };
  }

  /** The rejection message of the trained CNN's file after `edit`, checked to be a ModelFileError. */
  async function rejection(edit: (tensors: Map<string, Tensor>, architecture: Record<string, unknown> & { layers: Record<string, unknown>[] }) => void): Promise<string> {
    const { tensors, metadata } = decodeSafetensors(serializeModel((await trainedCnn()).model));
    const architecture = JSON.parse(metadata.architecture);
    edit(tensors as Map<string, Tensor>, architecture);
    metadata.architecture = JSON.stringify(architecture);
    try {
      deserializeModel(handWritten(tensors, metadata), { source: 'cnn.safetensors' });
    } catch (error) {
      expect(error).toBeInstanceOf(ModelFileError);
      return (error as Error).message;
    }
    throw new Error('expected deserializeModel to throw');
  }

  it('trains, saves, loads and predicts bit-identically; the spec keeps inputShape and the kernels [kh, kw, in, out]', async () => {
    const { model, x, y } = await trainedCnn();
    const path = join(folder, 'cnn.safetensors');
    await model.save(path);
    const loaded = await Model.load(path);
    expect(loaded.predict(x).data).toEqual(model.predict(x).data);
    expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
    expect(loaded.toSpec()).toEqual(model.toSpec());
    expect(loaded.toSpec().inputShape).toEqual([12, 12, 1]);
    expect(loaded.epoch).toBe(2);
    expect(loaded.optimizer!.getState(loaded.namedParameters())).toEqual(model.optimizer!.getState(model.namedParameters()));
    expect(serializeModel(loaded)).toEqual(serializeModel(model));
    const { tensors } = decodeSafetensors(new Uint8Array(await readFile(path)));
    expect([...tensors].filter(([name]) => !name.startsWith('optimizer.')).map(([name, t]) => [name, t.shape])).toEqual([
      ['layers.0.weights', [3, 3, 1, 4]],
      ['layers.0.biases', [1, 4]],
      ['layers.3.weights', [3, 3, 4, 8]],
      ['layers.3.biases', [1, 8]],
      ['layers.7.weights', [200, 10]],
      ['layers.7.biases', [1, 10]],
    ]);
  });

  it('refuses validation data whose images differ from the training images, naming both shapes', async () => {
    const model = smallCnn();
    const { x, y } = cnnData(8);
    const other = { x: new Tensor([4, 14, 14, 1], new Float32Array(4 * 14 * 14)), y: new Tensor([4], new Uint8Array(4)) };
    await expect(model.train(x, y, { epochs: 1, reporter: null, validationData: [other.x, other.y] })).rejects.toThrow(
      'Model.train (validationData): expected x of shape [samples, 12, 12, 1], received [4, 14, 14, 1]',
    );
  });

  it('rejects a kernel tensor of the wrong shape, naming the tensor and the layer', async () => {
    expect(await rejection((tensors) => tensors.set('layers.3.weights', tensors.get('layers.3.weights')!.reshape([3, 3, 8, 4])))).toBe(
      'cnn.safetensors: tensor "layers.3.weights" has shape [3, 3, 8, 4], architecture layer 3 Conv2D(4→8, 3×3, same) needs [3, 3, 4, 8]',
    );
    expect(await rejection((tensors) => tensors.set('layers.0.weights', tensors.get('layers.0.weights')!.reshape([9, 4])))).toBe(
      'cnn.safetensors: tensor "layers.0.weights" has shape [9, 4], architecture layer 0 Conv2D(1→4, 3×3) needs [3, 3, 1, 4]',
    );
    expect(await rejection((_, architecture) => void (architecture.layers[0].kernelSize = [3, 2]))).toBe(
      'cnn.safetensors: tensor "layers.0.weights" has shape [3, 3, 1, 4], architecture layer 0 Conv2D(1→4, 3×2) needs [3, 2, 1, 4]',
    );
  });

  it('rejects convolutions whose channels do not chain, naming both layers and shapes', async () => {
    expect(await rejection((_, architecture) => void (architecture.layers[3].inChannels = 5))).toBe(
      'cnn.safetensors: architecture: MaxPool2D(2×2) → Conv2D(5→8, 3×3, same) (layers 2 → 3): MaxPool2D(2×2) gives [batch, 5, 5, 4], Conv2D expects [batch, height, width, 5] images',
    );
  });

  it('rejects a Dense layer whose width is not what Flatten gives', async () => {
    expect(await rejection((_, architecture) => void (architecture.layers[7].inputs = 196))).toBe(
      'cnn.safetensors: architecture: Flatten → Dense(196→10) (layers 6 → 7): Flatten gives [batch, 200], Dense expects 196 columns',
    );
  });

  it('rejects an inputShape the layers cannot take, or that is no shape', async () => {
    expect(await rejection((_, architecture) => void (architecture.inputShape = [12, 12, 3]))).toBe(
      'cnn.safetensors: architecture: input → Conv2D(1→4, 3×3) (layer 0): the input gives [batch, 12, 12, 3], Conv2D expects [batch, height, width, 1] images',
    );
    expect(await rejection((_, architecture) => void (architecture.inputShape = [2, 2, 1]))).toBe(
      "cnn.safetensors: architecture: input → Conv2D(1→4, 3×3) (layer 0): the input gives [batch, 2, 2, 1], Conv2D needs images of at least 3×3 with 'valid' padding",
    );
    expect(await rejection((_, architecture) => void (architecture.inputShape = [14, 14, 1]))).toBe(
      'cnn.safetensors: architecture: Flatten → Dense(200→10) (layers 6 → 7): Flatten gives [batch, 288], Dense expects 200 columns',
    );
    expect(await rejection((_, architecture) => void (architecture.inputShape = [12, 0, 1]))).toBe(
      'cnn.safetensors: architecture inputShape must be 1 to 8 integers >= 1, received [12,0,1]',
    );
  });

  it('a file without inputShape (written by hand) loads and learns the shape from the first images', async () => {
    const { model, x } = await trainedCnn();
    const { tensors, metadata } = decodeSafetensors(serializeModel(model));
    const architecture = JSON.parse(metadata.architecture);
    delete architecture.inputShape;
    metadata.architecture = JSON.stringify(architecture);
    const loaded = deserializeModel(handWritten(tensors, metadata));
    expect(loaded.inputShape).toBeUndefined();
    expect(loaded.predict(x).data).toEqual(model.predict(x).data);
    expect(loaded.inputShape).toEqual([12, 12, 1]);
  });

  it('rejects parameters on a layer that has none', async () => {
    expect(await rejection((tensors) => tensors.set('layers.6.weights', tensors.get('layers.0.weights')!))).toBe(
      'cnn.safetensors: unexpected tensor "layers.6.weights": architecture layer 6 is Flatten, which has no parameters',
    );
  });
});
