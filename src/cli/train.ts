import { ArgumentError } from '../errors.js';
import { classWeights as balancedClassWeights } from '../data/preprocessing/class-weights.js';
import { getBackend } from '../backend/registry.js';
import { Checkpoint } from '../io/checkpoint.js';
import { loadModel, saveModel } from '../io/model-file.js';
import { Model } from '../model/model.js';
import { recordTrainingHistory } from '../model/training-history.js';
import { EarlyStopping } from '../model/early-stopping.js';
import type { Callback } from '../model/callback.js';
import type { EpochLog } from '../model/history.js';
import { init, getDefaultGenerator } from '../random/default.js';
import type { PlotInput } from '../viz/write-plots.js';
import { gather, loadTrainingData, type Split, type TrainingData } from './datasets.js';
import { buildCnnSpec, buildModelSpec } from './model-spec.js';
import { describeLayers, fitsShape, modelInputShape, predictClasses, samplesFor } from './model-helpers.js';
import { formatBatchShape } from '../layers/layer-spec.js';
import { CNN_PRESET, defaultEpochs, type Preset } from './presets.js';
import { EXIT, type Console } from './program.js';
import { ProgressDisplay } from './progress.js';
import { OutputFolders } from './output-folders.js';
import { measureRegression, regressionEntries, regressionEpochs, type RegressionEpoch, type RegressionResults } from './regression-metrics.js';
import type { ModelSpec } from '../model/architecture.js';
import { EARLY_STOPPING_VALIDATION_SPLIT, IMAGE_SHAPES, type TrainConfig } from './train-options.js';
import { printable } from './printable.js';

/** One evaluated split, as `--json` gives it. */
interface SplitResults {
  samples: number;
  loss: number;
  accuracy: number;
  rootMeanSquaredError?: number;
  meanAbsoluteError?: number;
  coefficientOfDetermination?: number;
}

/**
 * `scratchnet train`: loads the data, builds (or resumes) the model, trains it
 * with a progress bar, reports the validation and test metrics apart, then
 * writes the model and plots. Early stopping watches a validation split of
 * the training rows, never the test set, and ends with the best epoch's
 * weights. Ctrl-C stops after the current step and saves a checkpoint of the
 * last whole epoch (exit 130): the interrupted epoch is undone, and
 * `--resume` trains it again from its start. Folders this run created stay
 * only if something was written into them.
 */
export async function runTrain(config: TrainConfig, console: Console): Promise<number> {
  return OutputFolders.during((folders) => train(config, console, folders));
}

