import { describe, expect, it } from 'vitest';
import {
  init, spiralData, sineData, Tensor, Model, Dense, Dropout, ReLU, Softmax, Sigmoid, Linear,
  CategoricalCrossentropy, BinaryCrossentropy, MeanSquaredError, Adam, SGD,
  CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy, EarlyStopping, LearningRateSchedule,
  registerBackend, setBackend, getBackend, type EpochLog,
} from '../../src/index.js';
import { jsBackend } from '../../src/backend/js.js';

function spiralModel(options: { dropout?: number } = {}): Model {
  const model = new Model();
  model.add(new Dense(2, 64));
  model.add(new ReLU());
  if (options.dropout) model.add(new Dropout(options.dropout));
  model.add(new Dense(64, 3));
  model.add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }), accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

describe('Model reaches the book\'s results', () => {
  it('spiral 2-64-3, Adam(0.05, decay 5e-7), 10 000 epochs: training accuracy >= 0.93 (book: 0.983)', async () => {
    init(0);
    const [X, y] = spiralData(100, 3);
    const history = await spiralModel().train(X, y, { epochs: 10000, printEvery: 0 });
    const last = history.epochs[history.epochs.length - 1];
    expect(history.epochs).toHaveLength(10000);
    expect(last.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(last.loss).toBeLessThan(history.epochs[0].loss);
    expect(last.learningRate).toBeCloseTo(0.05 / (1 + 5e-7 * 9999), 12);
  }, 600_000);

  it('binary logistic regression 2-64-1 sigmoid with L2 5e-4: training accuracy >= 0.9 (book: 0.965)', async () => {
    init(0);
    const [X, labels] = spiralData(100, 2);
    const y = new Tensor([labels.size, 1], Float32Array.from(labels.data));
    const model = new Model();
    model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
    model.add(new ReLU());
    model.add(new Dense(64, 1));
    model.add(new Sigmoid());
    model.set({ loss: new BinaryCrossentropy(), optimizer: new Adam({ decay: 5e-7 }), accuracy: new BinaryAccuracy() });
    const history = await model.train(X, y, { epochs: 10000, printEvery: 0 });
    const last = history.epochs[history.epochs.length - 1];
    expect(last.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(last.regularizationLoss).toBeGreaterThan(0);
  }, 600_000);

  it('sine regression 1-64-64-1 at the 0.1·randn scale: precision accuracy >= 0.9 (book: 0.98)', async () => {
    init(0);
    const [X, y] = sineData();
    const model = new Model();
    model.add(new Dense(1, 64, { scale: 0.1 }));
    model.add(new ReLU());
    model.add(new Dense(64, 64, { scale: 0.1 }));
    model.add(new ReLU());
    model.add(new Dense(64, 1, { scale: 0.1 }));
    model.add(new Linear());
    model.set({ loss: new MeanSquaredError(), optimizer: new Adam({ learningRate: 0.005, decay: 1e-3 }), accuracy: new RegressionAccuracy() });
    // The book trains 10 000 epochs; accuracy passes 0.9 by epoch 1 000, which keeps this test shorter.
    const history = await model.train(X, y, { epochs: 1000, printEvery: 0 });
    expect(history.epochs[history.epochs.length - 1].accuracy).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});

describe('Model mechanics', () => {
  it('Softmax + CCE trains through the fused backward, equal to the Jacobian path', () => {
    init(0);
    const [X, y] = spiralData(20, 3);
    const model = spiralModel();
    const output = model.forward(X, true);
    model.backward(output, y);
    const fusedGrad = Float64Array.from(model.getParameters()[0][0].data.length ? (model.layers[0] as Dense).dWeights.data : []);
    // Jacobian path by hand: CCE backward, then Softmax backward, then the rest.
    const loss = new CategoricalCrossentropy();
    let d = loss.backward(output, y);
    for (let i = model.layers.length - 1; i >= 0; i--) d = model.layers[i].backward(d);
    const jacobianGrad = (model.layers[0] as Dense).dWeights.data;
    fusedGrad.forEach((g, i) => expect(Math.abs(g - jacobianGrad[i])).toBeLessThan(1e-6 * Math.max(1e-3, Math.abs(g))));
  });

  it('backward stops at the first trainable layer and skips its input gradient', () => {
    init(0);
    const [X, y] = spiralData(20, 3);
    const model = new Model();
    model.add(new Dropout(0.1));
    model.add(new Dense(2, 8));
    model.add(new ReLU());
    model.add(new Dense(8, 3));
    model.add(new Softmax());
    model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam() });
    model.backward(model.forward(X, true), y);
    // Nothing reads the input gradient of the first Dense or of the Dropout below it: both keep their empty initial dInputs.
    expect(model.layers[0].dInputs.shape).toEqual([0]);
    expect(model.layers[1].dInputs.shape).toEqual([0, 2]);
    expect(model.layers[3].dInputs.shape).toEqual([60, 8]);
    expect((model.layers[1] as Dense).dWeights.shape).toEqual([2, 8]);
  });

  it('prints the book\'s lines: per epoch for full batch, per step + summary for mini-batches', async () => {
    init(0);
    const [X, y] = spiralData(50, 3);
    const lines: string[] = [];
    const { ConsoleReporter } = await import('../../src/model/console-reporter.js');
    await spiralModel().train(X, y, { epochs: 4, printEvery: 2, reporter: new ConsoleReporter((l) => lines.push(l)) });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^epoch: 2, acc: \d\.\d{3}, loss: \d\.\d{3} \(data_loss: \d\.\d{3}, reg_loss: 0\.000\), lr: 0\.049999975\d*$/);
    lines.length = 0;
    const model = spiralModel();
    await model.train(X, y, { epochs: 1, batchSize: 64, printEvery: 2, validationData: [X, y], reporter: new ConsoleReporter((l) => lines.push(l)) });
    expect(lines[0]).toBe('epoch: 1');
    expect(lines.filter((l) => l.startsWith('step: '))).toHaveLength(2); // steps 0 and the last (2 of 3)
    expect(lines[lines.length - 2]).toMatch(/^training, acc: /);
    expect(lines[lines.length - 1]).toMatch(/^validation, acc: \d\.\d{3}, loss: \d\.\d{3}$/);
  });

  it('history logs every epoch with validation metrics; evaluate and predict agree', async () => {
    init(0);
    const [X, y] = spiralData(60, 3);
    const [Xv, yv] = spiralData(30, 3);
    const model = spiralModel();
    const history = await model.train(X, y, { epochs: 5, batchSize: 32, printEvery: 0, validationData: [Xv, yv] });
    expect(history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    const last = history.epochs[4];
    const evaluated = model.evaluate(Xv, yv);
    expect(last.validationLoss).toBeCloseTo(evaluated.loss, 6);
    expect(last.validationAccuracy).toBe(evaluated.accuracy);
    const whole = model.predict(Xv);
    const batched = model.predict(Xv, { batchSize: 7 });
    expect(whole.shape).toEqual([90, 3]);
    expect(Array.from(batched.data)).toEqual(Array.from(whole.data));
    expect(model.epoch).toBe(5);
  });

  it('continues from model.epoch and is deterministic for a seed (shuffling and dropout draw from the generator)', async () => {
    const runOnce = async (split: boolean): Promise<number[]> => {
      init(3);
      const [X, y] = spiralData(40, 3);
      const model = spiralModel({ dropout: 0.1 });
      if (split) {
        await model.train(X, y, { epochs: 2, batchSize: 16, printEvery: 0 });
        const more = await model.train(X, y, { epochs: 2, batchSize: 16, printEvery: 0 });
        // A second call trains that many more, as the book's train and Keras' fit do.
        expect(more.epochs.map((e) => e.epoch)).toEqual([3, 4]);
        expect(model.epoch).toBe(4);
      } else {
        await model.train(X, y, { epochs: 4, batchSize: 16, printEvery: 0 });
      }
      return Array.from(model.getParameters()[1][0].data);
    };
    expect(await runOnce(true)).toEqual(await runOnce(false));
  });

  it('allocates no buffers per step after the first epoch', async () => {
    let allocations = 0;
    registerBackend({ ...jsBackend, name: 'counting', allocate: (n: number) => (allocations++, new Float32Array(n)) });
    const previous = getBackend().name;
    setBackend('counting');
    try {
      init(0);
      const [X, y] = spiralData(50, 3);
      const model = spiralModel({ dropout: 0.1 });
      let afterFirst = -1;
      await model.train(X, y, {
        epochs: 6, batchSize: 32, printEvery: 0,
        callbacks: [{ onEpochEnd: (log: EpochLog) => { if (log.epoch === 1) afterFirst = allocations; } }],
      });
      expect(afterFirst).toBeGreaterThan(0);
      expect(allocations).toBe(afterFirst);
    } finally {
      setBackend(previous);
    }
  });

  it('EarlyStopping stops when validation loss stops improving; LearningRateSchedule sets the rate', async () => {
    init(0);
    const [X, y] = spiralData(30, 3);
    const model = new Model();
    model.add(new Dense(2, 8)).add(new ReLU()).add(new Dense(8, 3)).add(new Softmax());
    model.set({ loss: new CategoricalCrossentropy(), optimizer: new SGD({ learningRate: 1e-9 }), accuracy: new CategoricalAccuracy() });
    const stopper = new EarlyStopping({ patience: 2, minDelta: 1e-3 });
    const rates: number[] = [];
    const history = await model.train(X, y, {
      epochs: 50, printEvery: 0, validationData: [X, y],
      callbacks: [stopper, new LearningRateSchedule((epoch) => [0, 1e-9, 2e-9, 3e-9][epoch]), { onEpochEnd: (l: EpochLog) => void rates.push(l.learningRate) }],
    });
    expect(history.epochs).toHaveLength(3);
    expect(stopper.stoppedEpoch).toBe(3);
    expect(rates).toEqual([1e-9, 2e-9, 3e-9]);
  });

  it('stops with a message naming epoch and step when the loss becomes non-finite', async () => {
    init(0);
    const [X, y] = spiralData(30, 3);
    const model = new Model();
    model.add(new Dense(2, 8, { scale: 1 })).add(new ReLU()).add(new Dense(8, 1, { scale: 1 })).add(new Linear());
    model.set({ loss: new MeanSquaredError(), optimizer: new SGD({ learningRate: 1e6 }) });
    const yReg = new Tensor([90, 1], Float32Array.from(y.data));
    await expect(model.train(X, yReg, { epochs: 100, printEvery: 0 })).rejects.toThrow(
      /^Model\.train: (loss became (NaN|Infinity) at epoch \d+, step 0|layer \d Dense\(\d→\d\) (weights|biases) gradient has (NaN|-?Infinity) at epoch \d+, step 0|training diverged at epoch \d+)/,
    );
  });

  it('clipGradient keeps the global gradient norm at the limit', async () => {
    init(0);
    const [X, y] = spiralData(30, 3);
    const model = spiralModel();
    let norm = 0;
    await model.train(X, y, {
      epochs: 1, printEvery: 0, clipGradient: 1e-3,
      callbacks: [{ onStepEnd: () => { norm = Math.sqrt(model.namedParameters().reduce((s, [, p]) => s + getBackend().sumSquares(p.gradient.data), 0)); } }],
    });
    expect(norm).toBeCloseTo(1e-3, 8);
  });

  it('toSpec → fromSpec rebuilds the same architecture; setParameters copies weights; summary counts parameters', () => {
    init(0);
    const model = spiralModel({ dropout: 0.2 });
    const copy = Model.fromSpec(model.toSpec());
    expect(copy.toSpec()).toEqual(model.toSpec());
    copy.setParameters(model.getParameters());
    const [X] = spiralData(10, 3);
    expect(Array.from(copy.predict(X).data)).toEqual(Array.from(model.predict(X).data));
    expect(model.namedParameters().map(([name]) => name)).toEqual(['layers.0.weights', 'layers.0.biases', 'layers.3.weights', 'layers.3.biases']);
    expect(model.summary()).toContain('total parameters: 387');
  });

  it('rejects bad input with messages that name the argument and what was received', async () => {
    init(0);
    const [X, y] = spiralData(10, 3);
    const model = spiralModel();
    await expect(model.train(X, y, { epochs: 0 })).rejects.toThrow('Model.train: epochs must be an integer >= 1, received 0');
    await expect(model.train(X, y, { batchSize: 0 })).rejects.toThrow('Model.train: batchSize must be an integer >= 1, received 0');
    await expect(model.train(X, y, { epoch: 3 } as never)).rejects.toThrow('Model.train: unknown option "epoch"');
    await expect(model.train(X, y.sliceRows(0, 5))).rejects.toThrow('Model.train: x has 30 samples but y has 5');
    expect(() => model.predict(Tensor.zeros([4, 3]))).toThrow('Model.predict: expected x of shape [samples, 2], received [4, 3]');
    const broken = new Model().add(new Dense(2, 4)).add(new Dense(5, 3));
    expect(() => broken.finalize()).toThrow('Model: Dense(2→4) → Dense(5→3) (layers 0 → 1): Dense(2→4) gives [batch, 4], Dense expects 5 columns');
    expect(() => new Model().finalize()).toThrow('the model has no layers');
    await expect(new Model().add(new Dense(2, 3)).train(X, y)).rejects.toThrow('Model.train needs a loss');
  });
});

describe('callback arguments', () => {
  it('EarlyStopping names a bad monitor, patience, or missing validation data', async () => {
    expect(() => new EarlyStopping({ monitor: 'val_loss' as never })).toThrow('EarlyStopping: monitor must be loss, validationLoss, accuracy or validationAccuracy, received val_loss');
    expect(() => new EarlyStopping({ patience: 0 })).toThrow('EarlyStopping: patience must be an integer >= 1, received 0');
    init(0);
    const [X, y] = spiralData(10, 3);
    await expect(spiralModel().train(X, y, { epochs: 2, printEvery: 0, callbacks: [new EarlyStopping()] })).rejects.toThrow(
      'EarlyStopping: monitor "validationLoss" needs validationData in train()',
    );
  });
});
