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
import type { StepInfo } from '../../src/model/callback.js';
import { LearningRateSchedule } from '../../src/model/learning-rate-schedule.js';
import { Model } from '../../src/model/model.js';
import { TrainingSnapshot } from '../../src/model/training-snapshot.js';
import { Adam } from '../../src/optimizers/adam.js';
import { init } from '../../src/random/default.js';
import type { FloatArray, Tensor } from '../../src/tensor/tensor.js';
import { cnnData, smallCnn } from '../io/cnn-helpers.js';
import { temporaryFolder } from '../temporary-folder.js';

const folder = temporaryFolder('scratchnet-snapshot-');

const [x, y] = (() => {
  init(0);
  return spiralData(50, 3);
})();

/** The same freshly initialised model every time: Dense → ReLU → Dropout → Dense → Softmax, Adam with decay. */
function freshModel(): Model {
  init(7);
  const model = new Model();
  model.add(new Dense(2, 16));
  model.add(new ReLU());
  model.add(new Dropout(0.2));
  model.add(new Dense(16, 3));
  model.add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.02, decay: 1e-3 }), accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

/** Everything a checkpoint holds, as plain values. */
function state(model: Model): unknown {
  return {
    epoch: model.epoch,
    weights: model.namedParameters().map(([, p]) => Array.from((p.value as Tensor<FloatArray>).data)),
    optimizer: model.optimizer!.getState(model.namedParameters()),
    learningRate: model.optimizer!.learningRate,
    generator: model.trainingGenerator.getState(),
  };
}

/** Sets stopTraining at `step` (0-based) of `epoch`, as a Ctrl-C handler would between steps. */
const stopAt = (model: Model, epoch: number, step: number) => ({
  onStepEnd: (info: StepInfo) => void (info.epoch === epoch && info.step === step && (model.stopTraining = true)),
});

// Halving the base rate every 2 epochs: restoring the epoch must undo the schedule's change too.
const schedule = (): LearningRateSchedule => new LearningRateSchedule((epoch, rate) => (epoch % 2 === 0 ? rate / 2 : rate));
const options = { batchSize: 16, shuffle: true, reporter: null } as const;

