// Seed 002's regression: California housing, features and target
// standardized, an 80/20 split with seed 42, an MLP trained with mean squared
// error. Prints R², RMSE and MAE in dollars and the loss curves, and plots the
// training and validation loss (out/california-housing/loss.svg, .png, report.html).
//
// One change from the seed: the scalers are fitted on the training part only
// (the seed fits them on all rows before splitting, which leaks test
// statistics into training).
//
//   npx tsx examples/california-housing.ts
import {
  loadCaliforniaHousing, trainTestSplit, StandardScaler, init, Model, Dense, ReLU, Linear, MeanSquaredError, Adam,
  RegressionAccuracy,
} from '../src/node.js';
import { writePlots } from '../src/viz/write-plots.js';

init(0);
const { x, y, featureNames, report } = await loadCaliforniaHousing();
console.log(report.summary);

const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.2, seed: 42 });
const scalerX = new StandardScaler().fit(xTrain);
const scalerY = new StandardScaler().fit(yTrain);
const [xTrainS, xTestS, yTrainS, yTestS] = [
  scalerX.transform(xTrain), scalerX.transform(xTest), scalerY.transform(yTrain), scalerY.transform(yTest),
];

const model = new Model();
model.add(new Dense(featureNames.length, 64, { initializer: 'he' }));
model.add(new ReLU());
model.add(new Dense(64, 64, { initializer: 'he' }));
model.add(new ReLU());
model.add(new Dense(64, 1, { initializer: 'xavier' }));
model.add(new Linear());
model.set({ loss: new MeanSquaredError(), optimizer: new Adam({ learningRate: 0.002, decay: 1e-4 }), accuracy: new RegressionAccuracy() });
model.finalize();

const epochs = 150;
const history = await model.train(xTrainS, yTrainS, {
  epochs, batchSize: 64, printEvery: 0, validationData: [xTestS, yTestS],
});
console.log('epoch  train MSE  validation MSE   (standardized units)');
for (const e of history.epochs) {
  if (e.epoch === 1 || e.epoch % 10 === 0) {
    console.log(`${String(e.epoch).padStart(5)}  ${e.loss.toFixed(4).padStart(9)}  ${e.validationLoss!.toFixed(4).padStart(14)}`);
  }
}

// Back to dollars before measuring.
const predicted = scalerY.inverseTransform(model.predict(xTestS));
const truth = yTest;
const n = truth.data.length;
let squared = 0;
let absolute = 0;
let mean = 0;
for (let i = 0; i < n; i++) mean += truth.data[i] / n;
let total = 0;
for (let i = 0; i < n; i++) {
  const error = predicted.data[i] - truth.data[i];
  squared += error * error;
  absolute += Math.abs(error);
  total += (truth.data[i] - mean) ** 2;
}
const seconds = history.epochs.reduce((s, e) => s + e.seconds, 0);
console.log(`test rows ${n}: R² ${(1 - squared / total).toFixed(4)}, RMSE $${Math.sqrt(squared / n).toFixed(0)}, MAE $${(absolute / n).toFixed(0)}`);
console.log(`training: ${epochs} epochs in ${seconds.toFixed(1)} s`);

const written = await writePlots('out/california-housing', {
  history: history.epochs,
  title: 'California housing: 13-64-64-1 MLP, MSE on standardized prices',
  configuration: { layers: `${featureNames.length}-64-64-1 ReLU`, optimizer: 'Adam lr 0.002 decay 1e-4', batchSize: 64, epochs },
  metrics: { r2: 1 - squared / total, rmseDollars: Math.sqrt(squared / n), maeDollars: absolute / n },
});
console.log(`plots: ${written.charts.join(', ')}; report: ${written.report}`);
