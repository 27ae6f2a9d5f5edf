// Seed 001, "Optimisation": the book's manual training loop on spiral data with
// SGD → SGD with decay and momentum → Adagrad → RMSprop → Adam.
// Run: npx tsx examples/spiral-optimizers.ts [epochs]
import {
  init, spiralData, Dense, ReLU, SoftmaxCategoricalCrossentropy, CategoricalAccuracy,
  SGD, Adagrad, RMSprop, Adam, type Optimizer,
} from '../src/node.js';

const epochs = Number(process.argv[2] ?? 10000);
const optimizers: [string, () => Optimizer][] = [
  ['SGD', () => new SGD()],
  ['SGD, decay 1e-3, momentum 0.9', () => new SGD({ decay: 1e-3, momentum: 0.9 })],
  ['Adagrad, decay 1e-4', () => new Adagrad({ decay: 1e-4 })],
  ['RMSprop, lr 0.02, decay 1e-5, rho 0.999', () => new RMSprop({ learningRate: 0.02, decay: 1e-5, rho: 0.999 })],
  ['Adam, lr 0.05, decay 5e-7', () => new Adam({ learningRate: 0.05, decay: 5e-7 })],
];

for (const [label, makeOptimizer] of optimizers) {
  init();
  const [X, y] = spiralData(100, 3);
  const dense1 = new Dense(2, 64);
  const activation1 = new ReLU();
  const dense2 = new Dense(64, 3);
  const lossActivation = new SoftmaxCategoricalCrossentropy();
  const optimizer = makeOptimizer();
  const accuracy = new CategoricalAccuracy();
  console.log(`--- ${label}`);
  for (let epoch = 0; epoch <= epochs; epoch++) {
    dense1.forward(X);
    activation1.forward(dense1.output);
    dense2.forward(activation1.output);
    const loss = lossActivation.forward(dense2.output, y);
    const acc = accuracy.calculate(lossActivation.activation.predictions(lossActivation.output), y);
    if (epoch % 1000 === 0) {
      console.log(`epoch: ${epoch}, acc: ${acc.toFixed(3)}, loss: ${loss.toFixed(3)}, lr: ${optimizer.currentLearningRate}`);
    }
    lossActivation.backward(lossActivation.output, y);
    dense2.backward(lossActivation.dInputs);
    activation1.backward(dense2.dInputs);
    dense1.backward(activation1.dInputs);
    optimizer.preUpdateParams();
    optimizer.updateParams(dense1);
    optimizer.updateParams(dense2);
    optimizer.postUpdateParams();
  }
  // Give this run's buffers back before the next optimizer's run builds new ones.
  for (const part of [dense1, activation1, dense2, lossActivation, optimizer]) part.dispose();
}
