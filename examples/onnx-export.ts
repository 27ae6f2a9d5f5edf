/**
 * Train a spiral classifier, export it to ONNX with its input scaling built
 * in, run the file in ONNX Runtime and print how closely it agrees with
 * scratchnet.
 *
 *   npx tsx examples/onnx-export.ts [out.onnx]
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  exportOnnx,
  init,
  Model,
  ReLU,
  Softmax,
  spiralData,
  Tensor,
} from '../src/index.js';

init(0);
const [X, y] = spiralData(100, 3);

const model = new Model();
model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
model.add(new ReLU());
model.add(new Dense(64, 3));
model.add(new Softmax());
model.set({
  loss: new CategoricalCrossentropy(),
  optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
  accuracy: new CategoricalAccuracy(),
});
model.finalize();
await model.train(X, y, { epochs: 2000, printEvery: 500 });

// Users of the exported file send raw measurements (say, centimetres around
// 150 ± 40) rather than the [-1, 1] coordinates the model was trained on: the
// scaling goes into the file as Sub/Div nodes.
const mean = [150, 150];
const std = [40, 40];
const raw = new Float32Array(X.data.length);
for (let i = 0; i < raw.length; i++) raw[i] = X.data[i] * std[i % 2] + mean[i % 2];

const path = process.argv[2] ?? join(await mkdtemp(join(tmpdir(), 'scratchnet-')), 'spiral.onnx');
await exportOnnx(model, path, { preprocessing: { kind: 'standard', mean, std } });

const session = await ort.InferenceSession.create(path);
const { output } = await session.run({ input: new ort.Tensor('float32', raw, X.shape) });
const onnx = output.data as Float32Array;
const ours = model.predict(new Tensor(X.shape, Float32Array.from(raw, (v, i) => (v - mean[i % 2]) / std[i % 2])));

let maxDiff = 0;
let sameClass = 0;
const rows = X.shape[0];
const argmax = (data: Float32Array, row: number): number => {
  let best = 0;
  for (let j = 1; j < 3; j++) if (data[row * 3 + j] > data[row * 3 + best]) best = j;
  return best;
};
for (let i = 0; i < onnx.length; i++) maxDiff = Math.max(maxDiff, Math.abs(onnx[i] - ours.data[i]));
for (let r = 0; r < rows; r++) if (argmax(onnx, r) === argmax(ours.data, r)) sameClass++;

console.log(`exported ${path}`);
console.log(`ONNX Runtime on ${rows} raw samples: max |onnx − scratchnet| = ${maxDiff.toExponential(2)}, same class for ${sameClass}/${rows}`);
