/**
 * The training worker: owns the run (data + model), trains epoch by epoch
 * with the library's `Model.train`, and posts progress and snapshots for the
 * page to draw. Runs the very modules a Node script would import.
 */
import {
  Tensor,
  deserializeModel,
  getBackend,
  isTrainable,
  readTrainingHistory,
  recordTrainingHistory,
  serializeModel,
  type EpochLog,
  type Model,
} from '../../src/index.js';
import { classCount, configFromSpec, isRegression, type PlaygroundConfig } from './config.js';
import { createExperiment, trainOptions, type Dataset, type Experiment } from './experiment.js';
import type { DatasetView, EpochPoint, FromWorker, LayerView, Snapshot, ToWorker } from './protocol.js';
import { SnapshotPacer } from './snapshot-pacer.js';

/** Lattice size of the decision-boundary heatmap (GRID² predictions per snapshot). */
const GRID = 72;
/** Points on the regression curve. */
const CURVE_POINTS = 240;
/**
 * Training time between snapshots, in ms, and the page must also have drawn
 * the last one (see SnapshotPacer). About ten updates a second: smooth enough
 * to watch, and each update costs the page's threads about 15 ms of CPU
 * (layout, canvas, compositing; measured in headless chromium), which on a
 * two-core machine partly comes out of training.
 */
const SNAPSHOT_INTERVAL = 100;

interface Run extends Experiment {
  view: DatasetView;
  /** Every epoch the model has trained, loaded ones included: saved with the model (see recordTrainingHistory). */
  history: EpochPoint[];
  gridInputs?: Tensor<Float32Array>;
  curveInputs?: Tensor<Float32Array>;
}

let run: Run | undefined;
/** The sample the forward-pass panel shows; -1 until a dataset picks its default. */
let selected = -1;
let running = false;
/**
 * Train and Step requests are numbered as they arrive; Pause (and a new
 * configuration or model) stops every request made before it, whether it is
 * running or still queued. A Pause that arrives before its training has
 * started is not lost, and never stops training asked for after it.
 */
let trainRequests = 0;
let stoppedThrough = 0;
/** Seconds spent inside `model.train`, excluding drawing and message handling. */
let trainSeconds = 0;
/** Serialises commands that touch the model (train, step, configure, save, load). */
let queue: Promise<void> = Promise.resolve();
const pacer = new SnapshotPacer(SNAPSHOT_INTERVAL);

const post = (message: FromWorker, transfer: Transferable[] = []): void => {
  self.postMessage(message, { transfer });
};

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'pause') {
    stoppedThrough = trainRequests;
    return;
  }
  if (message.type === 'drawn') {
    pacer.drawn();
    return;
  }
  if (message.type === 'select') {
    selected = message.index;
    if (!running && run) postSnapshot(run);
    return;
  }
  if (message.type === 'configure' || message.type === 'load') stoppedThrough = trainRequests;
  const request = message.type === 'train' || message.type === 'step' ? ++trainRequests : 0;
  queue = queue.then(() => handle(message, request)).catch((error: unknown) => {
    running = false;
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    postState();
  });
};

async function handle(message: ToWorker, request: number): Promise<void> {
  switch (message.type) {
    case 'configure':
      start(createExperiment(message.config));
      return;
    case 'train':
      if (run) await train(run, message.epochs, request);
      return;
    case 'step':
      if (run) await train(run, 1, request);
      return;
    case 'save':
      if (run) {
        // The Epochs setting changes without rebuilding the run: the file records the one the page shows.
        const playground = { ...run.config, epochs: message.epochs };
        run.model.metadata = recordTrainingHistory({ ...run.model.metadata, playground }, run.history);
        const bytes = serializeModel(run.model) as Uint8Array<ArrayBuffer>;
        const fileName = `scratchnet-${run.config.dataset}-epoch${run.model.epoch}.safetensors`;
        post({ type: 'model', bytes, fileName }, [bytes.buffer]);
      }
      return;
    case 'load':
      load(message.bytes);
      return;
    default:
      return;
  }
}

