/**
 * The playground page: reads the settings form, drives the training worker
 * and draws what it reports. All training happens in the worker.
 */
import {
  classCount,
  defaultConfig,
  hasClassChoice,
  hasNoise,
  isRegression,
  validateConfig,
  type DatasetName,
  type PlaygroundConfig,
} from './config.js';
import { labelOf } from '../../src/index.js';
import { FrameCoalescer } from './frame-coalescer.js';
import type { DatasetView, EpochPoint, FromWorker, Snapshot, ToWorker } from './protocol.js';
import { nodeScript } from './script.js';
import { BoundaryView } from './views/boundary.js';
import { LineChart } from './views/curves.js';
import { ForwardView } from './views/forward.js';
import { NetworkView } from './views/network.js';
import { classColor } from './views/palette.js';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`playground: missing element #${id}`);
  return element as T;
};

const form = byId<HTMLFormElement>('settings');
const trainButton = byId<HTMLButtonElement>('train');
const stepButton = byId<HTMLButtonElement>('step');
const resetButton = byId<HTMLButtonElement>('reset');
const downloadButton = byId<HTMLButtonElement>('download');
const loadInput = byId<HTMLInputElement>('load');
const status = byId<HTMLElement>('status');
const problemsLine = byId<HTMLElement>('problems');
const sampleInput = byId<HTMLInputElement>('sample');
const sampleNote = byId<HTMLElement>('sample-note');
const boundaryCanvas = byId<HTMLCanvasElement>('boundary');
const boundary = new BoundaryView(boundaryCanvas);
const lossChart = new LineChart(byId<HTMLCanvasElement>('loss'), 'loss');
const accuracyChart = new LineChart(byId<HTMLCanvasElement>('accuracy'), 'accuracy', [0, 1]);
const network = new NetworkView(byId<HTMLCanvasElement>('network'));
const forward = new ForwardView(byId<HTMLElement>('forward'));

const NUMBER_FIELDS = [
  'samples',
  'classes',
  'noise',
  'dropout',
  'l1',
  'l2',
  'initScale',
  'learningRate',
  'decay',
  'momentum',
  'batchSize',
  'epochs',
  'seed',
] as const;
const CHOICE_FIELDS = ['dataset', 'activation', 'initializer', 'optimizer'] as const;

/** Page state: what the worker last said. */
const state = {
  config: defaultConfig('spiral'),
  running: false,
  epoch: 0,
  trainSeconds: 0,
  history: [] as EpochPoint[],
  train: undefined as DatasetView | undefined,
  snapshot: undefined as Snapshot | undefined,
  layerNames: [] as string[],
  ready: false,
};

const frame = new FrameCoalescer((callback) => requestAnimationFrame(callback), render);
/** A snapshot arrived that no frame has drawn yet (the worker waits for word of it; see SnapshotPacer). */
let snapshotUndrawn = false;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (message: ToWorker, transfer: Transferable[] = []): void => worker.postMessage(message, transfer);

function field(name: string): HTMLInputElement | HTMLSelectElement {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
}

function writeForm(config: PlaygroundConfig): void {
  for (const name of NUMBER_FIELDS) field(name).value = String(config[name]);
  for (const name of CHOICE_FIELDS) field(name).value = config[name];
  field('hidden').value = config.hidden.join(', ');
  updateFieldStates(config);
}

function readForm(): PlaygroundConfig {
  const config = { ...state.config };
  for (const name of NUMBER_FIELDS) {
    const text = field(name).value.trim();
    config[name] = text === '' ? Number.NaN : Number(text);
  }
  config.dataset = field('dataset').value as DatasetName;
  config.activation = field('activation').value as PlaygroundConfig['activation'];
  config.initializer = field('initializer').value as PlaygroundConfig['initializer'];
  config.optimizer = field('optimizer').value as PlaygroundConfig['optimizer'];
  const hiddenText = field('hidden').value.trim();
  config.hidden = hiddenText === '' ? [] : hiddenText.split(/[\s,]+/).filter(Boolean).map(Number);
  if (!hasClassChoice(config.dataset)) config.classes = classCount(config);
  return config;
}

/** Greys out settings that do not apply to the chosen dataset/optimizer. */
function updateFieldStates(config: PlaygroundConfig): void {
  field('classes').disabled = !hasClassChoice(config.dataset);
  field('noise').disabled = !hasNoise(config.dataset);
  field('momentum').disabled = config.optimizer !== 'SGD';
  field('initScale').disabled = config.initializer !== 'book';
  byId('samples-label').textContent = isRegression(config) ? 'Samples' : 'Samples per class';
}

/** Settings that take effect without rebuilding the run. */
const LIVE_FIELDS = new Set(['epochs']);

