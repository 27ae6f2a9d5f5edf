import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReLU } from '../../src/activations/relu.js';
import { Softmax } from '../../src/activations/softmax.js';
import { spiralData } from '../../src/data/synthetic/spiral.js';
import { Checkpoint } from '../../src/io/checkpoint.js';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { CategoricalAccuracy } from '../../src/metrics/categorical-accuracy.js';
import { Model } from '../../src/model/model.js';
import { Adam } from '../../src/optimizers/adam.js';
import type { EpochLog } from '../../src/model/history.js';
import type { TrainOptions } from '../../src/model/model.js';
import { readTrainingHistory } from '../../src/model/training-history.js';
import { init } from '../../src/random/default.js';
import { RandomGenerator } from '../../src/random/generator.js';
import type { FloatArray, Tensor } from '../../src/tensor/tensor.js';
import { temporaryFolder } from '../temporary-folder.js';
import { cnnData, smallCnn } from './cnn-helpers.js';

const folder = temporaryFolder('scratchnet-checkpoint-');

const [x, y] = (() => {
  init(0);
  return spiralData(50, 3);
})();

/** The same freshly initialised model every time: Dense → ReLU → Dropout → Dense → Softmax, Adam. */
function freshModel(): Model {
  init(7);
  const model = new Model();
  model.add(new Dense(2, 32, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.2));
  model.add(new Dense(32, 3));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.02, decay: 1e-3 }),
    accuracy: new CategoricalAccuracy(),
  });
  return model.finalize();
}

const weightsOf = (model: Model): FloatArray[] => model.namedParameters().map(([, p]) => (p.value as Tensor<FloatArray>).data.slice());
const options = { batchSize: 16, shuffle: true, reporter: null } as const;

describe('Checkpoint and resume', () => {
  it('4 epochs straight = 2 epochs → checkpoint → load → 2 more, bit for bit (Adam, shuffling, dropout)', async () => {
    const straight = freshModel();
    await straight.train(x, y, { ...options, epochs: 4 });

    const path = join(folder(), 'run.safetensors');
    const interrupted = freshModel();
    await interrupted.train(x, y, { ...options, epochs: 2, callbacks: [new Checkpoint({ path, every: 2 })] });
    init(999); // a new process would start from another generator state
    const resumed = await Model.load(path);
    expect(resumed.epoch).toBe(2);
    const history = await resumed.train(x, y, { ...options, epochs: 4 - resumed.epoch });

    expect(history.epochs.map((log) => log.epoch)).toEqual([3, 4]);
    expect(resumed.epoch).toBe(4);
    expect(resumed.optimizer!.iterations).toBe(straight.optimizer!.iterations);
    expect(resumed.optimizer!.currentLearningRate).toBe(straight.optimizer!.currentLearningRate);
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    expect(resumed.optimizer!.getState(resumed.namedParameters())).toEqual(straight.optimizer!.getState(straight.namedParameters()));
  });

  it('records the curves in the file, so a resumed run keeps the epochs before it (unless history: false)', async () => {
    const straight = freshModel();
    const all = await straight.train(x, y, { ...options, epochs: 4 });
    const curves = (epochs: readonly EpochLog[]) => epochs.map(({ epoch, loss, accuracy, learningRate }) => ({ epoch, loss, accuracy, learningRate }));

    const path = join(folder(), 'run.safetensors');
    await freshModel().train(x, y, { ...options, epochs: 2, callbacks: [new Checkpoint({ path, every: 1 })] });
    const resumed = await Model.load(path);
    expect(readTrainingHistory(resumed.metadata)).toEqual(curves(all.epochs.slice(0, 2)));
    const next = join(folder(), 'next.safetensors');
    await resumed.train(x, y, { ...options, epochs: 2, callbacks: [new Checkpoint({ path: next })] });
    // Bit for bit the uninterrupted run's curves: the two epochs from the first file, then the two trained here.
    expect(readTrainingHistory((await Model.load(next)).metadata)).toEqual(curves(all.epochs));

    const bare = join(folder(), 'bare.safetensors');
    await freshModel().train(x, y, { ...options, epochs: 1, callbacks: [new Checkpoint({ path: bare, history: false })] });
    expect(readTrainingHistory((await Model.load(bare)).metadata)).toBeUndefined();
  });

  it('without the optimizer or generator state the resumed run would differ (the test above is not vacuous)', async () => {
    const straight = freshModel();
    await straight.train(x, y, { ...options, epochs: 4 });
    const interrupted = freshModel();
    await interrupted.train(x, y, { ...options, epochs: 2 });
    const weightsOnly = freshModel();
    weightsOnly.setParameters(interrupted.getParameters());
    weightsOnly.epoch = 2;
    await weightsOnly.train(x, y, { ...options, epochs: 2 });
    expect(weightsOf(weightsOnly)).not.toEqual(weightsOf(straight));
  });

  it('saves every N epochs, with {epoch} in the path giving one file per save, and the final epoch at the end', async () => {
    const model = freshModel();
    const checkpoint = new Checkpoint({ path: join(folder(), 'epoch-{epoch}.safetensors'), every: 2 });
    await model.train(x, y, { ...options, epochs: 5, callbacks: [checkpoint] });
    expect((await readdir(folder())).sort()).toEqual([
      'epoch-2.safetensors',
      'epoch-4.safetensors',
      'epoch-5.safetensors',
    ]);
    expect(checkpoint.lastSavedPath).toBe(join(folder(), 'epoch-5.safetensors'));
    expect((await Model.load(join(folder(), 'epoch-4.safetensors'))).epoch).toBe(4);
    const last = await Model.load(join(folder(), 'epoch-5.safetensors'));
    expect(weightsOf(last)).toEqual(weightsOf(model));
  });

  it('saves where training stopped when a callback stops it early', async () => {
    const model = freshModel();
    const path = join(folder(), 'run.safetensors');
    const stopAfter3 = { onEpochEnd: (_: unknown, m: Model) => void (m.stopTraining = m.epoch >= 3) };
    await model.train(x, y, { ...options, epochs: 10, callbacks: [stopAfter3, new Checkpoint({ path, every: 5 })] });
    expect(model.epoch).toBe(3);
    const saved = await Model.load(path);
    expect(saved.epoch).toBe(3);
    expect(weightsOf(saved)).toEqual(weightsOf(model));
  });

  it('rejects bad options with a message naming them', () => {
    expect(() => new Checkpoint({ path: 'a.safetensors', every: 0 })).toThrow('Checkpoint: every must be an integer >= 1, received 0');
    expect(() => new Checkpoint({ path: '' })).toThrow('Checkpoint: path must be a non-empty path or a file: URL, received ');
    expect(() => new Checkpoint({ path: 'a', everyEpochs: 2 } as never)).toThrow('Checkpoint: unknown option "everyEpochs" (known: path, every, history)');
    expect(() => new Checkpoint({ path: 'a', history: 'yes' } as never)).toThrow('Checkpoint: history must be true or false, received yes');
  });
});