/** Makes `experiment` the run; the previous run's model is disposed (Reset and every settings change build a new one). */
function start(experiment: Experiment, loaded = false, history: EpochPoint[] = []): void {
  const view = datasetView(experiment.config, experiment.train);
  run?.model.dispose();
  run = { ...experiment, view, history };
  if (view.kind === 'classification') run.gridInputs = gridInputs(view.bounds);
  else run.curveInputs = curveInputs(view.bounds);
  // Default to a sample from the middle of class 0 (the spiral's first point sits at the origin).
  if (selected < 0 || selected >= view.y.length) selected = Math.floor(view.y.length / (2 * Math.max(1, view.classes)));
  trainSeconds = 0;
  running = false;
  post({
    type: 'ready',
    config: experiment.config,
    spec: experiment.model.toSpec(),
    summary: experiment.model.summary(),
    train: view,
    backend: getBackend().name,
    modelFiles: true,
    loaded,
    epoch: experiment.model.epoch,
    history,
  });
  postState();
  postSnapshot(run);
}

/**
 * Replaces the run's model with one from a `.safetensors` file and regenerates
 * the data it was trained on (from the playground settings in its metadata).
 */
function load(bytes: Uint8Array): void {
  const model = deserializeModel(bytes, { source: 'the loaded file' });
  let config: PlaygroundConfig;
  let history: EpochPoint[];
  try {
    config = playgroundConfigOf(model);
    // Epochs after the file's own count cannot have happened to these weights.
    history = (readTrainingHistory(model.metadata) ?? []).filter((point) => point.epoch <= model.epoch);
  } catch (error) {
    model.dispose(); // it never became the run's model
    throw error;
  }
  // Restored shuffling/dropout state; regenerating the data below reseeds the shared generator.
  const generatorState = model.trainingGenerator.getState();
  const fresh = createExperiment(config);
  fresh.model.dispose(); // the loaded model takes its place
  model.trainingGenerator.setState(generatorState);
  model.metadata = { ...model.metadata, dataset: config.dataset, playground: config };
  start({ ...fresh, model }, true, history);
}

/** The playground settings a loaded model was trained with; throws when it does not fit their data. */
function playgroundConfigOf(model: Model): PlaygroundConfig {
  const config = configFromSpec(model.toSpec(), model.metadata.playground, run?.config);
  const dense = model.layers.filter(isTrainable);
  const first = dense[0]?.weights.shape[0];
  const last = dense[dense.length - 1]?.weights.shape[1];
  if (first !== inputCount(config) || last !== classCount(config)) {
    // Name the data on the page as it is now, not as adapted to the file: that is what the reader sees.
    const page = run?.config ?? config;
    const needs = isRegression(page) ? '1 input and 1 output' : `2 inputs and ${classCount(page)} classes`;
    const has = first === undefined ? 'has no Dense layer' : `takes ${plural(first, 'input')} and gives ${last}`;
    throw new Error(`Load model: this page's ${page.dataset} data needs ${needs}; the file's model ${has}`);
  }
  return config;
}

/** The network inputs a dataset gives: x for regression, (x₀, x₁) for classification. */
function inputCount(config: PlaygroundConfig): number {
  return isRegression(config) ? 1 : 2;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

async function train(current: Run, epochs: number, request: number): Promise<void> {
  const { model } = current;
  if (stoppedThrough >= request) {
    postState(); // paused before it began
    return;
  }
  running = true;
  postState();
  let overhead = 0;
  let pending: EpochPoint[] = [];
  const flush = (): void => {
    if (pending.length > 0) post({ type: 'progress', points: pending });
    pending = [];
  };
  model.stopTraining = false;
  const began = performance.now();
  /** When the previous epoch's callback finished: the time since then was spent training. */
  let lastEpochEnd = began;
  // Model.train yields to the event loop between steps (every ~50 ms), so Pause, sample
  // picks and the page's "drawn" arrive while it runs; Pause takes effect at the epoch's end.
  const callback = {
    onEpochEnd: (log: EpochLog): void => {
      const begin = performance.now();
      const point = epochPoint(log);
      pending.push(point);
      current.history.push(point);
      if (pacer.trained(begin - lastEpochEnd)) {
        flush();
        postSnapshot(current);
        postState();
      }
      if (stoppedThrough >= request) model.stopTraining = true;
      lastEpochEnd = performance.now();
      overhead += lastEpochEnd - begin;
    },
  };
  try {
    await model.train(current.train[0], current.train[1], {
      ...trainOptions(current, epochs),
      callbacks: [callback],
    });
  } finally {
    trainSeconds += (performance.now() - began - overhead) / 1000;
    running = false;
    flush();
    if (run === current) postSnapshot(current);
    postState();
  }
}

function postState(): void {
  post({ type: 'state', running, epoch: run?.model.epoch ?? 0, trainSeconds });
}

function epochPoint(log: EpochLog): EpochPoint {
  return {
    epoch: log.epoch,
    loss: log.loss,
    accuracy: log.accuracy,
    learningRate: log.learningRate,
    validationLoss: log.validationLoss,
    validationAccuracy: log.validationAccuracy,
  };
}

function datasetView(config: PlaygroundConfig, [X, y]: Dataset): DatasetView {
  const regression = isRegression(config);
  const features = X.shape[1];
  const x = Float32Array.from(X.data);
  const targets = Float32Array.from(y.data);
  let bounds: [number, number, number, number];
  if (regression) {
    bounds = padded(range(x, 1, 0), range(targets, 1, 0), 0.08);
  } else {
    const square = Math.max(...range(x, 2, 0).map(Math.abs), ...range(x, 2, 1).map(Math.abs));
    const half = Math.max(1e-3, square) * 1.1;
    bounds = [-half, half, -half, half];
    // Vertical data sits off-centre: frame it by its own extent instead.
    if (config.dataset === 'vertical') bounds = padded(range(x, 2, 0), range(x, 2, 1), 0.1);
  }
  return { kind: regression ? 'regression' : 'classification', classes: classCount(config), x, y: targets, features, bounds };
}

function range(values: Float32Array, stride: number, offset: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = offset; i < values.length; i += stride) {
    low = Math.min(low, values[i]);
    high = Math.max(high, values[i]);
  }
  return [low, high];
}

