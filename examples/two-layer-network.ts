// Seed 003: the two-layer network (3 inputs, 4 hidden ReLU neurons, 1 ReLU output) trained on random data with
// plain gradient descent on ½·mean squared error. Weights start at randn (scale 1), as in the notebook.
// Run: npx tsx examples/two-layer-network.ts
import { init, getDefaultGenerator, Tensor, Dense, ReLU, MeanSquaredError, SGD } from '../src/node.js';

init();
const random = getDefaultGenerator();
const x = new Tensor([100, 3], random.randn(300)); // 100 examples, 3 features
const y = new Tensor([100, 1], random.randn(100)); // 100 targets

const hidden = new Dense(3, 4, { scale: 1 });
const hiddenActivation = new ReLU();
const output = new Dense(4, 1, { scale: 1 });
const outputActivation = new ReLU();
const mse = new MeanSquaredError();
// The notebook's loss is ½·mean((ŷ − y)²) with gradient (ŷ − y)/n and learning rate 0.01; our MSE is
// mean((y − ŷ)²) with gradient 2(ŷ − y)/n, so the same steps need half the learning rate.
const optimizer = new SGD({ learningRate: 0.005 });

for (let epoch = 0; epoch < 1000; epoch++) {
  hidden.forward(x);
  hiddenActivation.forward(hidden.output);
  output.forward(hiddenActivation.output);
  outputActivation.forward(output.output);
  const loss = mse.calculate(outputActivation.output, y) / 2; // report the notebook's ½·MSE
  if (epoch % 100 === 0) console.log(`epoch ${epoch}, loss: ${loss}`);
  mse.backward(outputActivation.output, y);
  outputActivation.backward(mse.dInputs);
  output.backward(outputActivation.dInputs);
  hiddenActivation.backward(output.dInputs);
  hidden.backward(hiddenActivation.dInputs);
  optimizer.updateParams(hidden);
  optimizer.updateParams(output);
}
