// Seed 001, "L1 & L2 Regularisation" and "Dropout": 2-64-3 on spiral data with L2 5e-4 and 10% dropout,
// validated on held-out spiral data (the book's chapter 14–15 setup, with 1000 samples per class).
// Run: npx tsx examples/spiral-regularization.ts [epochs]
import { init, spiralData, Model, Dense, Dropout, ReLU, Softmax, CategoricalCrossentropy, Adam, CategoricalAccuracy } from '../src/index.js';

init();
const epochs = Number(process.argv[2] ?? 10000);
const [X, y] = spiralData(1000, 3);
const [Xtest, ytest] = spiralData(100, 3);

const model = new Model();
model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
model.add(new ReLU());
model.add(new Dropout(0.1));
model.add(new Dense(64, 3));
model.add(new Softmax());
model.set({
  loss: new CategoricalCrossentropy(),
  optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
  accuracy: new CategoricalAccuracy(),
});
await model.train(X, y, { epochs, printEvery: 100, validationData: [Xtest, ytest] });
