import { describe, expect, it } from 'vitest';
import {
  ArgumentError, BinaryCrossentropy, CategoricalAccuracy, CategoricalCrossentropy, Conv2D, Dense, Dropout, Flatten,
  Linear, MaxPool2D, MeanSquaredError, Model, ReLU, Sigmoid, Softmax, SoftmaxCategoricalCrossentropy, Tensor, SGD,
} from '../../src/index.js';
import { checkTensor } from '../../src/tensor/tensor.js';

/** What a caller would pass by mistake, typed as a Tensor the way untyped JavaScript gets it past the compiler. */
const nested = [[1, 2]] as unknown as Tensor;

function spiralModel(): Model {
  const model = new Model();
  model.add(new Dense(2, 4)).add(new ReLU()).add(new Dense(4, 3)).add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new SGD(), accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

describe('checkTensor', () => {
  it('says what was received and how to make a Tensor of it', () => {
    const cases: [unknown, string][] = [
      [[[1, 2]], 'an Array; wrap it with Tensor.from'],
      [new Float32Array(4), 'a Float32Array; wrap it with new Tensor(shape, data)'],
      [undefined, 'undefined'],
      [null, 'null'],
      [3, 'a number (3)'],
      [new Map(), 'an object (Map)'],
    ];
    for (const [value, received] of cases) {
      expect(() => checkTensor('Thing.run', 'x', value)).toThrow(new ArgumentError(`Thing.run: expected a Tensor as x, received ${received}`));
    }
    expect(() => checkTensor('Thing.run', 'x', Tensor.zeros([1]))).not.toThrow();
  });
});

describe('every layer, activation, loss, metric and model method refuses a non-Tensor with one line', () => {
  it('layer forwards name the layer and the argument', () => {
    expect(() => new Dense(2, 4).forward(nested)).toThrow(
      'Dense(2→4).forward: expected a Tensor as inputs, received an Array; wrap it with Tensor.from',
    );
    expect(() => new Conv2D(1, 2, 3).forward(nested)).toThrow('Conv2D(1→2, 3×3).forward: expected a Tensor as inputs');
    expect(() => new MaxPool2D(2).forward(nested)).toThrow('MaxPool2D(2×2).forward: expected a Tensor as inputs');
    expect(() => new Dropout(0.1).forward(nested)).toThrow('Dropout.forward: expected a Tensor as inputs');
    expect(() => new Flatten().forward(nested)).toThrow('Flatten.forward: expected a Tensor as inputs');
    expect(() => new ReLU().forward(nested)).toThrow('ReLU.forward: expected a Tensor as inputs, received an Array');
    expect(() => new Softmax().forward(nested)).toThrow('Softmax.forward: expected a Tensor as inputs');
    // Activations also turn outputs into predictions.
    expect(() => new Softmax().predictions(nested)).toThrow('Softmax.predictions: expected a Tensor as outputs, received an Array');
    expect(() => new Sigmoid().predictions(nested)).toThrow('Sigmoid.predictions: expected a Tensor as outputs');
    expect(() => new Linear().predictions(nested)).toThrow('Linear.predictions: expected a Tensor as outputs');
  });

  it('backwards name dValues', () => {
    const dense = new Dense(2, 4);
    dense.forward(Tensor.from([[1, 2]]));
    expect(() => dense.backward(nested)).toThrow('Dense(2→4).backward: expected a Tensor as dValues, received an Array');
    const flatten = new Flatten();
    flatten.forward(Tensor.from([[1, 2]]));
    expect(() => flatten.backward(nested)).toThrow('Flatten.backward: expected a Tensor as dValues');
    const relu = new ReLU();
    relu.forward(Tensor.from([[1, 2]]));
    expect(() => relu.backward(nested)).toThrow('ReLU.backward: expected a Tensor as dValues');
  });

  it('losses and metrics name predictions and targets', () => {
    const probabilities = Tensor.from([[0.7, 0.3]]);
    expect(() => new CategoricalCrossentropy().calculate(probabilities, [0] as unknown as Tensor)).toThrow(
      'CategoricalCrossentropy: expected a Tensor as targets, received an Array; wrap it with Tensor.from',
    );
    expect(() => new MeanSquaredError().forward(nested, probabilities)).toThrow('MeanSquaredError: expected a Tensor as predictions');
    expect(() => new BinaryCrossentropy().backward(probabilities, nested)).toThrow('BinaryCrossentropy: expected a Tensor as targets');
    expect(() => new SoftmaxCategoricalCrossentropy().forward(nested, Tensor.from([0]))).toThrow(
      'SoftmaxCategoricalCrossentropy.forward: expected a Tensor as inputs',
    );
    expect(() => new CategoricalAccuracy().calculate(Tensor.from([0]), nested)).toThrow(
      'CategoricalAccuracy.calculate: expected a Tensor as y, received an Array',
    );
  });

  it('Model.train, evaluate, predict and forward name x and y', async () => {
    const model = spiralModel();
    const x = Tensor.from([[1, 2]]);
    const y = Tensor.from([0]);
    await expect(model.train(nested, y, { reporter: null })).rejects.toThrow(
      'Model.train: expected a Tensor as x, received an Array; wrap it with Tensor.from',
    );
    await expect(model.train(x, new Float32Array([0]) as unknown as Tensor, { reporter: null })).rejects.toThrow(
      'Model.train: expected a Tensor as y, received a Float32Array; wrap it with new Tensor(shape, data)',
    );
    await expect(model.train(x, y, { reporter: null, validationData: [nested, y] })).rejects.toThrow(
      'Model.train (validationData): expected a Tensor as x',
    );
    expect(() => model.evaluate(x, nested)).toThrow('Model.evaluate: expected a Tensor as y');
    expect(() => model.predict(nested)).toThrow('Model.predict: expected a Tensor as x');
    expect(() => model.forward(nested)).toThrow('Model.forward: expected a Tensor as x');
  });
});
