import { describe, expect, it } from 'vitest';
import {
  CategoricalAccuracy, CategoricalCrossentropy, DataError, Dense, Linear, MeanSquaredError, Model, ReLU, SGD, Softmax, Tensor,
  init, spiralData,
} from '../../src/index.js';

function classifier(): Model {
  const model = new Model();
  model.add(new Dense(2, 8)).add(new ReLU()).add(new Dense(8, 3)).add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new SGD(), accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

function regressor(): Model {
  const model = new Model();
  model.add(new Dense(2, 1)).add(new Linear());
  model.set({ loss: new MeanSquaredError(), optimizer: new SGD() });
  return model.finalize();
}

/** A copy of `x` with `value` at row `row`, column `column`. */
function withValue(x: Tensor, row: number, column: number, value: number): Tensor {
  const copy = x.clone();
  copy.data[row * x.columns + column] = value;
  return copy;
}

describe('NaN or ±Infinity in the data is reported where it is, before any step', () => {
  init(0);
  const [x, y] = spiralData(10, 3);

  it('Model.train names x, the value, the row and the column', async () => {
    const model = classifier();
    const bad = withValue(x, 17, 1, Number.NaN);
    const training = model.train(bad, y, { reporter: null });
    await expect(training).rejects.toThrow(DataError);
    await expect(model.train(bad, y, { reporter: null })).rejects.toThrow(
      'Model.train: x has NaN at row 17, column 1; the data must be finite (fill or drop missing values first)',
    );
    // Nothing was trained.
    expect(model.epoch).toBe(0);
  });

  it('Model.train names y of a regression, and the validation data', async () => {
    const model = regressor();
    const targets = new Tensor([x.rows, 1], new Float32Array(x.rows));
    targets.data[4] = Infinity;
    await expect(model.train(x, targets, { reporter: null })).rejects.toThrow('Model.train: y has Infinity at row 4, column 0');
    const good = new Tensor([x.rows, 1], new Float32Array(x.rows));
    await expect(
      model.train(x, good, { reporter: null, validationData: [withValue(x, 2, 0, -Infinity), good] }),
    ).rejects.toThrow('Model.train (validationData): x has -Infinity at row 2, column 0');
    await expect(
      model.train(x, good, { reporter: null, validationData: [x, targets] }),
    ).rejects.toThrow('Model.train (validationData): y has Infinity at row 4, column 0');
  });

  it('Model.evaluate and Model.predict name x', () => {
    const model = classifier();
    expect(() => model.evaluate(withValue(x, 29, 0, Number.NaN), y)).toThrow('Model.evaluate: x has NaN at row 29, column 0');
    expect(() => model.predict(withValue(x, 3, 1, Infinity))).toThrow('Model.predict: x has Infinity at row 3, column 1');
    expect(model.predict(x).shape).toEqual([30, 3]);
  });
});
