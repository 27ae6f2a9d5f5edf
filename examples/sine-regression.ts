// Seed 000, regression: 1-64-64-1 with ReLU, a linear output and mean squared error on sine data.
// The weights start at 0.1·randn (the book's chapter 17 fix after 0.01·randn gets stuck).
// Run: npx tsx examples/sine-regression.ts [epochs]
import { init, sineData, Model, Dense, ReLU, Linear, MeanSquaredError, Adam, RegressionAccuracy } from '../src/index.js';

init();
const epochs = Number(process.argv[2] ?? 10000);
const [X, y] = sineData();

const model = new Model();
model.add(new Dense(1, 64, { scale: 0.1 }));
model.add(new ReLU());
model.add(new Dense(64, 64, { scale: 0.1 }));
model.add(new ReLU());
model.add(new Dense(64, 1, { scale: 0.1 }));
model.add(new Linear());
model.set({
  loss: new MeanSquaredError(),
  optimizer: new Adam({ learningRate: 0.005, decay: 1e-3 }),
  accuracy: new RegressionAccuracy(), // precision = std(y) / 250
});
await model.train(X, y, { epochs, printEvery: 100 });

const [Xtest, ytest] = sineData();
const predicted = model.predict(Xtest);
for (const i of [0, 250, 500, 750, 999]) {
  console.log(`x = ${Xtest.data[i].toFixed(3)}  sin(2πx) = ${ytest.data[i].toFixed(4)}  predicted = ${predicted.data[i].toFixed(4)}`);
}