describe('an epoch stopped mid-way is undone', () => {
  it('goes back to the state after the last whole epoch, logs and counts nothing of it', async () => {
    const twoEpochs = freshModel();
    await twoEpochs.train(x, y, { ...options, epochs: 2, callbacks: [schedule()] });

    const stopped = freshModel();
    const ended: number[] = [];
    const history = await stopped.train(x, y, {
      ...options,
      epochs: 4,
      callbacks: [schedule(), stopAt(stopped, 3, 4), { onEpochEnd: (log) => void ended.push(log.epoch) }],
    });
    expect(history.epochs.map((log) => log.epoch)).toEqual([1, 2]);
    expect(history.discardedEpoch).toEqual({ epoch: 3, stepsDone: 5, stepsPerEpoch: 10 });
    expect(ended).toEqual([1, 2]);
    expect(state(stopped)).toEqual(state(twoEpochs));
  });

  it('training on then gives, bit for bit, the run that was never stopped (Adam, decay, shuffling, dropout, a schedule)', async () => {
    const straight = freshModel();
    const straightHistory = await straight.train(x, y, { ...options, epochs: 4, callbacks: [schedule()] });

    const stopped = freshModel();
    const first = schedule();
    await stopped.train(x, y, { ...options, epochs: 4, callbacks: [first, stopAt(stopped, 3, 6)] });
    const history = await stopped.train(x, y, { ...options, epochs: 4 - stopped.epoch, callbacks: [first] });
    expect(history.epochs.map((log) => log.epoch)).toEqual([3, 4]);
    expect(history.discardedEpoch).toBeUndefined();
    const numbers = ({ seconds: _s, samplesPerSecond: _r, ...log }: (typeof history.epochs)[number]) => log;
    expect(history.epochs.map(numbers)).toEqual(straightHistory.epochs.slice(2).map(numbers));
    expect(state(stopped)).toEqual(state(straight));
  });

  it('a checkpoint saved after the stop holds the last whole epoch, and resumes exactly', async () => {
    const straight = freshModel();
    await straight.train(x, y, { ...options, epochs: 3 });

    const path = join(folder(), 'run.safetensors');
    const stopped = freshModel();
    await stopped.train(x, y, { ...options, epochs: 3, callbacks: [stopAt(stopped, 2, 3), new Checkpoint({ path, every: 5 })] });
    init(999); // a new process would start from another generator state
    const resumed = await Model.load(path);
    expect(resumed.epoch).toBe(1);
    await resumed.train(x, y, { ...options, epochs: 3 - resumed.epoch });
    expect(state(resumed)).toEqual(state(straight));
  });

  it('a stop at the last step of an epoch keeps that epoch (it is whole)', async () => {
    const model = freshModel();
    const history = await model.train(x, y, { ...options, epochs: 3, callbacks: [stopAt(model, 2, 9)] });
    expect(model.epoch).toBe(2);
    expect(history.epochs.map((log) => log.epoch)).toEqual([1, 2]);
    expect(history.discardedEpoch).toBeUndefined();
  });

  it('the snapshot restores parameters, optimizer state, learning rate and generator in place', async () => {
    const model = freshModel();
    await model.train(x, y, { ...options, epochs: 1 });
    const snapshot = new TrainingSnapshot(model);
    snapshot.capture({ parameters: true });
    const before = state(model);
    const weights = model.namedParameters()[0][1].value.data;
    await model.train(x, y, { ...options, epochs: 2 });
    model.optimizer!.learningRate = 1;
    expect(state(model)).not.toEqual(before);
    snapshot.restore();
    expect({ ...(state(model) as object), epoch: 1 }).toEqual(before);
    expect(model.namedParameters()[0][1].value.data).toBe(weights);

    // Without parameters: only the learning rate and the generator go back.
    snapshot.capture({ parameters: false });
    weights.fill(3);
    model.optimizer!.learningRate = 2;
    model.trainingGenerator.randn(5);
    snapshot.restore();
    expect(model.optimizer!.learningRate).toBe(0.02);
    expect(model.trainingGenerator.getState()).toEqual((before as { generator: unknown }).generator);
    expect(weights.every((w) => w === 3)).toBe(true);
  });

  it('full-batch epochs (one step each) stop only between epochs', async () => {
    const model = freshModel();
    const history = await model.train(x, y, { epochs: 5, reporter: null, callbacks: [stopAt(model, 3, 0)] });
    expect(model.epoch).toBe(3);
    expect(history.discardedEpoch).toBeUndefined();
  });
});

describe('a CNN epoch stopped mid-way is undone', () => {
  const images = cnnData(48);
  const cnnOptions = { ...options, batchSize: 8 } as const;

  it('training on (or resuming from the checkpoint saved at the stop) gives, bit for bit, the run never stopped', async () => {
    const straight = smallCnn();
    const straightHistory = await straight.train(images.x, images.y, { ...cnnOptions, epochs: 3 });

    const path = join(folder(), 'cnn.safetensors');
    const stopped = smallCnn();
    await stopped.train(images.x, images.y, { ...cnnOptions, epochs: 3, callbacks: [stopAt(stopped, 2, 3), new Checkpoint({ path, every: 5 })] });
    expect(stopped.epoch).toBe(1);
    init(999);
    const resumed = await Model.load(path);
    expect(state(resumed)).toEqual(state(stopped));
    const history = await resumed.train(images.x, images.y, { ...cnnOptions, epochs: 3 - resumed.epoch });
    const numbers = ({ seconds: _s, samplesPerSecond: _r, ...log }: (typeof history.epochs)[number]) => log;
    expect(history.epochs.map(numbers)).toEqual(straightHistory.epochs.slice(1).map(numbers));
    expect(state(resumed)).toEqual(state(straight));
  });
});
