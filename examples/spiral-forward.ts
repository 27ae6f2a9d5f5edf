// Seed 001: Dense, ReLU, Softmax, cross-entropy loss and accuracy on spiral data — the numbers the notebook prints.
// The notebook calls nnfs.init() once and then runs its cells in order, each drawing random numbers where the
// previous one stopped; this replays those cells (In [27], [31], [34], [45]) to print the same arrays.
// Run: npx tsx examples/spiral-forward.ts
import { init, spiralData, Dense, ReLU, Softmax, CategoricalCrossentropy, CategoricalAccuracy, Tensor } from '../src/node.js';

const show = (t: Tensor): string => (t.sliceRows(0, 5).toArray() as number[][]).map((r) => r.map((v) => v.toExponential(8)).join(' ')).join('\n');

init(); // like nnfs.init(): np.random.seed(0)
spiralData(100, 3); // In [27]: the scatter-plot cell

// In [31]: a dense layer's output
let [X, y] = spiralData(100, 3);
const denseIn31 = new Dense(2, 3);
denseIn31.forward(X);
console.log(`dense1.output[:5]\n${show(denseIn31.output)}`);

// In [34]: after ReLU
[X, y] = spiralData(100, 3);
const denseIn34 = new Dense(2, 3);
const reluIn34 = new ReLU();
denseIn34.forward(X);
reluIn34.forward(denseIn34.output);
console.log(`activation1.output[:5]\n${show(reluIn34.output)}`);

// In [45]: two layers and softmax
[X, y] = spiralData(100, 3);
const dense1 = new Dense(2, 3);
const activation1 = new ReLU();
const dense2 = new Dense(3, 3);
const activation2 = new Softmax();
dense1.forward(X);
activation1.forward(dense1.output);
dense2.forward(activation1.output);
activation2.forward(dense2.output);
console.log(`activation2.output[:5]\n${(activation2.output.sliceRows(0, 5).toArray() as number[][]).map((r) => r.map((v) => v.toFixed(8)).join(' ')).join('\n')}`);
console.log('loss:', new CategoricalCrossentropy().calculate(activation2.output, y));

// The book's small worked examples of loss and accuracy.
const classTargets = new Tensor([3], Uint8Array.from([0, 1, 1]));
// float64, as numpy's np.array of Python floats
const lossExample = new Tensor([3, 3], Float64Array.from([0.7, 0.1, 0.2, 0.1, 0.5, 0.4, 0.02, 0.9, 0.08]));
console.log('cross-entropy:', new CategoricalCrossentropy().calculate(lossExample, classTargets)); // 0.38506088005216804
const softmaxOutputs = Tensor.from([[0.7, 0.2, 0.1], [0.5, 0.1, 0.4], [0.02, 0.9, 0.08]]);
console.log('acc:', new CategoricalAccuracy().calculate(activation2.predictions(softmaxOutputs), classTargets)); // 0.6666666666666666