async function train(config: TrainConfig, console: Console, folders: OutputFolders): Promise<number> {
  init(config.seed);
  const loaded = limitSamples(await loadTrainingData(config.data, config.testSet), config.limit);
  for (const note of loaded.notes) console.out(printable(note));
  const image = config.data.kind === 'builtin' ? IMAGE_SHAPES[config.data.name] : undefined;
  const preset = config.model === 'cnn' ? CNN_PRESET : loaded.preset;
  const validationSplit = config.validationSplit ?? (config.earlyStopping !== undefined ? EARLY_STOPPING_VALIDATION_SPLIT : 0);
  // Split before the model exists: a resumed run draws the same split and then
  // restores the generator state saved with the checkpoint, so it continues exactly.
  const split = splitValidation(loaded, validationSplit);
  const model = config.resume !== undefined ? await loadModel(config.resume) : Model.fromSpec(modelSpec(config, loaded, preset, image));
  // The samples in the model's shape: Fashion-MNIST rows become [28, 28, 1] images for a CNN.
  const feed = (part: Split): Split => ({ x: samplesFor(model, part.x, image), y: part.y });
  const data: TrainingData = { ...loaded, train: feed(loaded.train), test: loaded.test && feed(loaded.test) };
  const trainSplit = feed(split.train);
  // The data each epoch's val_ columns measure: the validation split, or (without one) the test set, as the book does.
  const validation = split.validation && feed(split.validation);
  const monitored = validation ?? data.test;
  checkInputShape(model, data, config);
  model.metadata = { ...model.metadata, ...data.metadata, seed: config.seed };
  const batchSize = config.batchSize ?? preset.batchSize;
  const samples = trainSplit.x.shape[0];
  const epochs = config.epochs ?? defaultEpochs(preset, samples, batchSize);
  if (model.epoch >= epochs) {
    throw new ArgumentError(`--epochs counts the total with --resume: ${config.resume} has ${model.epoch} epochs already, received ${epochs}`);
  }
  if (config.epochs === undefined && epochs > preset.epochs) {
    const steps = batchSize === undefined ? 1 : Math.ceil(samples / batchSize);
    console.out(`epochs: ${epochs}, so that ${samples} rows (${steps} steps per epoch) train for at least ${preset.minSteps} steps (--epochs sets them)`);
  }
  const weights = classWeightsFor(config, data, trainSplit, console);

  let regressionHistory: RegressionEpoch[] | undefined;
  let describeEpoch: ((log: EpochLog) => string) | undefined;
  if (data.shape.task === 'regression' && monitored !== undefined) {
    const tracker = regressionEpochs(model, monitored, data.targetScaler, batchSize);
    regressionHistory = tracker.epochs;
    describeEpoch = tracker.describe;
  }
  const display = new ProgressDisplay(console.out, process.stderr, describeEpoch);
  const callbacks: Callback[] = [];
  const checkpointPath = checkpointFile(config);
  if (config.checkpointEvery !== undefined) {
    await folders.forFile(checkpointPath);
    // Before early stopping: the last checkpoint holds the last epoch's state (to resume exactly), not the restored weights.
    callbacks.push(new Checkpoint({ path: checkpointPath, every: config.checkpointEvery }));
  }
  const earlyStopping =
    config.earlyStopping !== undefined
      ? new EarlyStopping({ monitor: 'validationLoss', patience: config.earlyStopping, restoreBestWeights: config.restoreBestWeights })
      : undefined;
  if (earlyStopping !== undefined) callbacks.push(earlyStopping);

  let interrupted = false;
  const onInterrupt = (): void => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    model.stopTraining = true;
    display.stopBar();
    console.err('interrupted: saving a checkpoint (Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onInterrupt);

  const validationNote = validation !== undefined ? `, ${validation.x.shape[0]} held out for validation` : '';
  console.out(`training on ${data.name}: ${samples} samples${validationNote}, ${describeLayers(model)}`);
  const started = new Date();
  let history;
  try {
    history = await model.train(trainSplit.x, trainSplit.y, {
      // --epochs counts the total, so a resumed run trains the rest.
      epochs: epochs - model.epoch,
      batchSize,
      printEvery: 0,
      reporter: display,
      validationData: monitored === undefined ? undefined : [monitored.x, monitored.y],
      callbacks,
      ...(weights !== undefined ? { classWeights: weights } : {}),
    });
  } finally {
    display.stopBar();
    process.off('SIGINT', onInterrupt);
  }
  if (interrupted) {
    const discarded = history.discardedEpoch;
    if (discarded !== undefined) {
      console.err(
        `epoch ${discarded.epoch} stopped after ${discarded.stepsDone} of ${discarded.stepsPerEpoch} steps: its steps are undone, and --resume trains it again from its start`,
      );
    }
    await folders.forFile(checkpointPath);
    model.metadata = recordTrainingHistory(model.metadata, history.epochs);
    await saveModel(model, checkpointPath);
    console.err(`checkpoint of epoch ${model.epoch} saved to ${checkpointPath}; continue with --resume ${checkpointPath}`);
    return EXIT.interrupted;
  }

  if (earlyStopping?.stoppedEpoch != null) {
    console.out(
      `early stopping after epoch ${earlyStopping.stoppedEpoch}: the validation loss has not improved for ${earlyStopping.patience} epochs`,
    );
  }
  if (earlyStopping?.restored) {
    console.out(`restored the weights of epoch ${earlyStopping.bestEpoch}, the lowest validation loss (${earlyStopping.best.toFixed(4)})`);
  }

  const metrics: Record<string, number> = {};
  const last = history.epochs.at(-1);
  if (last !== undefined) {
    metrics['training loss'] = last.loss;
    metrics['training accuracy'] = last.accuracy;
  }
  const results: Record<string, SplitResults> = {};
  let regression: RegressionResults | undefined;
  const report = (label: string, part: Split): RegressionResults | undefined => {
    const { loss, accuracy } = model.evaluate(part.x, part.y, { batchSize });
    const entry: SplitResults = { samples: part.x.shape[0], loss, accuracy };
    metrics[`${label} loss`] = loss;
    metrics[`${label} accuracy`] = accuracy;
    if (data.shape.task !== 'regression') {
      console.out(`${label} accuracy: ${accuracy.toFixed(4)}, loss: ${loss.toFixed(4)}`);
      results[label] = entry;
      return undefined;
    }
    // Regression leads with errors in the target's units; the book's precision accuracy follows.
    const measured = measureRegression(model, part, data.targetScaler, batchSize);
    metrics[`${label} RMSE`] = measured.rootMeanSquaredError;
    metrics[`${label} MAE`] = measured.meanAbsoluteError;
    metrics[`${label} R²`] = measured.coefficientOfDetermination;
    console.out(`${label} ${regressionEntries(measured).map(([name, value]) => `${name}: ${value}`).join(', ')}`);
    console.out(`${label} accuracy (the book's |ŷ − y| < std(y)/250): ${accuracy.toFixed(4)}, loss: ${loss.toFixed(4)}`);
    results[label] = {
      ...entry,
      rootMeanSquaredError: measured.rootMeanSquaredError,
      meanAbsoluteError: measured.meanAbsoluteError,
      coefficientOfDetermination: measured.coefficientOfDetermination,
    };
    return measured;
  };
  if (validation !== undefined) regression = report('validation', validation);
  const testLabel = data.testLabel === 'test' ? 'test' : `test (${printable(data.testLabel)})`;
  if (data.test !== undefined) regression = report(testLabel, data.test) ?? regression;
  const shown = data.test ?? validation;

  if (config.out !== undefined) {
    await folders.forFile(config.out);
    // The curves travel with the model (the playground draws them on load); a resumed run adds its epochs.
    model.metadata = recordTrainingHistory(model.metadata, history.epochs);
    await saveModel(model, config.out);
    console.out(`model written to ${config.out}`);
  } else {
    console.out('model not saved: add --out <file>.safetensors to keep it');
  }
  let plots: string | undefined;
  if (config.plot !== undefined) {
    // Loaded only when asked for: the chart libraries take a while to import.
    const { writePlots } = await import('../viz/write-plots.js');
    const settings = { epochs, batchSize, validationSplit, seed: config.seed };
    await folders.folder(config.plot);
    const report: Partial<PlotInput> = {
      // What the val_ curves measured: the validation split, or the test set (see `monitored`).
      heldOut: validation === undefined && data.test !== undefined ? 'test' : 'validation',
      run: { started, seconds: (Date.now() - started.getTime()) / 1000 },
      classification: shown !== undefined && data.shape.task === 'classification'
        ? { x: shown.x, actual: shown.y.data, predict: (x) => predictClasses(model, x), classNames: data.classNames, imageShape: image && [image[0], image[1]] }
        : undefined,
    };
    const written = await writePlots(config.plot, { ...plotInput(model, data, history.epochs, settings, metrics, shown, regression, regressionHistory), ...report });
    plots = written.report;
    console.out(`plots written to ${config.plot} (open ${written.report})`);
  }
  console.result?.({
    command: 'train',
    dataset: data.name,
    task: data.shape.task,
    layers: describeLayers(model),
    samples,
    epochs: model.epoch,
    ...(earlyStopping !== undefined ? { earlyStopping: { stoppedEpoch: earlyStopping.stoppedEpoch, bestEpoch: earlyStopping.bestEpoch, restored: earlyStopping.restored } } : {}),
    history: history.epochs.map((log, index) => ({ ...log, ...regressionHistory?.[index] })),
    ...results,
    model: config.out ?? null,
    report: plots ?? null,
  });
  return EXIT.ok;
}

/**
 * `--class-weights`: `balanced` (n / (k · count[c]) over the training rows)
 * or one weight per class, printed by class name; classification only.
 */
function classWeightsFor(config: TrainConfig, data: TrainingData, train: Split, console: Console): number[] | undefined {
  if (config.classWeights === undefined) return undefined;
  if (data.shape.task !== 'classification') {
    throw new ArgumentError(`--class-weights only applies to classification, received ${data.name} (regression)`);
  }
  const classes = data.shape.outputs;
  const names = data.classNames ?? Array.from({ length: classes }, (_, id) => String(id));
  const weights = config.classWeights === 'balanced' ? balancedClassWeights(train.y, { numClasses: classes }) : config.classWeights;
  if (weights.length !== classes) {
    throw new ArgumentError(`--class-weights must give one weight per class, ${classes} for ${data.name} (${names.join(', ')}), received ${weights.length}`);
  }
  const shown = weights.map((weight, id) => `${names[id]} ${Number(weight.toPrecision(4))}`).join(', ');
  console.out(printable(`class weights${config.classWeights === 'balanced' ? ' (balanced)' : ''}: ${shown}`));
  return weights;
}

/**
 * The architecture: `--config` (its loss/optimizer/accuracy default to the
 * task's), or the flags over the preset (`--model cnn`: over CNN_PRESET, for
 * images of shape `image`).
 */
function modelSpec(config: TrainConfig, data: TrainingData, preset: Preset, image: readonly number[] | undefined): ModelSpec {
  const fromFlags = config.model === 'cnn' && image !== undefined ? buildCnnSpec(config, preset, data.shape, image) : buildModelSpec(config, preset, data.shape);
  if (config.config === undefined) return fromFlags;
  return {
    ...config.config,
    loss: config.config.loss ?? fromFlags.loss,
    optimizer: config.config.optimizer ?? fromFlags.optimizer,
    accuracy: config.config.accuracy ?? fromFlags.accuracy,
  };
}

/** The model must take the samples the data gives (feature columns, or images of some height, width and channels). */
function checkInputShape(model: Model, data: TrainingData, config: TrainConfig): void {
  const required = modelInputShape(model);
  const sample = data.train.x.shape.slice(1);
  if (!fitsShape(required, sample)) {
    const source = config.resume !== undefined ? `--resume ${config.resume}` : `--config ${config.configPath ?? ''}`;
    throw new ArgumentError(`${source}: the model takes samples of shape ${formatBatchShape(required)}, but ${data.name} gives ${formatBatchShape(sample)}`);
  }
}

/** Checkpoints go next to `--out` (`model.checkpoint.safetensors`), else into the current folder. */
export function checkpointFile(config: Pick<TrainConfig, 'out'>): string {
  if (config.out === undefined) return 'scratchnet-checkpoint.safetensors';
  return config.out.replace(/(\.safetensors)?$/, '.checkpoint.safetensors');
}

/**
 * Validation data: with a validation split `f` > 0, a seeded random `f` of
 * the training rows is held out; with 0 there is none (and each epoch's val_
 * columns measure the test set, as the book validates on its test set).
 */
function splitValidation(data: TrainingData, fraction: number): { train: Split; validation?: Split } {
  if (fraction === 0) return { train: data.train };
  const rows = data.train.x.shape[0];
  const held = Math.ceil(rows * fraction);
  if (held >= rows) {
    throw new ArgumentError(`--validation-split ${fraction} leaves no training rows out of ${rows}`);
  }
  const order = getDefaultGenerator().permutation(rows);
  return {
    train: takeRows(data.train, order.subarray(held)),
    validation: takeRows(data.train, order.subarray(0, held)),
  };
}

function takeRows(split: Split, rows: Int32Array): Split {
  return { x: gather(split.x, rows), y: gather(split.y, rows) };
}

/**
 * `--limit n`: a seeded random n samples of the training split and of the
 * test split (a split with fewer is kept whole), for quick trials. Random,
 * not the first n, because Fashion-MNIST is ordered by class.
 */
function limitSamples(data: TrainingData, limit: number | undefined): TrainingData {
  if (limit === undefined) return data;
  const pick = (split: Split): Split => {
    const rows = split.x.shape[0];
    return rows <= limit ? split : takeRows(split, getDefaultGenerator().permutation(rows).subarray(0, limit));
  };
  return { ...data, train: pick(data.train), test: data.test && pick(data.test) };
}

function plotInput(
  model: Model,
  data: TrainingData,
  epochs: readonly EpochLog[],
  settings: { epochs: number; batchSize: number | undefined; validationSplit: number; seed: number },
  metrics: Record<string, number>,
  test: Split | undefined,
  regression: RegressionResults | undefined,
  regressionHistory: readonly RegressionEpoch[] | undefined,
): PlotInput {
  const spec = model.toSpec();
  const input: PlotInput = {
    title: `scratchnet: ${data.name}`,
    history: epochs,
    metrics,
    configuration: {
      dataset: data.name,
      layers: describeLayers(model),
      loss: spec.loss?.type ?? null,
      optimizer: spec.optimizer === undefined ? null : JSON.stringify(spec.optimizer),
      epochs: settings.epochs,
      'batch size': settings.batchSize ?? 'full batch',
      'validation split': settings.validationSplit,
      seed: settings.seed,
      backend: getBackend().name,
    },
  };
  if (data.shape.task === 'classification' && data.shape.inputs === 2) {
    input.decisionBoundary = {
      x: data.train.x,
      classes: data.train.y.data,
      predict: (grid) => predictClasses(model, grid),
      classNames: data.classNames,
    };
  }
  if (test !== undefined && regression !== undefined) {
    // In the target's own units, as the metrics (tables train on a standardized target).
    const actual = regression.actual.data;
    const predicted = regression.predicted.data;
    if (data.shape.inputs === 1) input.regressionFit = { x: test.x.data, actual, predicted };
    input.predictedVsActual = { actual, predicted };
  }
  if (regressionHistory !== undefined && regressionHistory.length > 0) input.regressionHistory = regressionHistory;
  return input;
}
