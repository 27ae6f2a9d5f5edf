/**
 * Chapter 16 (seed 001, "Binary Logistic Regression"): Dense(2, 64) with L2
 * 5e-4 – ReLU – Dense(64, 1) – Sigmoid, binary cross-entropy, on 2-class
 * spiral data, Adam(decay 5e-7), then the out-of-sample test.
 *
 * The order is the book's: init, the training data, the layers, training, and
 * only then the test data. Binary targets are a column of 0/1 values, shape
 * [samples, 1], as the book's `y.reshape(-1, 1)`. Progress lines use the
 * book's loop numbering (book-progress.ts).
 *
 * Run: npx tsx examples/binary-logistic-regression.ts [epochs]
 */
import { pathToFileURL } from 'node:url';
import {
  init, spiralData, Tensor, Model, Dense, ReLU, Sigmoid, BinaryCrossentropy, Adam, BinaryAccuracy, type NumericArray,
} from '../src/node.js';
import { BookProgress, accuracyAndLoss, type BookEpoch } from './book-progress.js';

/** spiral_data(100, 2) with the labels as a [samples, 1] column. */
function binarySpiral(): [Tensor, Tensor] {
  const [X, labels] = spiralData(100, 2);
  return [X, new Tensor([labels.size, 1], Float32Array.from(labels.data))];
}

/** init(), the training data, then the model, in the book's order. */
export function build(): { X: Tensor; y: Tensor<NumericArray>; model: Model } {
  init();
  const [X, y] = binarySpiral();
  const model = new Model();
  model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dense(64, 1));
  model.add(new Sigmoid());
  model.set({ loss: new BinaryCrossentropy(), optimizer: new Adam({ decay: 5e-7 }), accuracy: new BinaryAccuracy() });
  model.finalize();
  return { X, y, model };
}

/** The book's loop `for epoch in range(epochs + 1)`, then the test on fresh data; `print` gets every line. */
export async function run(
  epochs = 10000,
  print: (line: string) => void = console.log,
): Promise<{ training: BookEpoch; validation: { accuracy: number; loss: number }; Xtest: Tensor }> {
  const { X, y, model } = build();
  const progress = new BookProgress(100, print);
  await model.train(X, y, { epochs: epochs + 1, reporter: progress });
  const [Xtest, ytest] = binarySpiral();
  const validation = model.evaluate(Xtest, ytest);
  print(`validation, acc: ${validation.accuracy.toFixed(3)}, loss: ${validation.loss.toFixed(3)}`);
  const training = progress.last!;
  print(`scratchnet, epoch ${training.epoch}: ${accuracyAndLoss(training)}; validation ${accuracyAndLoss(validation)}`);
  model.dispose();
  return { training, validation, Xtest };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 10000));
