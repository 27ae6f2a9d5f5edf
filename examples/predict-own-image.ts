/**
 * Chapter 22, "Prediction / Inference": the reader's own photos. Two are
 * shipped in data/samples/ (made from Fashion-MNIST test images by
 * scripts/make-sample-images.ts: a dark garment on a light background,
 * 300×300, soft edges, a little noise, as a phone photo would be).
 *
 * A photo is not a training image until it goes through the book's steps,
 * which `loadImageForPrediction` takes:
 * 1. resize to 28×28 and read it as gray (`cv2.resize`, `cv2.IMREAD_GRAYSCALE`);
 * 2. invert, 255 − p: Fashion-MNIST shows light garments on black, the photo
 *    a dark garment on white (without this step the model sees a negative);
 * 3. scale like the training data, (p − 127.5) / 127.5, one row of 784.
 *
 * The model is the book's 784-128-128-10 (ReLU, Softmax, Adam with decay
 * 1e-3, batches of 128), trained here for a few epochs; the example prints
 * each photo at 28×28 before and after the inversion, then the prediction.
 *
 * Run: npx tsx examples/predict-own-image.ts [epochs]
 */
import { pathToFileURL } from 'node:url';
import {
  init, loadFashionMnist, loadImageForPrediction, shuffleRows, Model, Dense, ReLU, Softmax,
  CategoricalCrossentropy, Adam, CategoricalAccuracy, type Tensor,
} from '../src/node.js';

export const SAMPLES = [
  { file: 'data/samples/tshirt.jpg', label: 'T-shirt/top' },
  { file: 'data/samples/trouser.jpg', label: 'Trouser' },
] as const;

/** Dark to light, for values in [-1, 1]. */
const SHADES = ' .:-=+*#%@';

/** A [1, 784] image in [-1, 1] as 28 lines of text, two characters per pixel. */
export function asText(image: Tensor): string[] {
  return Array.from({ length: 28 }, (_, r) =>
    Array.from(image.data.subarray(r * 28, r * 28 + 28), (v) => {
      const shade = SHADES[Math.min(SHADES.length - 1, Math.floor(((v + 1) / 2) * SHADES.length))];
      return shade + shade;
    }).join(''),
  );
}

export interface Prediction {
  file: string;
  predicted: string;
  confidence: number;
  /** Mean of the 28×28 image's border before and after the inversion, in [-1, 1]. */
  borderBefore: number;
  borderAfter: number;
}

function borderMean(image: Tensor): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < 784; i++) {
    const [r, c] = [Math.floor(i / 28), i % 28];
    if (r === 0 || c === 0 || r === 27 || c === 27) {
      sum += image.data[i];
      count++;
    }
  }
  return sum / count;
}

/** Trains the book's model for `epochs`, then predicts every sample photo; `print` gets every line. */
export async function run(epochs = 3, print: (line: string) => void = console.log): Promise<{ testAccuracy: number; predictions: Prediction[] }> {
  init(0);
  const { train, test, classNames } = await loadFashionMnist();
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
  const testAccuracy = model.evaluate(test.x, test.y).accuracy;
  print(`trained ${epochs} epochs: test accuracy ${testAccuracy.toFixed(3)}`);

  const predictions: Prediction[] = [];
  for (const { file } of SAMPLES) {
    // Steps 1 and 3 only, to show what the photo looks like to the model without step 2.
    const asPhoto = await loadImageForPrediction(file, { invert: false });
    // All three steps: the border is light, so 'auto' inverts.
    const image = await loadImageForPrediction(file);
    print('');
    print(`${`${file}, resized to 28×28:`.padEnd(58)}inverted, as the training images:`);
    const [before, after] = [asText(asPhoto), asText(image)];
    before.forEach((line, r) => print(`${line}  ${after[r]}`));
    const probabilities = model.predict(image).data;
    const best = probabilities.indexOf(Math.max(...probabilities));
    const prediction = {
      file,
      predicted: classNames[best],
      confidence: probabilities[best],
      borderBefore: borderMean(asPhoto),
      borderAfter: borderMean(image),
    };
    print(`prediction: ${prediction.predicted} (${(100 * prediction.confidence).toFixed(1)} %)`);
    predictions.push(prediction);
  }
  model.dispose();
  return { testAccuracy, predictions };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 3));
