import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ArgumentError } from '../errors.js';
import { getBackend } from '../backend/registry.js';
import { Checkpoint } from '../io/checkpoint.js';
import { loadModel, saveModel } from '../io/model-file.js';
import { Model } from '../model/model.js';
import { EarlyStopping } from '../model/early-stopping.js';
import type { Callback } from '../model/callback.js';
import type { EpochLog } from '../model/history.js';
import { init, getDefaultGenerator } from '../random/default.js';
import type { PlotInput } from '../viz/write-plots.js';
import { gather, loadTrainingData, type Split, type TrainingData } from './datasets.js';
import { buildCnnSpec, buildModelSpec } from './model-spec.js';
import { describeLayers, fitsShape, modelInputShape, predictClasses, samplesFor } from './model-helpers.js';
import { formatBatchShape } from '../layers/layer-spec.js';
import { CNN_PRESET, type Preset } from './presets.js';
import { EXIT, type Console } from './program.js';
import { ProgressDisplay } from './progress.js';
import { measureRegression, regressionEntries, type RegressionResults } from './regression-metrics.js';
import type { ModelSpec } from '../model/architecture.js';
import { IMAGE_SHAPES, type TrainConfig } from './train-options.js';

/**
 * `scratchnet train`: loads the data, builds (or resumes) the model, trains it
 * with a progress bar, reports test metrics, then writes the model and plots.
 * Ctrl-C stops after the current step and saves a checkpoint of the last
 * whole epoch (exit 130): the interrupted epoch is undone, and `--resume`
 * trains it again from its start.
 */
export async function runTrain(config: TrainConfig, console: Console): Promise<number> {
  init(config.seed);
  const loaded = limitSamples(await loadTrainingData(config.data), config.limit);
  const image = config.data.kind === 'builtin' ? IMAGE_SHAPES[config.data.name] : undefined;
  const preset = config.model === 'cnn' ? CNN_PRESET : loaded.preset;
  // Split before the model exists: a resumed run draws the same split and then
  // restores the generator state saved with the checkpoint, so it continues exactly.
  const split = splitValidation(loaded, config.validationSplit);
  const model = config.resume !== undefined ? await loadModel(config.resume) : Model.fromSpec(modelSpec(config, loaded, preset, image));
  // The samples in the model's shape: Fashion-MNIST rows become [28, 28, 1] images for a CNN.
  const feed = (part: Split): Split => ({ x: samplesFor(model, part.x, image), y: part.y });
  const data: TrainingData = { ...loaded, train: feed(loaded.train), test: loaded.test && feed(loaded.test) };
  const train = feed(split.train);
  const validation = split.validation && feed(split.validation);
  checkInputShape(model, data, config);
  model.metadata = { ...model.metadata, ...data.metadata, seed: config.seed };
  const epochs = config.epochs ?? preset.epochs;
  if (model.epoch >= epochs) {
    throw new ArgumentError(`--epochs counts the total with --resume: ${config.resume} has ${model.epoch} epochs already, received ${epochs}`);
  }
  const batchSize = config.batchSize ?? preset.batchSize;

  const display = new ProgressDisplay(console.out);
  const callbacks: Callback[] = [];
  const earlyStopping =
    config.earlyStopping !== undefined && validation !== undefined
      ? new EarlyStopping({ monitor: 'validationLoss', patience: config.earlyStopping })
      : undefined;
  if (earlyStopping !== undefined) callbacks.push(earlyStopping);
  const checkpointPath = checkpointFile(config);
  if (config.checkpointEvery !== undefined) {
    await mkdir(dirname(resolve(checkpointPath)), { recursive: true });
    callbacks.push(new Checkpoint({ path: checkpointPath, every: config.checkpointEvery }));
  }

  let interrupted = false;
  const onInterrupt = (): void => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    model.stopTraining = true;
    display.stopBar();
    console.err('interrupted: saving a checkpoint (Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onInterrupt);

  console.out(`training on ${data.name}: ${train.x.shape[0]} samples, ${describeLayers(model)}`);
  const started = new Date();
  let history;
  try {
    history = await model.train(train.x, train.y, {
      // --epochs counts the total, so a resumed run trains the rest.
      epochs: epochs - model.epoch,
      batchSize,
      printEvery: 0,
      reporter: display,
      validationData: validation === undefined ? undefined : [validation.x, validation.y],
      callbacks,
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
    await mkdir(dirname(resolve(checkpointPath)), { recursive: true });
    await saveModel(model, checkpointPath);
    console.err(`checkpoint of epoch ${model.epoch} saved to ${checkpointPath}; continue with --resume ${checkpointPath}`);
    return EXIT.interrupted;
  }

  if (earlyStopping?.stoppedEpoch != null) {
    console.out(
      `early stopping after epoch ${earlyStopping.stoppedEpoch}: the validation loss has not improved for ${earlyStopping.patience} epochs`,
    );
  }

  const metrics: Record<string, number> = {};
  const last = history.epochs.at(-1);
  if (last !== undefined) {
    metrics['training loss'] = last.loss;
    metrics['training accuracy'] = last.accuracy;
  }
  const test = config.validationSplit === 0 ? data.test : validation;
  let regression: RegressionResults | undefined;
  if (test !== undefined) {
    const { loss, accuracy } = model.evaluate(test.x, test.y, { batchSize });
    const label = config.validationSplit === 0 && data.test !== undefined ? 'test' : 'validation';
    metrics[`${label} loss`] = loss;
    metrics[`${label} accuracy`] = accuracy;
    let line = `${label} accuracy: ${accuracy.toFixed(4)}, loss: ${loss.toFixed(4)}`;
    if (data.shape.task === 'regression') {
      regression = measureRegression(model, test, data.targetScaler, batchSize);
      metrics[`${label} RMSE`] = regression.rootMeanSquaredError;
      metrics[`${label} MAE`] = regression.meanAbsoluteError;
      metrics[`${label} R²`] = regression.coefficientOfDetermination;
      line += regressionEntries(regression).map(([name, value]) => `, ${name}: ${value}`).join('');
    }
    console.out(line);
  }

  if (config.out !== undefined) {
    await mkdir(dirname(resolve(config.out)), { recursive: true });
    await saveModel(model, config.out);
    console.out(`model written to ${config.out}`);
  }
  if (config.plot !== undefined) {
    // Loaded only when asked for: the chart libraries take a while to import.
    const { writePlots } = await import('../viz/write-plots.js');
    const settings = { epochs, batchSize, validationSplit: config.validationSplit, seed: config.seed };
    const heldOut = config.validationSplit === 0 && data.test !== undefined ? 'test' : 'validation';
    const report: Partial<PlotInput> = {
      heldOut,
      run: { started, seconds: (Date.now() - started.getTime()) / 1000 },
      classification: test !== undefined && data.shape.task === 'classification'
        ? { x: test.x, actual: test.y.data, predict: (x) => predictClasses(model, x), classNames: data.classNames, imageShape: image && [image[0], image[1]] }
        : undefined,
    };
    const written = await writePlots(config.plot, { ...plotInput(model, data, history.epochs, settings, metrics, test, regression), ...report });
    console.out(`plots written to ${config.plot} (open ${written.report})`);
  }
  return EXIT.ok;
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
 * Validation data: with `--validation-split f`, a seeded random `f` of the
 * training rows is held out; otherwise the dataset's own test split is used,
 * as the book validates on its test set.
 */
function splitValidation(data: TrainingData, fraction: number): { train: Split; validation?: Split } {
  if (fraction === 0) return { train: data.train, validation: data.test };
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
  return input;
}