describe('Checkpoint and resume of a CNN', () => {
  const images = cnnData(48);
  const validation = cnnData(16, 9);
  const cnnOptions: TrainOptions = { ...options, batchSize: 8, validationData: [validation.x, validation.y] };
  /** An epoch log without its timings. */
  const numbers = ({ seconds: _s, samplesPerSecond: _r, ...log }: EpochLog) => log;

  it('4 epochs straight = 2 epochs → checkpoint → load → 2 more: the same weights, optimizer state and losses', async () => {
    const straight = smallCnn();
    const straightHistory = await straight.train(images.x, images.y, { ...cnnOptions, epochs: 4 });

    const path = join(folder(), 'cnn.safetensors');
    const interrupted = smallCnn();
    const firstHalf = await interrupted.train(images.x, images.y, { ...cnnOptions, epochs: 2, callbacks: [new Checkpoint({ path, every: 2 })] });
    init(999); // a new process would start from another generator state
    const resumed = await Model.load(path);
    expect(resumed.epoch).toBe(2);
    expect(resumed.inputShape).toEqual([12, 12, 1]);
    const secondHalf = await resumed.train(images.x, images.y, { ...cnnOptions, epochs: 4 - resumed.epoch });

    expect([...firstHalf.epochs, ...secondHalf.epochs].map(numbers)).toEqual(straightHistory.epochs.map(numbers));
    expect(resumed.optimizer!.iterations).toBe(straight.optimizer!.iterations);
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    expect(resumed.optimizer!.getState(resumed.namedParameters())).toEqual(straight.optimizer!.getState(straight.namedParameters()));
    expect(resumed.predict(validation.x).data).toEqual(straight.predict(validation.x).data);
  });

  it('without the generator state the resumed CNN run would differ (the test above is not vacuous)', async () => {
    const straight = smallCnn();
    await straight.train(images.x, images.y, { ...cnnOptions, epochs: 4 });
    const path = join(folder(), 'cnn.safetensors');
    const interrupted = smallCnn();
    await interrupted.train(images.x, images.y, { ...cnnOptions, epochs: 2, callbacks: [new Checkpoint({ path, every: 2 })] });
    const resumed = await Model.load(path);
    resumed.trainingGenerator.setState(new RandomGenerator(999).getState());
    await resumed.train(images.x, images.y, { ...cnnOptions, epochs: 4 - resumed.epoch });
    expect(weightsOf(resumed)).not.toEqual(weightsOf(straight));
  });
});