function padded(xs: [number, number], ys: [number, number], fraction: number): [number, number, number, number] {
  const dx = Math.max(1e-3, xs[1] - xs[0]) * fraction;
  const dy = Math.max(1e-3, ys[1] - ys[0]) * fraction;
  return [xs[0] - dx, xs[1] + dx, ys[0] - dy, ys[1] + dy];
}

/** Cell centres of the heatmap lattice, row 0 at the top (largest x₁). */
function gridInputs([x0, x1, y0, y1]: [number, number, number, number]): Tensor<Float32Array> {
  const data = new Float32Array(GRID * GRID * 2);
  for (let row = 0; row < GRID; row++) {
    for (let column = 0; column < GRID; column++) {
      const cell = row * GRID + column;
      data[cell * 2] = x0 + ((column + 0.5) / GRID) * (x1 - x0);
      data[cell * 2 + 1] = y1 - ((row + 0.5) / GRID) * (y1 - y0);
    }
  }
  return new Tensor([GRID * GRID, 2], data);
}

function curveInputs([x0, x1]: [number, number, number, number]): Tensor<Float32Array> {
  const data = new Float32Array(CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) data[i] = x0 + (i / (CURVE_POINTS - 1)) * (x1 - x0);
  return new Tensor([CURVE_POINTS, 1], data);
}

function postSnapshot(current: Run): void {
  const { model, view } = current;
  const snapshot: Snapshot = {
    epoch: model.epoch,
    layers: layerViews(model),
    forward: forwardPass(model, view, Math.min(selected, view.y.length - 1)),
  };
  const transfer: Transferable[] = [];
  if (current.gridInputs) {
    const probabilities = Float32Array.from(model.predict(current.gridInputs).data);
    snapshot.grid = { size: GRID, probabilities };
    transfer.push(probabilities.buffer);
  }
  if (current.curveInputs) {
    const y = Float32Array.from(model.predict(current.curveInputs).data);
    snapshot.curve = { x: Float32Array.from(current.curveInputs.data), y };
    transfer.push(y.buffer, snapshot.curve.x.buffer);
  }
  post({ type: 'snapshot', snapshot }, transfer);
  pacer.sent();
}

function layerViews(model: Model): LayerView[] {
  return model.layers.map((layer) => {
    if (!isTrainable(layer)) return { type: layer.type };
    return {
      type: layer.type,
      inputs: layer.weights.shape[0],
      units: layer.weights.shape[1],
      weights: Float32Array.from(layer.weights.data),
      biases: Float32Array.from(layer.biases.data),
    };
  });
}

/** Runs one sample through the layers in inference mode, keeping a copy of every output. */
function forwardPass(model: Model, view: DatasetView, index: number): Snapshot['forward'] {
  const input = view.x.slice(index * view.features, (index + 1) * view.features);
  let values: Tensor = new Tensor([1, view.features], Float32Array.from(input));
  const outputs: Float32Array[] = [];
  for (const layer of model.layers) {
    values = layer.forward(values, false);
    outputs.push(Float32Array.from(values.data));
  }
  return { index, input, outputs, target: view.y[index] };
}