let reconfigureTimer: ReturnType<typeof setTimeout> | undefined;
form.addEventListener('input', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.name === 'dataset') {
    // A new dataset brings its own sensible network and optimizer settings.
    writeForm({ ...defaultConfig(target.value as DatasetName), seed: readForm().seed });
  }
  const config = readForm();
  updateFieldStates(config);
  const problems = validateConfig(config);
  problemsLine.textContent = problems.join('; ');
  if (problems.length > 0) {
    trainButton.disabled = true;
    stepButton.disabled = true;
    return;
  }
  if (LIVE_FIELDS.has(target.name)) {
    state.config = config;
    history.replaceState(null, '', `#config=${encodeURIComponent(JSON.stringify(config))}`);
    setControls();
    updateStatus();
    return;
  }
  clearTimeout(reconfigureTimer);
  reconfigureTimer = setTimeout(() => configure(config), 250);
});
form.addEventListener('submit', (event) => event.preventDefault());

/** The settings travel in the URL (`#config={…}`), so a link or a reload reproduces the run. */
function configFromUrl(): PlaygroundConfig | undefined {
  const match = /^#config=(.*)$/.exec(location.hash);
  if (!match) return undefined;
  try {
    const saved = JSON.parse(decodeURIComponent(match[1])) as Partial<PlaygroundConfig>;
    const config = { ...defaultConfig(saved.dataset ?? 'spiral'), ...saved };
    const problems = validateConfig(config);
    if (problems.length === 0) return config;
    problemsLine.textContent = `Ignored the settings in the link: ${problems.join('; ')}`;
  } catch {
    problemsLine.textContent = 'Ignored the settings in the link: they are not valid JSON';
  }
  return undefined;
}

function configure(config: PlaygroundConfig): void {
  history.replaceState(null, '', `#config=${encodeURIComponent(JSON.stringify(config))}`);
  state.config = config;
  state.history = [];
  state.snapshot = undefined;
  state.epoch = 0;
  state.ready = false;
  setControls();
  updateStatus();
  send({ type: 'configure', config });
}

function setControls(): void {
  const problems = validateConfig(readForm()).length > 0;
  const done = state.epoch >= state.config.epochs;
  trainButton.textContent = state.running ? 'Pause' : state.epoch > 0 && !done ? 'Resume' : 'Train';
  trainButton.setAttribute('aria-pressed', String(state.running));
  trainButton.disabled = !state.ready || problems || (!state.running && done);
  stepButton.disabled = !state.ready || problems || state.running;
  resetButton.disabled = problems;
  downloadButton.disabled = !state.ready || state.running || !capabilities.modelFiles;
  loadInput.disabled = !state.ready || state.running || !capabilities.modelFiles;
}

/** What this build can do (filled in from the worker's first message). */
const capabilities = { modelFiles: false };

function toggleTraining(): void {
  if (!state.ready) return;
  if (state.running) {
    send({ type: 'pause' });
  } else if (state.epoch < state.config.epochs) {
    state.running = true;
    setControls();
    send({ type: 'train', epochs: state.config.epochs - state.epoch });
  }
}

trainButton.addEventListener('click', toggleTraining);
stepButton.addEventListener('click', () => {
  if (state.ready && !state.running) send({ type: 'step' });
});
resetButton.addEventListener('click', () => {
  const config = readForm();
  if (validateConfig(config).length === 0) configure(config);
});
downloadButton.addEventListener('click', () => send({ type: 'save', epochs: state.config.epochs }));
loadInput.addEventListener('change', async () => {
  const file = loadInput.files?.[0];
  if (!file) return;
  clearTimeout(reconfigureTimer); // a pending settings change must not replace the loaded model
  const bytes = new Uint8Array(await file.arrayBuffer());
  loadInput.value = '';
  send({ type: 'load', bytes }, [bytes.buffer]);
});
sampleInput.addEventListener('input', () => {
  const text = sampleInput.value.trim();
  const count = state.train?.y.length ?? 0;
  if (text === '' || count === 0) return; // still typing
  const asked = Number(text);
  const index = Math.min(count - 1, Math.max(0, Math.round(asked)));
  sampleNote.textContent =
    index === asked ? '' : `There is no sample ${text}: the data has ${count} samples, numbered 0 to ${count - 1}; showing sample ${index}.`;
  if (index !== asked) sampleInput.value = String(index);
  send({ type: 'select', index });
});
boundaryCanvas.addEventListener('click', (event) => {
  const index = boundary.pick(event.offsetX, event.offsetY);
  if (index >= 0) {
    sampleInput.value = String(index);
    sampleNote.textContent = '';
    send({ type: 'select', index });
  }
});
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target.closest('input, select, textarea, button, summary')) return;
  if (event.key === 't') toggleTraining();
  else if (event.key === 's') stepButton.click();
  else if (event.key === 'r') resetButton.click();
  else return;
  event.preventDefault();
});

worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'ready': {
      state.ready = true;
      state.train = message.train;
      state.config = message.config;
      // A loaded model brings its epoch count and the curves its file records.
      state.history = [...message.history];
      state.snapshot = undefined;
      state.epoch = message.epoch;
      capabilities.modelFiles = message.modelFiles;
      if (message.loaded) {
        writeForm(message.config);
        history.replaceState(null, '', `#config=${encodeURIComponent(JSON.stringify(message.config))}`);
      }
      state.layerNames = message.spec.layers.map(labelOf);
      boundary.setData(message.train);
      frame.request();
      sampleInput.max = String(message.train.y.length - 1);
      byId('summary').textContent = message.summary;
      byId('script').textContent = nodeScript(message.config);
      byId('backend').textContent = `Backend: ${message.backend}.`;
      byId('boundary-caption').textContent = isRegression(message.config)
        ? 'Fit: the line is the network’s prediction; dots = training data.'
        : 'Decision boundary: colour = class probabilities; dots = training data. Click a dot to inspect it.';
      updateStatus();
      setControls();
      break;
    }
    case 'progress':
      for (const point of message.points) state.history.push(point);
      frame.request();
      break;
    case 'snapshot':
      // Only the latest snapshot is drawn, in the next animation frame.
      state.snapshot = message.snapshot;
      state.epoch = message.snapshot.epoch;
      snapshotUndrawn = true;
      frame.request();
      break;
    case 'state':
      state.running = message.running;
      state.epoch = message.epoch;
      state.trainSeconds = message.trainSeconds;
      updateStatus();
      setControls();
      break;
    case 'model': {
      const url = URL.createObjectURL(new Blob([message.bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = message.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      break;
    }
    case 'error':
      problemsLine.textContent = message.message;
      state.running = false;
      setControls();
      break;
  }
});

function updateStatus(): void {
  const last = state.history[state.history.length - 1];
  status.dataset.epoch = String(state.epoch);
  status.dataset.curvePoints = String(state.history.length);
  status.dataset.running = String(state.running);
  status.dataset.trainSeconds = String(state.trainSeconds);
  if (!last) {
    const ready = state.epoch > 0 ? `Ready: ${epochOfTarget()} (the model file records no training curves).` : `Ready: epoch 0 of ${state.config.epochs}.`;
    status.textContent = state.ready ? ready : 'Building…';
    delete status.dataset.accuracy;
    return;
  }
  status.dataset.accuracy = String(last.accuracy);
  status.dataset.loss = String(last.loss);
  if (last.validationAccuracy !== undefined) status.dataset.validationAccuracy = String(last.validationAccuracy);
  const validation =
    last.validationLoss !== undefined
      ? ` · validation acc ${last.validationAccuracy?.toFixed(3)}, loss ${formatLoss(last.validationLoss)}`
      : '';
  const speed = state.trainSeconds > 0 ? ` · ${(state.epoch / state.trainSeconds).toFixed(0)} epochs/s` : '';
  status.textContent =
    `${epochOfTarget()} · acc ${last.accuracy.toFixed(3)}, loss ${formatLoss(last.loss)}` +
    `${validation} · lr ${last.learningRate.toPrecision(4)}${speed}${state.running ? ' · training…' : ''}`;
}

/** "Epoch 40 of 100"; Step goes on past the Epochs setting: "Epoch 1001 (1 past the 1000 set)". */
function epochOfTarget(): string {
  const { epoch } = state;
  const target = state.config.epochs;
  return epoch <= target ? `Epoch ${epoch} of ${target}` : `Epoch ${epoch} (${epoch - target} past the ${target} set)`;
}

/** Three decimals, like the book's printouts, until a regression loss drops below them. */
function formatLoss(loss: number): string {
  return loss !== 0 && Math.abs(loss) < 0.001 ? loss.toExponential(2) : loss.toFixed(3);
}

/**
 * Draws every view from the page state, at most once per animation frame
 * (see FrameCoalescer). Canvases first, DOM text after, so the frame lays
 * out once.
 */
function render(): void {
  const snapshot = state.snapshot;
  const fresh = snapshotUndrawn;
  if (fresh) {
    snapshotUndrawn = false;
    // Tell the worker now rather than after drawing: it trains on while the page draws.
    send({ type: 'drawn' });
  }
  const regression = isRegression(state.config);
  boundary.draw(snapshot);
  drawCurves();
  network.draw(snapshot, regression ? ['x'] : ['x₀', 'x₁']);
  forward.draw(snapshot, state.train, state.layerNames);
  if (fresh && snapshot) {
    sampleInput.value = String(snapshot.forward.index);
    boundaryCanvas.setAttribute(
      'aria-label',
      `${regression ? 'Fitted curve' : 'Decision boundary'} after epoch ${snapshot.epoch}, with ${state.train?.y.length ?? 0} training points`,
    );
  }
  updateStatus();
}

function drawCurves(): void {
  const points = (pick: (p: EpochPoint) => number | undefined): { x: number; y: number }[] =>
    state.history.filter((p) => pick(p) !== undefined).map((p) => ({ x: p.epoch, y: pick(p) as number }));
  lossChart.draw([
    { label: 'train', color: classColor(0), points: points((p) => p.loss) },
    { label: 'validation', color: classColor(4), dashed: true, points: points((p) => p.validationLoss) },
  ]);
  accuracyChart.draw([
    { label: 'train', color: classColor(0), points: points((p) => p.accuracy) },
    { label: 'validation', color: classColor(4), dashed: true, points: points((p) => p.validationAccuracy) },
  ]);
}

window.addEventListener('resize', () => frame.request());

state.config = configFromUrl() ?? state.config;
writeForm(state.config);
frame.request();
configure(state.config);
