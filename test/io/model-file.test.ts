import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
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
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
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
    expect(() => deserializeModel(encodeSafetensors(tensors, metadata), { source: 'upload.safetensors' })).toThrow(
      new ModelFileError('upload.safetensors: tensor "layers.5.biases" is missing; architecture layer 5 Dense(8→8) needs it with shape [1, 8]'),
    );
  });
  it('optimizer slots that the optimizer does not have are rejected, naming the file', async () => {
    const { model } = await trainedClassifier();
    const { tensors, metadata } = decodeSafetensors(serializeModel(model));
    tensors.delete('optimizer.layers.0.weights.cache');
    expect(() => deserializeModel(encodeSafetensors(tensors, metadata), { source: 'm.safetensors' })).toThrow(
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
    const asLength = Buffer.from('hello, t').readBigUInt64LE(0); // the first 8 bytes read as the header length
    await expect(Model.load(text)).rejects.toThrow(`${text}: header length ${asLength} bytes exceeds the limit of 100000000 bytes`);
    const parametersOnly = join(folder, 'p.safetensors');
    await saveParameters((await trainedClassifier()).model, parametersOnly);
    await expect(Model.load(parametersOnly)).rejects.toThrow(
      `${parametersOnly}: __metadata__ has no "architecture": a parameters-only file (saveParameters) loads with loadParameters into a model`,
    );
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
