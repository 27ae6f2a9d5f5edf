/**
 * A playground run, built from its config with the library alone, so the
 * worker in the page and a script in Node make exactly the same run:
 * `init(seed)`, then the training data, then the validation data, then the
 * model (its Dense layers draw their initial weights in order), then training.
 */
import {
  Model,
  Tensor,
  circlesData,
  init,
  moonsData,
  sineData,
  spiralData,
  verticalData,
  xorData,
  type NumericArray,
} from '../../src/index.js';
import { classCount, isRegression, modelSpecFor, type PlaygroundConfig } from './config.js';

export type Dataset = [Tensor, Tensor<NumericArray>];

export interface Experiment {
  config: PlaygroundConfig;
  model: Model;
  train: Dataset;
  /** A fresh sample of the same dataset (classification); none for sine, whose data is fixed. */
  validation?: Dataset;
}

/** One draw of the config's dataset from the default generator. */
export function makeDataset(config: PlaygroundConfig): Dataset {
  const classes = classCount(config);
  const noise = { noise: config.noise };
  switch (config.dataset) {
    case 'spiral':
      return spiralData(config.samples, classes);
    case 'vertical':
      return verticalData(config.samples, classes);
    case 'circles':
      return circlesData(config.samples, classes, noise);
    case 'xor':
      return xorData(config.samples, 2, noise);
    case 'moons':
      return moonsData(config.samples, 2, noise);
    case 'sine':
      return sineData(config.samples);
  }
}

/** Seeds, generates the data and builds the (finalized, untrained) model. */
export function createExperiment(config: PlaygroundConfig): Experiment {
  init(config.seed);
  const train = makeDataset(config);
  const validation = isRegression(config) ? undefined : makeDataset(config);
  const model = Model.fromSpec(modelSpecFor(config));
  model.metadata = { ...model.metadata, dataset: config.dataset, playground: config };
  return { config, model, train, validation };
}

/** The options `model.train` gets to train `epochs` more epochs. */
export function trainOptions(experiment: Experiment, epochs: number) {
  return {
    epochs,
    batchSize: experiment.config.batchSize > 0 ? experiment.config.batchSize : undefined,
    validationData: experiment.validation,
    printEvery: 0,
    reporter: null,
  } as const;
}
