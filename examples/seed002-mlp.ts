/**
 * Seed 002, the notebook's MLP in its own shapes, built from scratchnet's pieces:
 *
 * - `SeedLayer`, the notebook's abstract `Layer`: `forward(inp)`,
 *   `backward(upGrad)` returning the gradient for the layer below, and
 *   `step(lr)`, which only layers with parameters override;
 * - `LinearLayer(inDim, outDim)`, its `Linear`: out = inp · W + b with Xavier
 *   (Glorot normal) weights [inDim, outDim] and zero biases [1, outDim] (a
 *   scratchnet `Dense`); backward gives dW = inpᵀ · upGrad, db = Σ upGrad and
 *   returns upGrad · Wᵀ; `step(lr)` is W −= lr · dW, b −= lr · db;
 * - `ReluLayer`, `SigmoidLayer`: scratchnet's `ReLU` and `Sigmoid`;
 * - `MSELoss`: L = (1/N) Σ (p − y)², ∂L/∂p = (2/N)(p − y) (scratchnet's
 *   `MeanSquaredError`), `forward(prediction, target)` then `backward()`;
 * - `MLP(layers, lossFn, lr)` with `forward`, `loss`, `backward`, `update`
 *   and `train(xTrain, yTrain, xTest, yTest, epochs, batchSize)`, which runs
 *   shuffled mini-batches and returns the training and test loss per epoch.
 *
 * Trained as the notebook sets up: scikit-learn's California housing (8
 * features, shape (20640, 8), target MedHouseVal in units of 100 000 $, see
 * `loadCaliforniaHousing({ variant: 'sklearn' })`), features and target
 * standardized, an 80/20 split with seed 42 (the scalers are fitted on the
 * training rows only, where the notebook fits them on all rows before
 * splitting); then the two loss curves are plotted (the notebook's last cell)
 * and R² is printed on the test split. R² is the same in standardized and in
 * original units (both sides go through the same affine map).
 *
 * Run: npx tsx examples/seed002-mlp.ts [epochs]   (writes out/seed002/loss.svg, loss.png and report.html)
 */
import { pathToFileURL } from 'node:url';
import {
  init, loadCaliforniaHousing, trainTestSplit, StandardScaler, shuffledBatches, getBackend, getDefaultGenerator,
  coefficientOfDetermination, Dense, ReLU, Sigmoid, MeanSquaredError, ScratchnetError, type Tensor, type NumericArray,
} from '../src/node.js';
import { writePlots } from '../src/viz/write-plots.js';

/** The notebook's abstract Layer. */
export abstract class SeedLayer {
  abstract forward(inp: Tensor): Tensor;
  /** Takes ∂L/∂output, returns ∂L/∂input. */
  abstract backward(upGrad: Tensor): Tensor;
  /** Updates the parameters; layers without any do nothing. */
  step(lr: number): void {
    void lr;
  }
  abstract dispose(): void;
}

/** The notebook's Linear: Xavier-initialised weights, a Dense underneath. */
export class LinearLayer extends SeedLayer {
  readonly dense: Dense;

  constructor(inDim: number, outDim: number) {
    super();
    this.dense = new Dense(inDim, outDim, { initializer: 'xavier' });
  }

  forward(inp: Tensor): Tensor {
    return this.dense.forward(inp);
  }

  backward(upGrad: Tensor): Tensor {
    return this.dense.backward(upGrad);
  }

  override step(lr: number): void {
    const backend = getBackend();
    backend.sgdUpdate(this.dense.weights.data, this.dense.dWeights.data, lr);
    backend.sgdUpdate(this.dense.biases.data, this.dense.dBiases.data, lr);
  }

  dispose(): void {
    this.dense.dispose();
  }
}

/** An activation as a layer: forward and backward, no parameters. */
class ActivationLayer extends SeedLayer {
  constructor(private readonly activation: ReLU | Sigmoid) {
    super();
  }

  forward(inp: Tensor): Tensor {
    return this.activation.forward(inp);
  }

  backward(upGrad: Tensor): Tensor {
    return this.activation.backward(upGrad);
  }

  dispose(): void {
    this.activation.dispose();
  }
}

/** The notebook's Relu: max(0, x), gradient upGrad · [x > 0]. */
export class ReluLayer extends ActivationLayer {
  constructor() {
    super(new ReLU());
  }
}

/** The notebook's Sigmoid: 1 / (1 + e^−x), gradient upGrad · f(x)(1 − f(x)). */
export class SigmoidLayer extends ActivationLayer {
  constructor() {
    super(new Sigmoid());
  }
}

/** The notebook's MSE: forward(prediction, target) keeps both for backward(). */
export class MSELoss {
  private readonly mse = new MeanSquaredError();
  private prediction: Tensor | null = null;
  private target: Tensor<NumericArray> | null = null;

  forward(prediction: Tensor, target: Tensor<NumericArray>): number {
    this.prediction = prediction;
    this.target = target;
    return this.mse.calculate(prediction, target);
  }

