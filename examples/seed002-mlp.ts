// Seed 002: the notebook's MLP finished — Linear layers with Xavier initialisation, ReLU, mean squared error and
// plain SGD steps (W −= lr·dW, the notebook's `step(lr)`), trained in mini-batches on California housing with
// standardized features and target and an 80/20 split (seed 42), then the training and validation loss plotted.
// Run: npx tsx examples/seed002-mlp.ts [epochs]   (writes out/seed002/loss.svg, loss.png and report.html)
import {
  init, loadCaliforniaHousing, trainTestSplit, StandardScaler, Model, Dense, ReLU, Linear, MeanSquaredError, SGD,
} from '../src/node.js';
import { writePlots } from '../src/viz/write-plots.js';

init(0);
const epochs = Number(process.argv[2] ?? 30);
const { x, y, featureNames } = await loadCaliforniaHousing();
const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.2, seed: 42 });
const scalerX = new StandardScaler().fit(xTrain);
const scalerY = new StandardScaler().fit(yTrain);

const mlp = new Model();
mlp.add(new Dense(featureNames.length, 64, { initializer: 'xavier' })); // the notebook's Linear(in_dim, out_dim)
mlp.add(new ReLU());
mlp.add(new Dense(64, 32, { initializer: 'xavier' }));
mlp.add(new ReLU());
mlp.add(new Dense(32, 1, { initializer: 'xavier' }));
mlp.add(new Linear());
mlp.set({ loss: new MeanSquaredError(), optimizer: new SGD({ learningRate: 0.01 }) });

const history = await mlp.train(scalerX.transform(xTrain), scalerY.transform(yTrain), {
  epochs, batchSize: 32, printEvery: 0, validationData: [scalerX.transform(xTest), scalerY.transform(yTest)],
});
for (const e of history.epochs) {
  console.log(`epoch ${String(e.epoch).padStart(3)}  train loss ${e.loss.toFixed(4)}  validation loss ${e.validationLoss!.toFixed(4)}`);
}
const written = await writePlots('out/seed002', {
  history: history.epochs,
  title: 'Seed 002: MLP on California housing (standardized MSE)',
  configuration: { layers: `${featureNames.length}-64-32-1 ReLU, Xavier`, optimizer: 'SGD lr 0.01', batchSize: 32, epochs },
  metrics: { trainLoss: history.epochs[epochs - 1].loss, validationLoss: history.epochs[epochs - 1].validationLoss ?? null },
});
console.log(`plots: ${written.charts.join(', ')}; report: ${written.report}`);
