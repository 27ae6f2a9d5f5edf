// The book's Fashion-MNIST chapter: 784-128-128-10, ReLU, Softmax,
// categorical cross-entropy, Adam(decay 1e-3), 10 epochs in batches of 128.
// The book reports 0.894 training and 0.874 validation accuracy.
//
//   npx tsx examples/fashion-mnist.ts            (first run builds the data cache)
import {
  loadFashionMnist, shuffleRows, takeRows, init, Model, Dense, ReLU, Softmax, CategoricalCrossentropy, Adam, CategoricalAccuracy,
} from '../src/node.js';

init(0);
const started = performance.now();
const { train, test, classNames } = await loadFashionMnist();
console.log(`loaded Fashion-MNIST in ${((performance.now() - started) / 1000).toFixed(2)} s: train ${train.x.shape}, test ${test.x.shape}`);

// The book shuffles once after loading (the rows come ordered by class).
const { x, y } = shuffleRows(train.x, train.y);

const model = new Model();
model.add(new Dense(784, 128));
model.add(new ReLU());
model.add(new Dense(128, 128));
model.add(new ReLU());
model.add(new Dense(128, 10));
model.add(new Softmax());
model.set({
  loss: new CategoricalCrossentropy(),
  optimizer: new Adam({ decay: 1e-3 }),
  accuracy: new CategoricalAccuracy(),
});
model.finalize();

const history = await model.train(x, y, { epochs: 10, batchSize: 128, printEvery: 100, validationData: [test.x, test.y] });
for (const e of history.epochs) {
  console.log(
    `epoch ${e.epoch}: ${e.seconds.toFixed(2)} s, acc ${e.accuracy.toFixed(3)}, loss ${e.loss.toFixed(3)}, ` +
      `validation acc ${e.validationAccuracy?.toFixed(3)}, loss ${e.validationLoss?.toFixed(3)}`,
  );
}
const mean = history.epochs.reduce((s, e) => s + e.seconds, 0) / history.epochs.length;
const { loss, accuracy } = model.evaluate(test.x, test.y);
console.log(`mean time per epoch: ${mean.toFixed(2)} s`);
console.log(`test: accuracy ${accuracy.toFixed(4)}, loss ${loss.toFixed(4)} (the book: 0.874)`);

// A few test images from different classes (the test rows are ordered by class).
const rows = [0, 2500, 5000, 7500, 9999];
const probabilities = model.predict(takeRows(test.x, rows));
const predicted = rows.map((_, i) => {
  const row = probabilities.data.subarray(i * 10, i * 10 + 10);
  return classNames[row.indexOf(Math.max(...row))];
});
console.log(`predicted: ${predicted.join(', ')}`);
console.log(`true:      ${rows.map((r) => classNames[test.y.data[r]]).join(', ')}`);
if (accuracy < 0.87) process.exitCode = 1;
