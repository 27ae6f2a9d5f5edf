/**
 * Chapters 10–11 with the Model API: Dense(2, 64) – ReLU – Dense(64, 3) – Softmax on
 * spiral data, Adam(lr 0.05, decay 5e-7), the book's 10 000 epochs, then the
 * out-of-sample test on fresh spiral data.
 *
 * The order is the book's: init, the training data, the layers (so their
 * initial weights are the book's next draws), training, and only then the
 * test data (chapter 11 draws it after the loop). The progress lines use the
 * book's loop numbering (see book-progress.ts): `epoch: 10000` is the forward
 * pass after 10 000 updates.
 *
 * Run: npx tsx examples/spiral-adam.ts [epochs]
 */
import { pathToFileURL } from 'node:url';
import {
  init, spiralData, Model, Dense, ReLU, Softmax, CategoricalCrossentropy, Adam, CategoricalAccuracy, type Tensor, type NumericArray,
} from '../src/node.js';
import { BookProgress, accuracyAndLoss, type BookEpoch } from './book-progress.js';

/** What the book prints: chapter 10 (Adam) at epoch 10 000, chapter 11's validation line. */
export const BOOK = {
  training: { epoch: 10000, accuracy: 0.967, loss: 0.074 },
  validation: { accuracy: 0.803, loss: 0.858 },
};

/** init(), the training data, then the model, in the book's order. */
export function build(): { X: Tensor; y: Tensor<NumericArray>; model: Model } {
  init();
  const [X, y] = spiralData(100, 3);
  const model = new Model();
  model.add(new Dense(2, 64));
  model.add(new ReLU());
  model.add(new Dense(64, 3));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();
  return { X, y, model };
}

export interface SpiralAdamResult {
  training: BookEpoch;
  validation: { accuracy: number; loss: number };
  Xtest: Tensor;
}

/** The book's loop `for epoch in range(epochs + 1)`, then the chapter 11 test; `print` gets every line. */
export async function run(epochs = 10000, print: (line: string) => void = console.log): Promise<SpiralAdamResult> {
  const { X, y, model } = build();
  print(model.summary());
  const progress = new BookProgress(100, print);
  await model.train(X, y, { epochs: epochs + 1, reporter: progress });

  // Chapter 11: the test set is drawn after training, from where the stream stands now.
  const [Xtest, ytest] = spiralData(100, 3);
  const validation = model.evaluate(Xtest, ytest);
  print(`validation, acc: ${validation.accuracy.toFixed(3)}, loss: ${validation.loss.toFixed(3)}`);

  const training = progress.last!;
  print('');
  print(`scratchnet, epoch ${training.epoch}: ${accuracyAndLoss(training)}; validation ${accuracyAndLoss(validation)}`);
  print(`the book,   epoch ${BOOK.training.epoch}: ${accuracyAndLoss(BOOK.training)}; validation ${accuracyAndLoss(BOOK.validation)}`);
  print(
    'Runs this long part ways in the last float32 bits (the book\'s own code under numpy ends at acc 0.967, loss 0.074, ' +
      'validation acc 0.797, loss 0.921): compare the trend, not the digits.',
  );
  model.dispose();
  return { training, validation, Xtest };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 10000));
