import { describe, expect, it } from 'vitest';
import {
  init, spiralData, Model, Dense, ReLU, Softmax, CategoricalCrossentropy, Adam, RMSprop, CategoricalAccuracy, NumericalError,
  type EpochLog, type Optimizer,
} from '../../src/index.js';
import { DIVERGENCE_FACTOR, checkDivergence } from '../../src/model/divergence.js';

function spiralModel(optimizer: Optimizer, first: Dense = new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 })): Model {
  const model = new Model();
  model.add(first).add(new ReLU()).add(new Dense(64, 3)).add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer, accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NumericalError);
  return error as Error;
}

describe('checkDivergence', () => {
  it('stops above factor × the start loss, with the epoch, both losses and a hint', () => {
    expect(() => checkDivergence(3, 1.5e12, 1.0986, DIVERGENCE_FACTOR)).toThrow(
      'Model.train: training diverged at epoch 3: loss 1.500e+12 is more than 1000× the starting loss 1.099; lower the learning rate (divergenceFactor: null turns this check off)',
    );
    expect(() => checkDivergence(3, 1098, 1.0986, 1000)).not.toThrow();
    expect(() => checkDivergence(3, 1e300, 1.0986, null)).not.toThrow();
  });

  it('counts a start loss below 1e-3 as 1e-3', () => {
    expect(() => checkDivergence(1, 0.5, 0, 1000)).not.toThrow();
    expect(() => checkDivergence(1, 1.01, 0, 1000)).toThrow('loss 1.010 is more than 1000× the starting loss 0.000');
  });
});

describe('Model.train detects divergence', () => {
  for (const [name, make] of [
    ['Adam', () => new Adam({ learningRate: 1e6 })],
    ['RMSprop', () => new RMSprop({ learningRate: 1e6 })],
  ] as const) {
    it(`${name} at lr 1e6 stops with a NumericalError instead of ending at chance accuracy`, async () => {
      init(0);
      const [X, y] = spiralData(100, 3);
      const model = spiralModel(make());
      const ended: number[] = [];
      const error = await failure(
        model.train(X, y, { epochs: 50, batchSize: 32, printEvery: 0, callbacks: [{ onEpochEnd: (log: EpochLog) => void ended.push(log.epoch) }] }),
      );
      expect(error.message).toMatch(
        /^Model\.train: training diverged at epoch (\d+): loss \S+ is more than 1000× the starting loss 1\.09\d; lower the learning rate \(divergenceFactor: null turns this check off\)$/,
      );
      const epoch = Number(/epoch (\d+)/.exec(error.message)![1]);
      // The diverged epoch is neither counted nor reported to callbacks (a checkpoint never saves it).
      expect(model.epoch).toBe(epoch - 1);
      expect(ended).toEqual(Array.from({ length: epoch - 1 }, (_, i) => i + 1));
    });
  }

  it('trains on with divergenceFactor: null, and refuses a factor that is not > 0', async () => {
    init(0);
    const [X, y] = spiralData(30, 3);
    const model = spiralModel(new Adam({ learningRate: 1e6 }));
    const history = await model.train(X, y, { epochs: 3, printEvery: 0, divergenceFactor: null });
    expect(history.epochs).toHaveLength(3);
    expect(history.epochs[2].loss).toBeGreaterThan(1000 * 1.0986);
    await expect(model.train(X, y, { divergenceFactor: 0 })).rejects.toThrow(
      'Model.train: divergenceFactor must be a finite number > 0, received 0',
    );
  });

  it('leaves ordinary training alone', async () => {
    init(0);
    const [X, y] = spiralData(30, 3);
    const history = await spiralModel(new Adam({ learningRate: 0.05 })).train(X, y, { epochs: 20, printEvery: 0 });
    expect(history.epochs).toHaveLength(20);
  });
});

describe('Model.train names the layer whose gradient went non-finite', () => {
  it('gives index, label, parameter and step', async () => {
    /** A Dense whose weight gradient turns NaN on its 32nd backward pass. */
    class FaultyDense extends Dense {
      calls = 0;
      override backward(...args: Parameters<Dense['backward']>): ReturnType<Dense['backward']> {
        const result = super.backward(...args);
        if (++this.calls === 32) this.dWeights.data[3] = Number.NaN;
        return result;
      }
    }
    init(0);
    const [X, y] = spiralData(30, 3);
    const model = new Model();
    model.add(new Dense(2, 64)).add(new ReLU()).add(new FaultyDense(64, 3)).add(new Softmax());
    model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.01 }) });
    // 90 samples in batches of 3: 30 steps per epoch, so the 32nd step is epoch 2, step 1.
    const error = await failure(model.train(X, y, { epochs: 3, batchSize: 3, printEvery: 0, shuffle: false }));
    expect(error.message).toBe(
      'Model.train: layer 2 Dense(64→3) weights gradient has NaN at epoch 2, step 1; lower the learning rate or set clipGradient',
    );
  });
});
