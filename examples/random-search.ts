// Seed 001, "Introducing Optimisation": random search for weights on vertical data (it does not work well — that is the point).
// Run: npx tsx examples/random-search.ts
import { init, verticalData, getDefaultGenerator, Dense, ReLU, Softmax, CategoricalCrossentropy, CategoricalAccuracy, getBackend } from '../src/index.js';

init();
const [X, y] = verticalData(100, 3);
const dense1 = new Dense(2, 3);
const activation1 = new ReLU();
const dense2 = new Dense(3, 3);
const activation2 = new Softmax();
const lossFunction = new CategoricalCrossentropy();
const accuracy = new CategoricalAccuracy();
const random = getDefaultGenerator();
const backend = getBackend();

let lowestLoss = 9999999;
let best = [dense1, dense2].map((d) => [d.weights.data.slice(), d.biases.data.slice()]);
for (let iteration = 0; iteration < 10000; iteration++) {
  // Nudge every parameter by 0.05 · randn.
  for (const layer of [dense1, dense2]) {
    for (const p of [layer.weights, layer.biases]) {
      const noise = random.randn(p.size);
      backend.scale(noise, 0.05, noise);
      backend.add(p.data, noise, p.data);
    }
  }
  dense1.forward(X);
  activation1.forward(dense1.output);
  dense2.forward(activation1.output);
  activation2.forward(dense2.output);
  const loss = lossFunction.calculate(activation2.output, y);
  const acc = accuracy.calculate(activation2.predictions(activation2.output), y);
  if (loss < lowestLoss) {
    console.log('New set of weights found, iteration:', iteration, 'loss:', loss, 'acc:', acc);
    best = [dense1, dense2].map((d) => [d.weights.data.slice(), d.biases.data.slice()]);
    lowestLoss = loss;
  } else {
    // Revert to the best weights so far.
    [dense1, dense2].forEach((d, i) => {
      d.weights.data.set(best[i][0]);
      d.biases.data.set(best[i][1]);
    });
  }
}
