/**
 * Chapters 14–15 (seed 001, "L1 & L2 Regularisation" and "Dropout"): Dense(2, 64)
 * with L2 5e-4 on weights and biases – ReLU – Dropout(0.1) – Dense(64, 3) –
 * Softmax on 1 000 spiral samples per class, Adam(lr 0.05, decay 5e-5), then
 * the out-of-sample test.
 *
 * The order is the book's: init, the training data, the layers, training (each
 * epoch draws a dropout mask from the same stream, as `np.random.binomial`
 * does), and only then the test data. Progress lines use the book's loop
 * numbering (book-progress.ts).
 *
 * Run: npx tsx examples/spiral-regularization.ts [epochs]
 */
import { pathToFileURL } from 'node:url';
import {
  init, spiralData, Model, Dense, Dropout, ReLU, Softmax, CategoricalCrossentropy, Adam, CategoricalAccuracy, type Tensor, type NumericArray,
} from '../src/node.js';
import { BookProgress, accuracyAndLoss, type BookEpoch } from './book-progress.js';

/** init(), the training data, then the model, in the book's order. */
export function build(): { X: Tensor; y: Tensor<NumericArray>; model: Model } {
  init();
  const [X, y] = spiralData(1000, 3);
  const model = new Model();
  model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.1));
  model.add(new Dense(64, 3));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
    accuracy: new CategoricalAccuracy(),
  });
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
  const [Xtest, ytest] = spiralData(100, 3);
  const validation = model.evaluate(Xtest, ytest);
  print(`validation, acc: ${validation.accuracy.toFixed(3)}, loss: ${validation.loss.toFixed(3)}`);
  const training = progress.last!;
  print(`scratchnet, epoch ${training.epoch}: ${accuracyAndLoss(training)}; validation ${accuracyAndLoss(validation)}`);
  model.dispose();
  return { training, validation, Xtest };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 10000));
