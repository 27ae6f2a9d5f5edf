import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrainOptions, type RawTrainOptions } from '../../src/cli/train-options.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-options-'));
  await writeFile(join(dir, 'rows.csv'), 'a,b,y\n1,2,3\n');
  await writeFile(join(dir, 'model.json'), '{"layers": []}');
  await writeFile(join(dir, 'broken.json'), '{"layers": [');
  await writeFile(join(dir, 'deep.json'), `{"layers": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  await mkdir(join(dir, 'folder'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseTrainOptions', () => {
  it('parses every flag of a built-in dataset run', () => {
    const config = parseTrainOptions('spiral', {
      hidden: '64,32',
      activation: 'ReLU',
      dropout: '0.1',
      optimizer: 'sgd',
      lr: '1e-2',
      decay: '0.001',
      momentum: '0.9',
      epochs: '5',
      batchSize: '32',
      validationSplit: '0.2',
      seed: '7',
      out: join(dir, 'new', 'model.safetensors'),
      plot: join(dir, 'plots'),
      checkpointEvery: '2',
      earlyStopping: '3',
      verbose: true,
    });
    expect(config).toEqual({
      data: { kind: 'builtin', name: 'spiral' },
      hidden: [64, 32],
      activation: 'relu',
      dropout: 0.1,
      optimizer: 'sgd',
      learningRate: 0.01,
      decay: 0.001,
      momentum: 0.9,
      epochs: 5,
      batchSize: 32,
      validationSplit: 0.2,
      seed: 7,
      out: join(dir, 'new', 'model.safetensors'),
      plot: join(dir, 'plots'),
      checkpointEvery: 2,
      resume: undefined,
      earlyStopping: 3,
      restoreBestWeights: true,
      testSet: { testSize: undefined, stratify: false, testCsv: undefined },
      classWeights: undefined,
      limit: undefined,
      json: false,
      verbose: true,
    });
  });

  it('parses a CSV run and reads --config', () => {
    const config = parseTrainOptions(undefined, {
      csv: join(dir, 'rows.csv'),
      target: 'y',
      task: 'regression',
      config: join(dir, 'model.json'),
    });
    expect(config.data).toEqual({
      kind: 'csv', path: join(dir, 'rows.csv'), target: 'y', task: 'regression', drop: undefined, features: undefined, maxCategories: undefined,
    });
    expect(config.config).toEqual({ format: 'scratchnet', version: 1, layers: [] });
    expect(config.seed).toBe(0);
    // undefined: none, or the early-stopping default when --early-stopping is given
    expect(config.validationSplit).toBeUndefined();
  });

  it('fills in the Dense options a --config leaves out', async () => {
    await writeFile(join(dir, 'dense.json'), JSON.stringify({ layers: [{ type: 'Dense', inputs: 2, units: 3, weightRegularizerL2: 0.01 }, { type: 'Softmax' }] }));
    const config = parseTrainOptions('spiral', { config: join(dir, 'dense.json') });
    expect(config.config?.layers).toEqual([
      {
        type: 'Dense', inputs: 2, units: 3, initializer: { kind: 'book', scale: 0.01 },
        weightRegularizerL1: 0, weightRegularizerL2: 0.01, biasRegularizerL1: 0, biasRegularizerL2: 0,
      },
      { type: 'Softmax' },
    ]);
    await writeFile(join(dir, 'with-optimizer.json'), JSON.stringify({ layers: [], optimizer: { type: 'SGD', learningRate: 1, decay: 0, momentum: 0 } }));
    expect(() => parseTrainOptions('spiral', { config: join(dir, 'with-optimizer.json'), lr: '0.1' })).toThrow(
      `--config ${join(dir, 'with-optimizer.json')} sets the optimizer, received --lr too`,
    );
  });

  const cases: [string, string | undefined, Record<string, string | boolean>, string][] = [
    ['unknown dataset', 'mnist', {}, 'dataset must be one of fashion-mnist, spiral, vertical, sine, california-housing, california-housing-sklearn, received "mnist"'],
    ['no dataset', undefined, {}, 'train needs a dataset (fashion-mnist, spiral, vertical, sine, california-housing, california-housing-sklearn) or --csv <file>, received none'],
    ['zero epochs', 'spiral', { epochs: '0' }, '--epochs must be an integer >= 1, received "0"'],
    ['fractional epochs', 'spiral', { epochs: '1.5' }, '--epochs must be an integer >= 1, received "1.5"'],
    ['negative lr', 'spiral', { lr: '-1' }, '--lr must be a finite number > 0, received "-1"'],
    ['NaN lr', 'spiral', { lr: 'NaN' }, '--lr must be a finite number > 0, received "NaN"'],
    ['Infinity lr', 'spiral', { lr: 'Infinity' }, '--lr must be a finite number > 0, received "Infinity"'],
    ['zero batch size', 'spiral', { batchSize: '0' }, '--batch-size must be an integer >= 1, received "0"'],
    ['dropout 1', 'spiral', { dropout: '1' }, '--dropout must be a number in [0, 1), received "1"'],
    ['bad hidden', 'spiral', { hidden: '128,,64' }, '--hidden must be a comma-separated list of integers >= 1, or "none" (or "") for no hidden layer, received "128,,64"'],
    ['seed past 32 bits', 'spiral', { seed: '4294967296' }, '--seed must be an integer in [0, 4294967295], received "4294967296"'],
    ['negative seed', 'spiral', { seed: '-1' }, '--seed must be an integer in [0, 4294967295], received "-1"'],
    ['resume and lr', 'spiral', { resume: 'c.safetensors', lr: '0.1' }, "--resume continues with the checkpoint's optimizer and its state, received --lr too"],
    ['resume and optimizer', 'spiral', { resume: 'c.safetensors', optimizer: 'sgd' }, "--resume continues with the checkpoint's optimizer and its state, received --optimizer too"],
    ['resume and decay', 'spiral', { resume: 'c.safetensors', decay: '0' }, "--resume continues with the checkpoint's optimizer and its state, received --decay too"],
    ['drop without csv', 'spiral', { drop: 'id' }, '--drop only applies with --csv, received dataset "spiral"'],
    ['test-csv without csv', 'spiral', { testCsv: 'x.csv' }, '--test-csv only applies with --csv, received dataset "spiral"'],
    ['test-size on a dataset with its own test set', 'spiral', { testSize: '0.3' }, '--test-size only applies to tables (--csv, california-housing, california-housing-sklearn), received dataset "spiral" (it has its own test set)'],
    ['stratify a regression', 'california-housing', { stratify: true }, '--stratify only applies to classification, received dataset "california-housing" (regression)'],
    ['class weights for a regression', 'sine', { classWeights: 'balanced' }, '--class-weights only applies to classification, received dataset "sine" (regression)'],
    ['bad class weights', 'spiral', { classWeights: '1,x' }, '--class-weights must be "balanced" or a comma-separated list of numbers >= 0 (one per class), received "1,x"'],
    ['test-size 1', 'california-housing', { testSize: '1' }, '--test-size must be a number in (0, 1), received "1"'],
    ['early stopping on the test set', 'spiral', { earlyStopping: '3', validationSplit: '0' }, '--early-stopping watches a validation split of the training rows, never the test set: --validation-split must be > 0, received 0'],
    ['restore without early stopping', 'spiral', { restoreBestWeights: false }, '--no-restore-best-weights only applies with --early-stopping, received no --early-stopping'],
    ['unknown optimizer', 'spiral', { optimizer: 'lbfgs' }, '--optimizer must be one of adam, sgd, adagrad, rmsprop, received "lbfgs"'],
    ['momentum without sgd', 'spiral', { momentum: '0.9' }, '--momentum only applies to --optimizer sgd, received --optimizer (default)'],
    ['negative decay', 'spiral', { decay: '-0.1' }, '--decay must be a finite number >= 0, received "-0.1"'],
    ['csv and dataset', 'spiral', { csv: 'x.csv', target: 'y' }, 'give either a dataset or --csv, received both "spiral" and --csv "x.csv"'],
    ['csv without target', undefined, { csv: 'x.csv' }, '--csv needs --target <column>, received none'],
    ['target without csv', 'spiral', { target: 'y' }, '--target only applies with --csv, received dataset "spiral"'],
    ['config and hidden', 'spiral', { config: 'm.json', hidden: '3' }, '--config replaces --hidden, received both'],
    ['config and model', 'fashion-mnist', { config: 'm.json', model: 'cnn' }, '--config replaces --model, received both'],
    ['resume and model', 'fashion-mnist', { resume: 'c.safetensors', model: 'cnn' }, '--resume takes the architecture from the checkpoint, received --model too'],
    ['unknown model', 'fashion-mnist', { model: 'rnn' }, '--model must be one of mlp, cnn, received "rnn"'],
    ['a cnn on points', 'spiral', { model: 'cnn' }, '--model cnn needs a dataset of images (fashion-mnist), received "spiral"'],
    ['zero limit', 'spiral', { limit: '0' }, '--limit must be an integer >= 1, received "0"'],
  ];
  for (const [name, dataset, raw, message] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => parseTrainOptions(dataset, raw as RawTrainOptions)).toThrow(message);
    });
  }

  it('parses the table flags, and --hidden none or "" as no hidden layer', () => {
    const csv = join(dir, 'rows.csv');
    const config = parseTrainOptions(undefined, {
      csv, target: 'y', drop: 'a, b', maxCategories: '50', testSize: '0.25', stratify: true, classWeights: '1,2.5', json: true,
    });
    expect(config.data).toEqual({ kind: 'csv', path: csv, target: 'y', task: undefined, drop: ['a', 'b'], features: undefined, maxCategories: 50 });
    expect(config.testSet).toEqual({ testSize: 0.25, stratify: true, testCsv: undefined });
    expect(config.classWeights).toEqual([1, 2.5]);
    expect(config.json).toBe(true);
    expect(parseTrainOptions(undefined, { csv, target: 'y', features: 'a', testCsv: csv, classWeights: 'Balanced' })).toMatchObject({
      data: { features: ['a'] }, testSet: { testCsv: csv }, classWeights: 'balanced',
    });
    for (const none of ['none', '', ' NONE ']) expect(parseTrainOptions('spiral', { hidden: none }).hidden).toEqual([]);
    expect(parseTrainOptions('spiral', { seed: '4294967295' }).seed).toBe(4294967295);
  });

  it('rejects table flags that contradict each other', () => {
    const csv = join(dir, 'rows.csv');
    expect(() => parseTrainOptions(undefined, { csv, target: 'y', drop: 'a', features: 'b' })).toThrow(
      'give --features (the columns to keep) or --drop (the columns to ignore), received both',
    );
    expect(() => parseTrainOptions(undefined, { csv, target: 'y', drop: 'a,y' })).toThrow('--drop must not name the target "y", received "a,y"');
    expect(() => parseTrainOptions(undefined, { csv, target: 'y', features: 'a,,b' })).toThrow(
      '--features must be a comma-separated list of column names, received "a,,b" (has an empty name)',
    );
    expect(() => parseTrainOptions(undefined, { csv, target: 'y', drop: 'a,a' })).toThrow(
      '--drop must be a comma-separated list of column names, received "a,a" (names "a" twice)',
    );
    expect(() => parseTrainOptions(undefined, { csv, target: 'y', testCsv: csv, testSize: '0.1' })).toThrow(
      '--test-csv is the test set, so no rows are held out: --test-size does not apply, received both',
    );
    expect(() => parseTrainOptions(undefined, { csv, target: 'y', task: 'regression', stratify: true })).toThrow(
      '--stratify only applies to classification, received --task regression',
    );
    expect(() => parseTrainOptions(undefined, { csv, target: 'y', maxCategories: '1' })).toThrow('--max-categories must be an integer >= 2, received "1"');
  });

  it('parses --model and --limit', () => {
    expect(parseTrainOptions('fashion-mnist', { model: 'CNN', limit: '500' })).toMatchObject({ model: 'cnn', limit: 500 });
    expect(parseTrainOptions('spiral', { model: 'mlp' }).model).toBe('mlp');
    expect(parseTrainOptions('spiral', {}).model).toBeUndefined();
  });

  it('rejects --model cnn on a CSV file, which holds rows of features', () => {
    expect(() => parseTrainOptions(undefined, { csv: join(dir, 'rows.csv'), target: 'y', model: 'cnn' })).toThrow(
      `--model cnn needs a dataset of images (fashion-mnist), received --csv ${join(dir, 'rows.csv')} (rows of features)`,
    );
  });

  it('rejects files that are missing, directories, or not JSON', () => {
    expect(() => parseTrainOptions(undefined, { csv: join(dir, 'nope.csv'), target: 'y' })).toThrow(
      `--csv must be a readable file, received "${join(dir, 'nope.csv')}" (no such file)`,
    );
    expect(() => parseTrainOptions(undefined, { csv: join(dir, 'folder'), target: 'y' })).toThrow(
      `--csv must be a readable file, received "${join(dir, 'folder')}" (a directory)`,
    );
    expect(() => parseTrainOptions('spiral', { config: join(dir, 'broken.json') })).toThrow(
      `--config "${join(dir, 'broken.json')}" is not valid JSON (`,
    );
    expect(() => parseTrainOptions('spiral', { config: join(dir, 'deep.json') })).toThrow(
      `--config "${join(dir, 'deep.json')}" is nested deeper than 64 levels (the limit)`,
    );
    expect(() => parseTrainOptions('spiral', { resume: join(dir, 'folder') })).toThrow(
      `--resume must be a readable file, received "${join(dir, 'folder')}" (a directory)`,
    );
  });

  it('rejects output paths that cannot be written', () => {
    expect(() => parseTrainOptions('spiral', { out: join(dir, 'folder') })).toThrow(
      `--out must be a file path, received "${join(dir, 'folder')}" (a directory)`,
    );
    expect(() => parseTrainOptions('spiral', { out: join(dir, 'rows.csv', 'model.safetensors') })).toThrow(
      `--out cannot be written, received "${join(dir, 'rows.csv', 'model.safetensors')}" (a parent is a file)`,
    );
    expect(() => parseTrainOptions('spiral', { plot: join(dir, 'rows.csv') })).toThrow(
      `--plot must be a directory, received "${join(dir, 'rows.csv')}" (an existing file)`,
    );
  });
});
