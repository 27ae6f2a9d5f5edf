import { describe, expect, it } from 'vitest';
import { Dense, ReLU, Softmax, CategoricalCrossentropy, SGD, CategoricalAccuracy, Model, Tensor, init, spiralData, classWeights } from '../../src/index.js';

function model(learningRate: number): Model {
  init(0);
  const m = new Model();
  m.add(new Dense(2, 16)).add(new ReLU()).add(new Dense(16, 3)).add(new Softmax());
  m.set({ loss: new CategoricalCrossentropy(), optimizer: new SGD({ learningRate }), accuracy: new CategoricalAccuracy() });
  return m.finalize();
}

const weightsOf = (m: Model) => m.getParameters().flatMap(([w, b]) => [...w.data, ...b.data]);

describe('Model.train classWeights (Keras class_weight)', () => {
  it('weighs each sample\'s loss and gradient by its class weight: all 2 doubles the loss and equals twice the learning rate', async () => {
    init(1);
    const [x, y] = spiralData(20, 3);
    const plain = model(0.5);
    const base = await plain.train(x, y, { epochs: 1, reporter: null });
    const weighted = model(0.5);
    const doubled = await weighted.train(x, y, { epochs: 1, reporter: null, classWeights: [2, 2, 2] });
    expect(doubled.epochs[0].dataLoss).toBeCloseTo(2 * base.epochs[0].dataLoss, 12);
    const fast = model(1);
    await fast.train(x, y, { epochs: 1, reporter: null });
    expect(weightsOf(weighted)).toEqual(weightsOf(fast));
    const ones = model(0.5);
    await ones.train(x, y, { epochs: 1, reporter: null, classWeights: [1, 1, 1] });
    expect(weightsOf(ones)).toEqual(weightsOf(plain));
  });

  it("'balanced' is scikit-learn's n / (k · count), in mini-batches too", async () => {
    init(2);
    const [x, y] = spiralData(30, 3);
    const keep = Int32Array.from({ length: 90 }, (_, i) => i).filter((i) => y.data[i] !== 2 || i % 3 === 0);
    const xs = new Tensor([keep.length, 2], Float32Array.from([...keep].flatMap((i) => [x.data[2 * i], x.data[2 * i + 1]])));
    const ys = new Tensor([keep.length], Int32Array.from(keep, (i) => y.data[i]));
    const balanced = model(0.1);
    await balanced.train(xs, ys, { epochs: 3, batchSize: 16, reporter: null, classWeights: 'balanced' });
    const explicit = model(0.1);
    await explicit.train(xs, ys, { epochs: 3, batchSize: 16, reporter: null, classWeights: classWeights(ys) });
    expect(weightsOf(balanced)).toEqual(weightsOf(explicit));
    const unweighted = model(0.1);
    await unweighted.train(xs, ys, { epochs: 3, batchSize: 16, reporter: null });
    expect(weightsOf(unweighted)).not.toEqual(weightsOf(balanced));
  });

  it('names what is wrong with the weights', async () => {
    init(3);
    const [x, y] = spiralData(5, 3);
    await expect(model(0.1).train(x, y, { reporter: null, classWeights: [1, 1] })).rejects.toThrow(
      'Model.train (classWeights): row 10 has class 2, but classWeights gives 2 weights',
    );
    await expect(model(0.1).train(x, y, { reporter: null, classWeights: [1, -1, 1] })).rejects.toThrow(
      'Model.train (classWeights): classWeights[1] must be a finite number >= 0, received -1',
    );
  });
});
