// The spiral run the browser page and the Node check both make, from the package's public entry.
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Model,
  ReLU,
  Softmax,
  deserializeModel,
  init,
  serializeModel,
  spiralData,
} from 'scratchnet';

/** Trains the book's spiral model, evaluates it, and round-trips it through bytes. */
export async function trainSpiral() {
  init(0);
  const [x, y] = spiralData(100, 3);
  const model = new Model();
  model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dense(64, 3));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();
  await model.train(x, y, { epochs: 300 });
  const evaluated = model.evaluate(x, y);

  const bytes = serializeModel(model);
  const loaded = deserializeModel(bytes);
  const before = model.predict(x).data;
  const after = loaded.predict(x).data;
  let identical = before.length === after.length;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) identical = false;
  return { model, loss: evaluated.loss, accuracy: evaluated.accuracy, modelBytes: bytes.length, identical, epoch: loaded.epoch };
}
