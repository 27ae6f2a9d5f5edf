/**
 * The book's Fashion-MNIST model, exported to ONNX with its input scaling
 * built in (the file takes raw 0–255 pixels), run in ONNX Runtime on the
 * 10 000 test images, compared with scratchnet's own predictions.
 *
 *   npx tsx examples/onnx-export.ts [epochs = 3] [out.onnx]
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, exportOnnx, init, loadFashionMnist, Model, ReLU,
  shuffleRows, Softmax,
} from '../src/node.js';

init(0);
const epochs = Number(process.argv[2] ?? 3);
const { train, test } = await loadFashionMnist(); // pixels scaled to [-1, 1] = (p − 127.5) / 127.5
const { x, y } = shuffleRows(train.x, train.y);

const model = new Model();
model.add(new Dense(784, 128));
model.add(new ReLU());
model.add(new Dense(128, 128));
model.add(new ReLU());
model.add(new Dense(128, 10));
model.add(new Softmax());
model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ decay: 1e-3 }), accuracy: new CategoricalAccuracy() });
await model.train(x, y, { epochs, batchSize: 128, printEvery: 0 });

// Serving code sends raw pixels; the scaling goes into the file as Sub/Div nodes.
const scaling = { kind: 'standard' as const, mean: new Array(784).fill(127.5), std: new Array(784).fill(127.5) };
const path = process.argv[3] ?? join(await mkdtemp(join(tmpdir(), 'scratchnet-')), 'fashion-mnist.onnx');
await exportOnnx(model, path, { preprocessing: scaling });

const raw = Float32Array.from(test.x.data, (v) => v * 127.5 + 127.5);
const session = await ort.InferenceSession.create(path);
const { output } = await session.run({ input: new ort.Tensor('float32', raw, test.x.shape) });
const onnx = output.data as Float32Array;
const ours = model.predict(test.x);

const rows = test.x.shape[0];
const argmax = (data: ArrayLike<number>, row: number): number => {
  let best = 0;
  for (let j = 1; j < 10; j++) if (data[row * 10 + j] > data[row * 10 + best]) best = j;
  return best;
};
let maxDiff = 0;
let sameClass = 0;
let correct = 0;
for (let i = 0; i < onnx.length; i++) maxDiff = Math.max(maxDiff, Math.abs(onnx[i] - ours.data[i]));
for (let r = 0; r < rows; r++) {
  if (argmax(onnx, r) === argmax(ours.data, r)) sameClass++;
  if (argmax(onnx, r) === test.y.data[r]) correct++;
}
console.log(`exported ${path}`);
console.log(`ONNX Runtime on ${rows} raw test images: accuracy ${(correct / rows).toFixed(4)}, max |onnx − scratchnet| = ${maxDiff.toExponential(2)}, same class for ${sameClass}/${rows}`);
