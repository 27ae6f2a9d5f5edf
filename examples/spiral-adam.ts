// The book's spiral classifier with the Model API: Dense(2, 64) – ReLU – Dense(64, 3) – Softmax,
// Adam(lr 0.05, decay 5e-7), 10 000 epochs, then validation on fresh spiral data.
// Run: npx tsx examples/spiral-adam.ts [epochs]
import { init, spiralData, Model, Dense, ReLU, Softmax, CategoricalCrossentropy, Adam, CategoricalAccuracy } from '../src/index.js';

init();
const epochs = Number(process.argv[2] ?? 10000);
const [X, y] = spiralData(100, 3);
const [Xtest, ytest] = spiralData(100, 3);

const model = new Model();
model.add(new Dense(2, 64));
model.add(new ReLU());
model.add(new Dense(64, 3));
model.add(new Softmax());
model.set({
  loss: new CategoricalCrossentropy(),
  optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
  accuracy: new CategoricalAccuracy(),
});
model.finalize();
console.log(model.summary());
await model.train(X, y, { epochs, printEvery: 100 });
const { loss, accuracy } = model.evaluate(Xtest, ytest);
console.log(`validation, acc: ${accuracy.toFixed(3)}, loss: ${loss.toFixed(3)}`);
