import { describe, expect, it } from 'vitest';
import { CategoricalAccuracy, CategoricalCrossentropy, Dense, EarlyStopping, Model, ReLU, SGD, Softmax, init, spiralData } from '../../src/index.js';
import type { EpochLog } from '../../src/model/history.js';
import type { TrainBeginInfo } from '../../src/model/callback.js';

function spiralModel(): Model {
  const model = new Model();
  model.add(new Dense(2, 8)).add(new ReLU()).add(new Dense(8, 3)).add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new SGD({ learningRate: 1 }), accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

const weightsOf = (model: Model): number[][] => model.namedParameters().map(([, p]) => Array.from(p.value.data));

describe('EarlyStopping restoreBestWeights', () => {
  it('puts back the weights of the epoch with the best monitored value when training ends', async () => {
    init(0);
    const [X, y] = spiralData(30, 3);
    const model = spiralModel();
    // The validation loss the stopper sees: best at epoch 2, then worse.
    const losses = [1.0, 0.5, 0.7, 0.8, 0.9];
    const atEpoch: number[][][] = [];
    const stopper = new EarlyStopping({ monitor: 'loss', patience: 3, restoreBestWeights: true });
    const fake = {
      onEpochEnd: (log: EpochLog, m: Model): void => {
        log.loss = losses[log.epoch - 1];
        atEpoch.push(weightsOf(m));
      },
    };
    const history = await model.train(X, y, { epochs: 10, printEvery: 0, callbacks: [fake, stopper] });
    expect(history.epochs).toHaveLength(5);
    expect(stopper.stoppedEpoch).toBe(5);
    expect(stopper.bestEpoch).toBe(2);
    expect(stopper.best).toBe(0.5);
    expect(stopper.restored).toBe(true);
    expect(weightsOf(model)).toEqual(atEpoch[1]);
    expect(weightsOf(model)).not.toEqual(atEpoch[4]);
    // the epoch count is the last epoch's: a resumed run continues from there
    expect(model.epoch).toBe(5);
  });

  it('keeps the last weights when training ends without the stopper, or when restoreBestWeights is off (the default)', async () => {
    init(0);
    const [X, y] = spiralData(30, 3);
    for (const restoreBestWeights of [true, false]) {
      const model = spiralModel();
      // with restoring: the best epoch is 2, but the epochs run out before the patience does
      const losses = restoreBestWeights ? [1.0, 0.5, 0.7] : [1.0, 0.5, 0.7, 0.8];
      const stopper = new EarlyStopping({ monitor: 'loss', patience: 2, ...(restoreBestWeights ? { restoreBestWeights } : {}) });
      let last: number[][] = [];
      const fake = {
        onEpochEnd: (log: EpochLog, m: Model): void => {
          log.loss = losses[log.epoch - 1];
          last = weightsOf(m);
        },
      };
      await model.train(X, y, { epochs: losses.length, printEvery: 0, callbacks: [fake, stopper] });
      expect(stopper.restored).toBe(false);
      expect(weightsOf(model)).toEqual(last);
    }
  });

  it('names a restoreBestWeights that is not a boolean', () => {
    expect(() => new EarlyStopping({ restoreBestWeights: 'yes' as never })).toThrow('EarlyStopping: restoreBestWeights must be true or false, received yes');
    // onTrainBegin resets what a previous run kept
    const stopper = new EarlyStopping({ restoreBestWeights: true });
    stopper.onTrainBegin({ model: spiralModel() } as TrainBeginInfo);
    expect(stopper.bestEpoch).toBeNull();
  });
});
