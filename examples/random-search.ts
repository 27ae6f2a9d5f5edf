/**
 * Chapter 6 (seed 001, "Introducing Optimisation"): searching for weights by
 * random nudges, three ways.
 *
 * 1. Seed 001 as written: spiral data, every parameter nudged by 0.05·randn
 *    each iteration, and the `else` branch copies the *current* weights into
 *    the "best" ones instead of reverting. Nothing is ever undone, so the
 *    weights random-walk away and the search finds its last improvement at
 *    iteration 13 (the notebook: "Damn kinda bad...").
 * 2. The book's fix on the same spiral data: revert to the best weights when
 *    a nudge does not lower the loss. It keeps improving, but random search
 *    cannot fit spirals (the loss only gets to about 1.08).
 * 3. The book's fix on vertical data, where random search does work.
 *
 * Each run starts from init(), then draws its data and its layers, as the
 * notebook's `nnfs.init()` cell does. Losses print as numpy prints them: the
 * book's loss is a float32 mean, shown with float32's shortest digits.
 *
 * Run: npx tsx examples/random-search.ts
 */
import { pathToFileURL } from 'node:url';
import {
  init, spiralData, verticalData, getDefaultGenerator, getBackend, Dense, ReLU, Softmax, CategoricalCrossentropy, CategoricalAccuracy,
} from '../src/node.js';
import { formatFloat } from './python-format.js';

export interface Improvement {
  iteration: number;
  /** The loss as numpy holds it: float32. */
  loss: number;
  accuracy: number;
}

/** numpy's repr of a float32: the fewest digits that round back to the same float32. */
export function formatFloat32(x: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const shortest = Number(x.toPrecision(digits));
    if (Math.fround(shortest) === x) return formatFloat(shortest);
  }
  return formatFloat(Number(x.toPrecision(9)));
}

/** The notebook's line for a new best loss. */
export const improvementLine = ({ iteration, loss, accuracy }: Improvement): string =>
  `New set of weights found, iteration: ${iteration} loss: ${formatFloat32(loss)} acc: ${formatFloat(accuracy)}`;

/**
 * 10 000 iterations of random search on `data` (100 samples of 3 classes);
 * `revert` selects the book's fix. Returns every improvement, in order.
 */
export function randomSearch(data: 'spiral' | 'vertical', revert: boolean, iterations = 10000): Improvement[] {
  init();
  const [X, y] = data === 'spiral' ? spiralData(100, 3) : verticalData(100, 3);
  const dense1 = new Dense(2, 3);
  const activation1 = new ReLU();
  const dense2 = new Dense(3, 3);
  const activation2 = new Softmax();
  const lossFunction = new CategoricalCrossentropy();
  const accuracyOf = new CategoricalAccuracy();
  const random = getDefaultGenerator();
  const backend = getBackend();
  const parameters = [dense1.weights, dense1.biases, dense2.weights, dense2.biases];
  // numpy's `0.05 * randn` in float32: 0.05 becomes a float32 before the product.
  const step = Math.fround(0.05);

  const improvements: Improvement[] = [];
  let lowestLoss = 9999999;
  let best = parameters.map((p) => p.data.slice());
  for (let iteration = 0; iteration < iterations; iteration++) {
    for (const p of parameters) {
      const noise = random.randn(p.size);
      backend.scale(noise, step, noise);
      backend.add(p.data, noise, p.data);
    }
    dense1.forward(X);
    activation1.forward(dense1.output);
    dense2.forward(activation1.output);
    activation2.forward(dense2.output);
    const loss = Math.fround(lossFunction.calculate(activation2.output, y));
    const accuracy = accuracyOf.calculate(activation2.predictions(activation2.output), y);
    if (loss < lowestLoss) {
      improvements.push({ iteration, loss, accuracy });
      best = parameters.map((p) => p.data.slice());
      lowestLoss = loss;
    } else if (revert) {
      parameters.forEach((p, i) => p.data.set(best[i]));
    } else {
      // Seed 001's `else`: the current weights become the "best" ones; nothing is reverted.
      best = parameters.map((p) => p.data.slice());
    }
  }
  for (const part of [dense1, activation1, dense2, activation2]) part.dispose();
  return improvements;
}

function summary(improvements: Improvement[]): string {
  const last = improvements[improvements.length - 1];
  return `${improvements.length} improvements; the last: iteration ${last.iteration}, loss ${formatFloat32(last.loss)}, acc ${last.accuracy.toFixed(3)}`;
}

export function run(print: (line: string) => void = console.log): void {
  print('--- seed 001 as written: spiral data, no revert');
  for (const improvement of randomSearch('spiral', false)) print(improvementLine(improvement));
  print('--- the book\'s fix, revert to the best weights: spiral data');
  print(summary(randomSearch('spiral', true)));
  print('--- the book\'s fix: vertical data');
  print(summary(randomSearch('vertical', true)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run();