  /** (2/N)(p − y) for the last forward. */
  backward(): Tensor {
    if (!this.prediction || !this.target) throw new ScratchnetError('MSELoss.backward needs a forward(prediction, target) first');
    return this.mse.backward(this.prediction, this.target);
  }

  dispose(): void {
    this.mse.dispose();
  }
}

export interface SeedHistory {
  trainLosses: number[];
  testLosses: number[];
}

/** The notebook's MLP(layers, loss_fun, lr). */
export class MLP {
  constructor(
    readonly layers: SeedLayer[],
    readonly lossFun: MSELoss,
    readonly lr: number,
  ) {}

  forward(inp: Tensor): Tensor {
    let out = inp;
    for (const layer of this.layers) out = layer.forward(out);
    return out;
  }

  loss(prediction: Tensor, target: Tensor<NumericArray>): number {
    return this.lossFun.forward(prediction, target);
  }

  backward(): void {
    let grad = this.lossFun.backward();
    for (let i = this.layers.length - 1; i >= 0; i--) grad = this.layers[i].backward(grad);
  }

  update(): void {
    for (const layer of this.layers) layer.step(this.lr);
  }

  /**
   * `epochs` passes over shuffled mini-batches of `batchSize` rows (forward,
   * loss, backward, update); after each pass the mean training loss (weighted
   * by batch size) and the loss on the test set.
   */
  train(
    xTrain: Tensor,
    yTrain: Tensor<NumericArray>,
    xTest: Tensor,
    yTest: Tensor<NumericArray>,
    epochs: number,
    batchSize: number,
  ): SeedHistory {
    const history: SeedHistory = { trainLosses: [], testLosses: [] };
    const generator = getDefaultGenerator();
    for (let epoch = 0; epoch < epochs; epoch++) {
      let sum = 0;
      for (const batch of shuffledBatches(xTrain, yTrain, { batchSize, generator })) {
        sum += this.loss(this.forward(batch.x), batch.y) * batch.x.shape[0];
        this.backward();
        this.update();
      }
      history.trainLosses.push(sum / xTrain.shape[0]);
      history.testLosses.push(this.loss(this.forward(xTest), yTest));
    }
    return history;
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.lossFun.dispose();
  }
}

export interface Seed002Result extends SeedHistory {
  /** R² on the test split (the same standardized or in MedHouseVal units). */
  r2: number;
}

export async function run(epochs = 30, outDir: string | null = 'out/seed002', print: (line: string) => void = console.log): Promise<Seed002Result> {
  init(0);
  // scikit-learn's fetch_california_housing columns, as the seed loads them: (20640, 8), MedHouseVal in 100 000 $.
  const { x, y, featureNames } = await loadCaliforniaHousing({ variant: 'sklearn' });
  print(`X (${x.shape.join(', ')}): ${featureNames.join(', ')}; y (${y.shape.join(', ')}): MedHouseVal`);
  const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.2, seed: 42 });
  const scalerX = new StandardScaler().fit(xTrain);
  const scalerY = new StandardScaler().fit(yTrain);
  const [xTrainScaled, xTestScaled] = [scalerX.transform(xTrain), scalerX.transform(xTest)];
  const [yTrainScaled, yTestScaled] = [scalerY.transform(yTrain), scalerY.transform(yTest)];

  // define layers, define model, train model (the notebook's empty cell)
  const layers = [new LinearLayer(featureNames.length, 64), new ReluLayer(), new LinearLayer(64, 32), new ReluLayer(), new LinearLayer(32, 1)];
  const mlp = new MLP(layers, new MSELoss(), 0.01);
  const history = mlp.train(xTrainScaled, yTrainScaled, xTestScaled, yTestScaled, epochs, 32);
  history.trainLosses.forEach((loss, e) => {
    print(`epoch ${String(e + 1).padStart(3)}  train loss ${loss.toFixed(4)}  test loss ${history.testLosses[e].toFixed(4)}`);
  });
  const r2 = coefficientOfDetermination(mlp.forward(xTestScaled), yTestScaled);
  print(`test R²: ${r2.toFixed(4)}`);
  mlp.dispose();

  if (outDir !== null) {
    const written = await writePlots(outDir, {
      history: history.trainLosses.map((loss, e) => ({ epoch: e + 1, loss, accuracy: Number.NaN, validationLoss: history.testLosses[e] })),
      title: 'Seed 002: MLP on California housing (standardized MSE)',
      heldOut: 'test',
      configuration: { layers: `${featureNames.length}-64-32-1 ReLU, Xavier`, optimizer: 'step(lr) with lr 0.01', batchSize: 32, epochs },
      metrics: { trainLoss: history.trainLosses[epochs - 1], testLoss: history.testLosses[epochs - 1], r2 },
    });
    print(`plots: ${written.charts.join(', ')}; report: ${written.report}`);
  }
  return { ...history, r2 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 30));
