import { Softmax } from '../activations/softmax.js';
import { getBackend } from '../backend/registry.js';
import { ArgumentError, NumericalError, ShapeError, checkInteger, checkNotDisposed, checkNumber, checkOptions, formatShape } from '../errors.js';
import type { LoadOptions } from '../io/finite-values.js';
import { loadModel, loadParameters, saveModel, saveParameters } from '../io/model-file.js';
import { isActivation, isTrainable, type Activation, type Layer, type Parameter, type TrainableLayer } from '../layers/layer.js';
import { formatBatchShape, type Shape } from '../layers/layer-spec.js';
import { layerFromSpec } from '../layers/registry.js';
import { inferShapes, labelOf, requiredInputShape } from '../layers/shape-inference.js';
import { lossFromSpec } from '../losses/from-spec.js';
import { classIds } from '../data/preprocessing/class-ids.js';
import { classWeights } from '../data/preprocessing/class-weights.js';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.js';
import type { Loss } from '../losses/loss.js';
import { SoftmaxCategoricalCrossentropy } from '../losses/softmax-categorical-crossentropy.js';
import type { Accuracy } from '../metrics/accuracy.js';
import { accuracyFromSpec } from '../metrics/from-spec.js';
import { optimizerFromSpec } from '../optimizers/from-spec.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { getDefaultGenerator } from '../random/default.js';
import type { RandomGenerator } from '../random/generator.js';
import { Tensor, checkTensor, type FloatArray, type NumericArray } from '../tensor/tensor.js';
import { firstNonFinite, formatPlace, nonFiniteIndex } from '../tensor/non-finite.js';
import { DataError } from '../data/data-error.js';
import { toFilePath, type FilePath } from '../platform/file-path.js';
import type { LayerSpec } from '../layers/layer-spec.js';
import type { ModelSpec } from './architecture.js';
import { Batcher } from './batcher.js';
import { DIVERGENCE_FACTOR, checkDivergence } from './divergence.js';
import type { Callback, TrainBeginInfo } from './callback.js';
import { ConsoleReporter } from './console-reporter.js';
import type { EpochLog, History } from './history.js';
import { TrainingSnapshot } from './training-snapshot.js';

/** What `model.set` takes. */
export interface ModelSettings {
  loss?: Loss;
  optimizer?: Optimizer;
  accuracy?: Accuracy;
}

/** Options of `model.train`. */
export interface TrainOptions {
  /**
   * Epochs this call trains (default 1). `model.epoch` keeps counting across
   * calls, so a second `train(x, y, { epochs: 5 })` trains epochs 6 to 10, as
   * the book's `train` and Keras' `fit` do; to finish a run loaded from a
   * checkpoint, pass `total - model.epoch`.
   */
  epochs?: number;
  /** Rows per step; undefined trains on the whole set each step (full batch). */
  batchSize?: number;
  /** Print every N epochs (full batch) or N steps (mini-batch); 0 is silent. Default 1. */
  printEvery?: number;
  /** Evaluated after every epoch. */
  validationData?: [Tensor<NumericArray>, Tensor<NumericArray>];
  /** Shuffle mini-batches each epoch (default true; full batch never draws). */
  shuffle?: boolean;
  /** Replaces the console reporter; `null` silences it. */
  reporter?: Callback | null;
  callbacks?: Callback[];
  /** Rescale all gradients when their global L2 norm exceeds this. */
  clipGradient?: number;
  /**
   * Weights per class id for the training loss, as Keras' `class_weight`:
   * each sample's loss and gradient count wᵧ times (the reported training
   * loss is the weighted one; validation is not weighted). `'balanced'`
   * takes n / (k · count[c]) from the training labels (see `classWeights`).
   */
  classWeights?: readonly number[] | 'balanced';
  /**
   * Stop with a NumericalError once an epoch's loss exceeds this many times
   * the loss of the call's first step (default DIVERGENCE_FACTOR, 1000; see
   * checkDivergence); `null` never stops for it.
   */
  divergenceFactor?: number | null;
}

/** Between steps, training yields to the event loop at least this often (ms), so Ctrl-C and UI messages get through. */
const YIELD_EVERY_MS = 50;

