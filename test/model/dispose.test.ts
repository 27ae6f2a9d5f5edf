import { afterEach, describe, expect, it } from 'vitest';
import {
  init, spiralData, sineData, Tensor, Model, Dense, Dropout, ReLU, Softmax, Sigmoid, Linear,
  CategoricalCrossentropy, BinaryCrossentropy, MeanSquaredError, Adam, SGD, RMSprop,
  CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy, DisposedError, setBackend, type HeapStats, type WasmBackend,
} from '../../src/index.js';
import { trackAllocations } from '../backend/tracking-backend.js';

/** One model of each kind of part: every layer, loss and stateful optimizer type. */
function buildModels(): Model[] {
  const classifier = new Model();
  classifier.add(new Dense(2, 64)).add(new ReLU()).add(new Dropout(0.1)).add(new Dense(64, 3)).add(new Softmax());
  classifier.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }), accuracy: new CategoricalAccuracy() });
  const binary = new Model();
  binary.add(new Dense(2, 16)).add(new ReLU()).add(new Dense(16, 1)).add(new Sigmoid());
  binary.set({ loss: new BinaryCrossentropy(), optimizer: new SGD({ momentum: 0.9 }), accuracy: new BinaryAccuracy() });
  const regression = new Model();
  regression.add(new Dense(1, 32)).add(new ReLU()).add(new Dense(32, 1)).add(new Linear());
  regression.set({ loss: new MeanSquaredError(), optimizer: new RMSprop(), accuracy: new RegressionAccuracy() });
  return [classifier, binary, regression];
}

/** Builds the three models, trains each a few mini-batch steps, predicts, and returns them undisposed. */
async function trainModels(): Promise<Model[]> {
  init(0);
  const [X, y] = spiralData(50, 3);
  const binaryY = new Tensor([150, 1], Float32Array.from(y.data, (id) => (id === 1 ? 1 : 0)));
  // sineData is float64, which layers would follow with float64 outputs outside the backend.
  const [S, sineY] = sineData(100).map((t) => new Tensor(t.shape, Float32Array.from(t.data)));
  const [classifier, binary, regression] = buildModels();
  const options = { epochs: 2, batchSize: 64, printEvery: 0 };
  await classifier.train(X, y, options);
  await binary.train(X, binaryY, options);
  await regression.train(S, sineY, options);
  for (const [model, x] of [[classifier, X], [binary, X], [regression, S]] as const) model.predict(x);
  return [classifier, binary, regression];
}

function wasm(): WasmBackend {
  return setBackend('wasm') as WasmBackend;
}

describe('Model.dispose', () => {
  afterEach(() => {
    setBackend('wasm');
  });

  it('keeps the wasm heap flat: 50 cycles of build, train, predict, dispose', async () => {
    const backend = wasm();
    const before: HeapStats[] = [];
    const after: HeapStats[] = [];
    for (let cycle = 0; cycle < 50; cycle++) {
      before.push(backend.heapStats());
      for (const model of await trainModels()) model.dispose();
      after.push(backend.heapStats());
    }
    // The first cycle also makes the backend's own scratch (packing panels), kept for later products.
    expect(after.slice(1)).toEqual(Array(49).fill(after[0]));
    expect(before.slice(1)).toEqual(Array(49).fill(after[0]));
  });

  it('gives back exactly what a model took, and without dispose the heap grows', async () => {
    const backend = wasm();
    for (const model of await trainModels()) model.dispose(); // the backend's scratch exists from here on
    const baseline = backend.heapStats().bytesInUse;
    const models = await trainModels();
    const held = backend.heapStats().bytesInUse;
    // Three models' weights, gradients, outputs and Adam/SGD/RMSprop state: well over their 2 500 parameters' 10 kB.
    expect(held - baseline).toBeGreaterThan(40_000);
    for (const model of models) model.dispose();
    expect(backend.heapStats().bytesInUse).toBe(baseline);
  });

  it('returns buffers to the backend that made them, after setBackend switched', async () => {
    const backend = wasm();
    for (const model of await trainModels()) model.dispose();
    const baseline = backend.heapStats().bytesInUse;
    const models = await trainModels();
    setBackend('js');
    for (const model of models) model.dispose();
    expect(backend.heapStats().bytesInUse).toBe(baseline);
  });

  it('makes every later use throw one clear line naming the model', async () => {
    const [model] = await trainModels();
    const [X, y] = spiralData(10, 3);
    const kept = model.predict(X);
    model.dispose();
    const message = (what: string): string => `Model.${what}: this model was disposed; build or load a new one`;
    expect(() => model.predict(X)).toThrow(DisposedError);
    expect(() => model.predict(X)).toThrow(message('predict'));
    expect(() => model.evaluate(X, y)).toThrow(message('evaluate'));
    await expect(model.train(X, y, { printEvery: 0 })).rejects.toThrow(message('train'));
    expect(() => model.getParameters()).toThrow(message('getParameters'));
    expect(() => model.summary()).toThrow(message('summary'));
    expect(() => model.add(new ReLU())).toThrow(message('add'));
    await expect(model.save('unused.safetensors')).rejects.toThrow(message('save'));
    // predict returned a copy: it stays readable.
    expect(kept.data.every(Number.isFinite)).toBe(true);
  });

  it('stops training when a callback disposes the model between epochs', async () => {
    const [X, y] = spiralData(10, 3);
    const [model] = buildModels();
    const run = model.train(X, y, { epochs: 5, printEvery: 0, callbacks: [{ onEpochEnd: () => model.dispose() }] });
    await expect(run).rejects.toThrow('Model.train: this model was disposed; build or load a new one');
  });

  it('makes the parts it owned throw, naming each', async () => {
    const [model] = await trainModels();
    const [dense, relu, dropout] = model.layers;
    const { loss, optimizer } = model;
    model.dispose();
    const [X, y] = spiralData(10, 3);
    expect(() => dense.forward(X)).toThrow('Dense(2→64): this layer was disposed; create a new one');
    expect(() => relu.backward(X)).toThrow('ReLU: this layer was disposed; create a new one');
    expect(() => dropout.forward(X)).toThrow('Dropout: this layer was disposed; create a new one');
    expect(() => loss!.calculate(X, y)).toThrow('CategoricalCrossentropy: this loss was disposed; create a new one');
    expect(() => optimizer!.updateParams(new Dense(2, 3))).toThrow('Adam: this optimizer was disposed; create a new one');
    // No view of released memory stays reachable through the fields.
    expect(dense.output.size).toBe(0);
  });

  it('is harmless when called twice', async () => {
    const backend = wasm();
    const models = await trainModels();
    for (const model of models) model.dispose();
    const once = backend.heapStats();
    for (const model of models) expect(() => model.dispose()).not.toThrow();
    expect(backend.heapStats()).toEqual(once);
  });

  it('on the js backend, releases every buffer the model allocated', async () => {
    const { live } = trackAllocations();
    const models = await trainModels();
    expect(live.size).toBeGreaterThan(0);
    for (const model of models) model.dispose();
    expect(live.size).toBe(0);
    for (const model of models) model.dispose();
    expect(() => models[0].predict(spiralData(5, 3)[0])).toThrow('Model.predict: this model was disposed; build or load a new one');
  });
});