function yieldToEventLoop(): Promise<void> {
  // setImmediate in Node; a MessageChannel hop in browsers and workers (setTimeout is clamped to 4 ms).
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const TRAIN_OPTIONS = ['epochs', 'batchSize', 'printEvery', 'validationData', 'shuffle', 'reporter', 'callbacks', 'clipGradient', 'classWeights', 'divergenceFactor'];

/**
 * A sequential model, the book's `Model` class: layers in order, a loss, an
 * optimizer and an accuracy metric, and the loops that train and run it.
 *
 * ```ts
 * const model = new Model();
 * model.add(new Dense(2, 64)); model.add(new ReLU()); model.add(new Dense(64, 3)); model.add(new Softmax());
 * model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }), accuracy: new CategoricalAccuracy() });
 * model.finalize();
 * const history = await model.train(X, y, { epochs: 10000, printEvery: 100 });
 * ```
 *
 * Softmax followed by categorical cross-entropy trains through the fused
 * backward ((ŷ − y)/n), as the book's `Activation_Softmax_Loss_CategoricalCrossentropy`.
 */
export class Model {
  readonly layers: Layer[] = [];
  loss: Loss | undefined;
  optimizer: Optimizer | undefined;
  accuracy: Accuracy | undefined;
  /**
   * The per-sample input shape (`[28, 28, 1]`) when the first layer does not
   * fix it (an image model): set it, or the first data the model trains on,
   * evaluates or predicts sets it. Saved with the model; exporters need it.
   */
  inputShape: number[] | undefined;
  /** Free-form facts saved with the model: class names, preprocessing, dataset. */
  metadata: Record<string, unknown> = {};
  /** Epochs completed so far; `train` continues from here. */
  epoch = 0;
  /**
   * Set by a callback (or the caller, e.g. on Ctrl-C) to stop after the
   * current step. An epoch stopped before its last step is undone: the
   * model goes back to its state at the start of that epoch (see `train`).
   */
  stopTraining = false;
  /** Draws shuffles (and is the default generator dropout uses); saved in checkpoints. */
  trainingGenerator: RandomGenerator = getDefaultGenerator();

  private trainable: TrainableLayer[] = [];
  /** Index of the first layer with parameters (−1: none); backward stops there. */
  private firstTrainable = -1;
  private fused: SoftmaxCategoricalCrossentropy | null = null;
  private finalized = false;
  private disposed = false;

  /** Appends a layer. */
  add(layer: Layer): this {
    this.checkUsable('add');
    this.layers.push(layer);
    this.finalized = false;
    return this;
  }

  /** Sets the loss, optimizer and accuracy (any may be left out). */
  set(settings: ModelSettings): this {
    this.checkUsable('set');
    checkOptions('Model.set', settings, ['loss', 'optimizer', 'accuracy']);
    if (settings.loss !== undefined) this.loss = settings.loss;
    if (settings.optimizer !== undefined) this.optimizer = settings.optimizer;
    if (settings.accuracy !== undefined) this.accuracy = settings.accuracy;
    this.finalized = false;
    return this;
  }

  /** The last layer when it is an activation (it turns outputs into predictions). */
  get outputActivation(): Activation | undefined {
    const last = this.layers[this.layers.length - 1];
    return last && isActivation(last) ? last : undefined;
  }

  /**
   * Checks that every layer takes what the one before it gives (see
   * `inferShapes`), collects trainable layers and picks the fused
   * Softmax+CCE backward.
   */
  finalize(): this {
    this.checkUsable('finalize');
    if (this.layers.length === 0) throw new ArgumentError('Model.finalize: the model has no layers; call model.add(layer) first');
    inferShapes('Model', this.layerSpecs(), this.inputShape ?? requiredInputShape(this.layerSpecs()));
    this.trainable = this.layers.filter(isTrainable);
    this.firstTrainable = this.layers.findIndex(isTrainable);
    this.loss?.rememberTrainableLayers(this.trainable);
    this.fused?.dispose();
    this.fused =
      this.outputActivation instanceof Softmax && this.loss instanceof CategoricalCrossentropy
        ? new SoftmaxCategoricalCrossentropy()
        : null;
    this.finalized = true;
    return this;
  }

  /** Runs every layer; `training` turns dropout on. Returns the last output. */
  forward(x: Tensor<NumericArray>, training = false): Tensor {
    this.checkUsable('forward');
    checkTensor('Model.forward', 'x', x);
    this.ensureFinalized();
    let out = x as Tensor;
    for (const layer of this.layers) out = layer.forward(out, training);
    return out;
  }

  /** Backpropagates the loss of `output` against `y` through every layer; `sampleWeights` scale each sample's gradient. */
  backward(output: Tensor, y: Tensor<NumericArray>, sampleWeights: Tensor<Float32Array> | null = null): void {
    this.checkUsable('backward');
    const loss = this.requireLoss('backward');
    let d: Tensor;
    let from = this.layers.length - 1;
    if (this.fused) {
      d = this.fused.backward(output, y);
      from--; // the fused backward already went through the softmax
    } else {
      d = loss.backward(output, y);
    }
    if (sampleWeights !== null) {
      const backend = getBackend();
      const width = d.columns;
      for (let r = 0; r < d.rows; r++) {
        const row = d.data.subarray(r * width, (r + 1) * width);
        backend.scale(row, sampleWeights.data[r], row);
      }
    }
    // Below the first trainable layer there is nothing to train: stop there,
    // and let it skip its own input gradient.
    const first = this.firstTrainable;
    for (let i = from; i >= Math.max(first, 0); i--) d = this.layers[i].backward(d, i !== first);
  }

  /**
   * Trains with the book's loop: forward, loss, accuracy, backward, optimizer
   * step, per batch; validation after each epoch. Resolves to the history.
   *
   * Epochs are whole: when `stopTraining` is set before an epoch's last step
   * (Ctrl-C mid-epoch), that epoch's steps are undone (weights, optimizer
   * state, learning rate and generator go back to where the epoch began), it
   * is not counted in `model.epoch` nor logged (`history.discardedEpoch` says
   * how far it got), and `onEpochEnd` is not called. Saving and training on
   * then runs that epoch again from its start, exactly as an uninterrupted
   * run would.
   *
   * Numerical failures throw a NumericalError: a non-finite loss (naming the
   * epoch and step), a non-finite gradient (naming the layer, its label and
   * the parameter: `layer 2 Dense(64→10) weights gradient has NaN at epoch 1,
   * step 31`), and divergence, an epoch loss above `divergenceFactor` × the
   * first step's loss (see checkDivergence). The epoch that fails is not
   * logged and `onEpochEnd` is not called for it, so no checkpoint saves it.
   */
  async train(x: Tensor<NumericArray>, y: Tensor<NumericArray>, options: TrainOptions = {}): Promise<History> {
    this.checkUsable('train');
    checkOptions('Model.train', options, TRAIN_OPTIONS);
    this.ensureFinalized();
    const loss = this.requireLoss('train');
    const optimizer = this.optimizer;
    if (!optimizer) throw new ArgumentError('Model.train needs an optimizer: call model.set({ optimizer })');
    const epochs = checkInteger('Model.train', 'epochs', options.epochs ?? 1, 1);
    const printEvery = checkInteger('Model.train', 'printEvery', options.printEvery ?? 1, 0);
    if (options.batchSize !== undefined) checkInteger('Model.train', 'batchSize', options.batchSize, 1);
    const clip = options.clipGradient === undefined ? null : checkNumber('Model.train', 'clipGradient', options.clipGradient, 'positive');
    const divergence = options.divergenceFactor === null ? null : checkNumber('Model.train', 'divergenceFactor', options.divergenceFactor ?? DIVERGENCE_FACTOR, 'positive');
    this.checkData('train', x, y);
    if (options.validationData) this.checkData('train (validationData)', ...options.validationData);

    const batcher = new Batcher(x, y, options.batchSize, options.classWeights === undefined ? null : sampleWeights(y, options.classWeights));
    const reporter = options.reporter === undefined ? new ConsoleReporter() : options.reporter;
    const callbacks: Callback[] = [...(reporter ? [reporter] : []), ...(options.callbacks ?? [])];
    const history: History = { epochs: [] };
    const fullBatch = options.batchSize === undefined;
    const lastEpoch = this.epoch + epochs;
    const info: TrainBeginInfo = {
      model: this,
      epochs: lastEpoch,
      firstEpoch: this.epoch + 1,
      stepsPerEpoch: batcher.steps,
      samples: batcher.samples,
      batchSize: batcher.batchSize,
      fullBatch,
      printEvery,
    };
    this.accuracy?.init(y);
    this.stopTraining = false;
    for (const c of callbacks) await c.onTrainBegin?.(info);

    const epochStart = new TrainingSnapshot(this);
    let startLoss: number | undefined;
    let lastYield = performance.now();
    while (this.epoch < lastEpoch && !this.stopTraining) {
      // Training yields between epochs, so something may have disposed the model meanwhile.
      this.checkUsable('train');
      const epoch = this.epoch + 1;
      // An epoch of one step is never stopped half-way: its step runs or it does not.
      epochStart.capture({ parameters: batcher.steps > 1 });
      for (const c of callbacks) await c.onEpochBegin?.(epoch);
      loss.newPass();
      this.accuracy?.newPass();
      batcher.startEpoch(options.shuffle === false ? null : this.trainingGenerator);
      const started = performance.now();
      let step = 0;
      for (; step < batcher.steps && !this.stopTraining; step++) {
        const [bx, by] = batcher.batch(step);
        const weights = batcher.batchWeights(step);
        const output = this.forward(bx, true);
        const { dataLoss, regularizationLoss } = loss.calculate(output, by, { includeRegularization: true, sampleWeights: weights });
        const total = dataLoss + regularizationLoss;
        if (!Number.isFinite(total)) {
          throw new NumericalError(
            `Model.train: loss became ${total} at epoch ${epoch}, step ${step} (data_loss ${dataLoss}, reg_loss ${regularizationLoss}); lower the learning rate or clip gradients`,
          );
        }
        startLoss ??= total;
        const accuracy = this.accuracy ? this.accuracy.calculate(this.predictionsOf(output), by) : Number.NaN;
        this.backward(output, by, weights);
        this.checkGradients(epoch, step);
        if (clip !== null) this.clipGradients(clip);
        optimizer.preUpdateParams();
        for (const layer of this.trainable) optimizer.updateParams(layer);
        optimizer.postUpdateParams();
        const stepInfo = {
          epoch,
          step,
          stepsPerEpoch: batcher.steps,
          loss: total,
          dataLoss,
          regularizationLoss,
          accuracy,
          learningRate: optimizer.currentLearningRate,
        };
        for (const c of callbacks) c.onStepEnd?.(stepInfo);
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      if (step < batcher.steps) {
        epochStart.restore();
        history.discardedEpoch = { epoch, stepsDone: step, stepsPerEpoch: batcher.steps };
        break;
      }
      const seconds = (performance.now() - started) / 1000;
      const parts = loss.calculateAccumulated({ includeRegularization: true });
      const log: EpochLog = {
        epoch,
        loss: parts.dataLoss + parts.regularizationLoss,
        dataLoss: parts.dataLoss,
        regularizationLoss: parts.regularizationLoss,
        accuracy: this.accuracy ? this.accuracy.calculateAccumulated() : Number.NaN,
        learningRate: optimizer.currentLearningRate,
        seconds,
        samplesPerSecond: seconds > 0 ? batcher.samples / seconds : Infinity,
      };
      checkDivergence(epoch, log.loss, startLoss as number, divergence);
      this.epoch = epoch;
      if (options.validationData) {
        // Checked once above, with the training data.
        const result = this.measure(...options.validationData, options.batchSize);
        log.validationLoss = result.loss;
        log.validationAccuracy = result.accuracy;
      }
      history.epochs.push(log);
      for (const c of callbacks) await c.onEpochEnd?.(log, this);
    }
    for (const c of callbacks) await c.onTrainEnd?.(history);
    return history;
  }

  /** Mean loss and accuracy over `x`/`y` (in batches), without training. */
  evaluate(x: Tensor<NumericArray>, y: Tensor<NumericArray>, options: { batchSize?: number } = {}): { loss: number; accuracy: number } {
    this.checkUsable('evaluate');
    checkOptions('Model.evaluate', options, ['batchSize']);
    this.ensureFinalized();
    this.requireLoss('evaluate');
    this.checkData('evaluate', x, y);
    if (options.batchSize !== undefined) checkInteger('Model.evaluate', 'batchSize', options.batchSize, 1);
    return this.measure(x, y, options.batchSize);
  }

  /** evaluate's pass over checked data. */
  private measure(x: Tensor<NumericArray>, y: Tensor<NumericArray>, batchSize: number | undefined): { loss: number; accuracy: number } {
    const loss = this.requireLoss('evaluate');
    const batcher = new Batcher(x, y, batchSize);
    loss.newPass();
    this.accuracy?.newPass();
    this.accuracy?.init(y);
    for (let step = 0; step < batcher.steps; step++) {
      const [bx, by] = batcher.batch(step);
      const output = this.forward(bx, false);
      loss.calculate(output, by);
      if (this.accuracy) this.accuracy.calculate(this.predictionsOf(output), by);
    }
    return {
      loss: loss.calculateAccumulated(),
      accuracy: this.accuracy ? this.accuracy.calculateAccumulated() : Number.NaN,
    };
  }

  /** The model's outputs for `x` (a new tensor), computed in batches. */
  predict(x: Tensor<NumericArray>, options: { batchSize?: number } = {}): Tensor<Float32Array> {
    this.checkUsable('predict');
    checkOptions('Model.predict', options, ['batchSize']);
    this.ensureFinalized();
    const outputShape = this.checkInputs('predict', x);
    const batchSize = options.batchSize === undefined ? Math.max(x.rows, 1) : checkInteger('Model.predict', 'batchSize', options.batchSize, 1);
    // The output shape comes from the first batch: a custom layer may not declare it.
    let result: Tensor<Float32Array> | null = null;
    for (let start = 0; start < x.rows; start += batchSize) {
      const out = this.forward(x.sliceRows(start, Math.min(start + batchSize, x.rows)), false);
      result ??= new Tensor([x.rows, ...out.shape.slice(1)], new Float32Array(x.rows * out.columns));
      result.data.set(out.data, start * out.columns);
    }
    return result ?? new Tensor([0, ...outputShape], new Float32Array(0));
  }

  /** The book's `get_parameters`: [weights, biases] of every trainable layer. */
  getParameters(): [Tensor<FloatArray>, Tensor<FloatArray>][] {
    this.checkUsable('getParameters');
    this.ensureFinalized();
    return this.trainable.map((layer) => [layer.weights, layer.biases]);
  }

  /** The book's `set_parameters`: copies [weights, biases] into every trainable layer. */
  setParameters(parameters: readonly (readonly [Tensor<FloatArray>, Tensor<FloatArray>])[]): void {
    this.checkUsable('setParameters');
    this.ensureFinalized();
    if (parameters.length !== this.trainable.length) {
      throw new ArgumentError(
        `Model.setParameters: expected ${this.trainable.length} [weights, biases] pairs, received ${parameters.length}`,
      );
    }
    this.trainable.forEach((layer, i) => {
      const [w, b] = parameters[i];
      for (const [name, target, source] of [
        ['weights', layer.weights, w],
        ['biases', layer.biases, b],
      ] as const) {
        if (formatShape(target.shape) !== formatShape(source.shape)) {
          throw new ShapeError(
            `Model.setParameters: layer ${i} ${name} must have shape ${formatShape(target.shape)}, received ${formatShape(source.shape)}`,
          );
        }
        target.data.set(source.data);
      }
    });
  }

  /** Every parameter with its file name (`layers.<index>.weights|biases`), in a stable order. */
  namedParameters(): [string, Parameter][] {
    this.checkUsable('namedParameters');
    const named: [string, Parameter][] = [];
    this.layers.forEach((layer, i) => {
      if (isTrainable(layer)) for (const p of layer.parameters()) named.push([`layers.${i}.${p.name}`, p]);
    });
    return named;
  }

  /** The JSON description of the architecture, loss, optimizer and metric. */
  toSpec(): ModelSpec {
    this.checkUsable('toSpec');
    const spec: ModelSpec = { format: 'scratchnet', version: 1, layers: this.layerSpecs() };
    if (this.inputShape !== undefined) spec.inputShape = [...this.inputShape];
    if (this.loss) spec.loss = this.loss.toSpec();
    if (this.optimizer) spec.optimizer = this.optimizer.toSpec();
    if (this.accuracy) spec.accuracy = this.accuracy.toSpec();
    return spec;
  }

  /** A finalized model built from a spec, with freshly initialised weights. */
  static fromSpec(spec: ModelSpec): Model {
    if (spec === null || typeof spec !== 'object' || !Array.isArray(spec.layers)) {
      throw new ArgumentError('Model.fromSpec: expected an object with a layers array');
    }
    const model = new Model();
    if (spec.inputShape !== undefined) model.inputShape = [...spec.inputShape];
    spec.layers.forEach((layerSpec, i) => model.add(layerFromSpec(layerSpec, i)));
    model.set({
      ...(spec.loss ? { loss: lossFromSpec(spec.loss) } : {}),
      ...(spec.optimizer ? { optimizer: optimizerFromSpec(spec.optimizer) } : {}),
      ...(spec.accuracy ? { accuracy: accuracyFromSpec(spec.accuracy) } : {}),
    });
    return model.finalize();
  }

  /**
   * Saves the whole model to one `.safetensors` file, atomically: architecture,
   * weights, optimizer state, epoch, training generator state, metadata
   * (layout in docs/model-files.md). Node only; `serializeModel` gives the bytes.
   */
  async save(path: FilePath): Promise<void> {
    this.checkUsable('save');
    await saveModel(this, toFilePath('Model.save', path));
  }

  /**
   * Loads a model written by `save`, after validating the file; training
   * resumes from `model.epoch`. Weights or optimizer state holding NaN or
   * ±Infinity are refused unless `{ allowNonFinite: true }`.
   */
  static async load(path: FilePath, options: LoadOptions = {}): Promise<Model> {
    return loadModel(toFilePath('Model.load', path), options);
  }

  /** The book's `save_parameters`: weights and biases only, atomically. */
  async saveParameters(path: FilePath): Promise<void> {
    this.checkUsable('saveParameters');
    await saveParameters(this, toFilePath('Model.saveParameters', path));
  }

  /** The book's `load_parameters`: the file's weights and biases, whose shapes must match this model's. */
  async loadParameters(path: FilePath, options: LoadOptions = {}): Promise<void> {
    this.checkUsable('loadParameters');
    await loadParameters(this, toFilePath('Model.loadParameters', path), options);
  }

  /** A text table: each layer, its per-sample output shape (`[batch, 26, 26, 16]`) and parameter count. */
  summary(): string {
    this.checkUsable('summary');
    this.ensureFinalized();
    const specs = this.layerSpecs();
    const shapes = inferShapes('Model.summary', specs, this.inputShape ?? requiredInputShape(specs));
    const lines: string[][] = [['#', 'layer', 'output', 'params']];
    let total = 0;
    this.layers.forEach((layer, i) => {
      const params = isTrainable(layer) ? layer.parameters().reduce((n, p) => n + p.value.size, 0) : 0;
      total += params;
      lines.push([String(i), labelOf(specs[i]), formatBatchShape(shapes[i]), params.toLocaleString('en-US')]);
    });
    const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
    const fmt = (l: string[]): string => l.map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
    const rule = '-'.repeat(fmt(lines[0]).length);
    return [fmt(lines[0]), rule, ...lines.slice(1).map(fmt), rule, `total parameters: ${total.toLocaleString('en-US')}`].join('\n');
  }

  /**
   * Gives every backend buffer the model holds back to the backend: the
   * layers' weights, gradients and outputs, the loss's buffers and the
   * optimizer's state, by disposing the layers, loss and optimizer it was
   * given. Call it when dropping a model on the wasm backend (a sweep, a
   * rebuilt model), or wasm memory keeps growing. Tensors read from the
   * model (`getParameters`, layer outputs) share that memory: copy what you
   * keep. `predict` results are copies already. Every method then throws a
   * DisposedError; a second call does nothing.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const layer of this.layers) layer.dispose();
    this.loss?.dispose();
    this.optimizer?.dispose();
    this.fused?.dispose();
  }

  private predictionsOf(output: Tensor): Tensor<NumericArray> {
    const activation = this.outputActivation;
    return activation ? activation.predictions(output) : output;
  }

  private checkGradients(epoch: number, step: number): void {
    const backend = getBackend();
    this.layers.forEach((layer, i) => {
      if (!isTrainable(layer)) return;
      for (const p of layer.parameters()) {
        if (!backend.allFinite(p.gradient.data)) {
          const bad = p.gradient.data[nonFiniteIndex(p.gradient.data)];
          throw new NumericalError(
            `Model.train: layer ${i} ${labelOf(layer.toSpec())} ${p.name} gradient has ${bad} at epoch ${epoch}, step ${step}; lower the learning rate or set clipGradient`,
          );
        }
      }
    });
  }

  private clipGradients(maxNorm: number): void {
    const backend = getBackend();
    let squares = 0;
    for (const layer of this.trainable) for (const p of layer.parameters()) squares += backend.sumSquares(p.gradient.data);
    const norm = Math.sqrt(squares);
    if (norm <= maxNorm) return;
    const factor = maxNorm / norm;
    for (const layer of this.trainable) for (const p of layer.parameters()) backend.scale(p.gradient.data, factor, p.gradient.data);
  }

  private checkUsable(what: string): void {
    checkNotDisposed(this.disposed, `Model.${what}`, 'model');
  }

  private ensureFinalized(): void {
    if (!this.finalized) this.finalize();
  }

  private requireLoss(what: string): Loss {
    if (!this.loss) throw new ArgumentError(`Model.${what} needs a loss: call model.set({ loss })`);
    return this.loss;
  }

  private layerSpecs(): LayerSpec[] {
    return this.layers.map((layer) => layer.toSpec());
  }

  /**
   * Checks that `x` is a Tensor of finite samples the first layer takes and
   * that they flow through every layer; an image model without an inputShape
   * learns it here. Returns the per-sample output shape.
   */
  private checkInputs(what: string, x: Tensor<NumericArray>): number[] {
    checkTensor(`Model.${what}`, 'x', x);
    const specs = this.layerSpecs();
    const required: Shape = this.inputShape ?? requiredInputShape(specs);
    const sample = x.shape.slice(1);
    if (x.rank < 2 || (required !== null && (required.length !== sample.length || required.some((d, i) => d !== null && d !== sample[i])))) {
      const wanted = required === null ? '[samples, …]' : formatBatchShape(required).replace('batch', 'samples');
      throw new ShapeError(`Model.${what}: expected x of shape ${wanted}, received ${formatShape(x.shape)}`);
    }
    const outputs = inferShapes(`Model.${what}: x of shape ${formatShape(x.shape)} does not fit`, specs, sample);
    checkFinite(what, 'x', x);
    if (this.inputShape === undefined && (required === null || required.includes(null))) this.inputShape = sample;
    const last = outputs.at(-1) ?? sample;
    return last === null || last.includes(null) ? [] : (last as number[]);
  }

  private checkData(what: string, x: Tensor<NumericArray>, y: Tensor<NumericArray>): void {
    this.checkInputs(what, x);
    checkTensor(`Model.${what}`, 'y', y);
    if (y.rows !== x.rows) {
      throw new ShapeError(`Model.${what}: x has ${x.rows} samples but y has ${y.rows} (x ${formatShape(x.shape)}, y ${formatShape(y.shape)})`);
    }
    if (x.rows === 0) throw new ShapeError(`Model.${what}: x has no samples (shape ${formatShape(x.shape)})`);
    checkFinite(what, 'y', y);
  }
}

/**
 * Throws a DataError naming the first NaN or ±Infinity in `data`: one linear
 * pass over the data as given, once per train/evaluate/predict call, so a
 * bad value is reported where it is instead of as a diverging loss.
 */
function checkFinite(what: string, name: 'x' | 'y', data: Tensor<NumericArray>): void {
  const found = firstNonFinite(data);
  if (found === null) return;
  throw new DataError(
    `Model.${what}: ${name} has ${found.value} at ${formatPlace(found)}; the data must be finite (fill or drop missing values first)`,
  );
}

/** One weight per training sample from weights per class id (`'balanced'`: from the labels' counts). */
function sampleWeights(y: Tensor<NumericArray>, weights: readonly number[] | 'balanced'): Tensor<Float32Array> {
  const owner = 'Model.train (classWeights)';
  const perClass = weights === 'balanced' ? classWeights(y) : weights;
  if (!Array.isArray(perClass)) throw new ArgumentError(`${owner}: classWeights must be 'balanced' or an array of numbers, received ${String(weights)}`);
  perClass.forEach((w, c) => checkNumber(owner, `classWeights[${c}]`, w, 'nonNegative'));
  const ids = classIds(owner, y);
  const result = new Float32Array(ids.length);
  ids.forEach((id, i) => {
    if (id >= perClass.length) throw new ArgumentError(`${owner}: row ${i} has class ${id}, but classWeights gives ${perClass.length} weights`);
    result[i] = perClass[id];
  });
  return new Tensor([ids.length], result);
}
