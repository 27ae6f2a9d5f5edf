import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../src/errors.js';
import { decodeModelFile, deserializeModel, encodeModelFile, loadParameters, serializeModel, type ModelFileContents } from '../../src/io/model-file.js';
import { decodeSafetensors } from '../../src/io/safetensors.js';
import { dense, editedModelFile, handWritten } from './helpers.js';
import type { ModelSpec } from '../../src/model/architecture.js';
import { Model } from '../../src/model/model.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor, type FloatArray } from '../../src/tensor/tensor.js';
import { temporaryFolder } from '../temporary-folder.js';

const folder = temporaryFolder('scratchnet-model-values-');

const spec: ModelSpec = {
  format: 'scratchnet',
  version: 1,
  layers: [dense(2, 4), { type: 'LeakyReLU', alpha: 0.1 }, { type: 'Dropout', rate: 0.1 }, dense(4, 3), { type: 'Softmax' }],
  loss: { type: 'CategoricalCrossentropy' },
  optimizer: { type: 'Adam', learningRate: 0.05, decay: 0, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 },
  accuracy: { type: 'CategoricalAccuracy' },
};

function contents(): ModelFileContents {
  const generator = new RandomGenerator(3);
  const tensor = (shape: number[]): Tensor<FloatArray> => new Tensor(shape, generator.randn(shape[0] * shape[1]));
  const parameters = new Map([
    ['layers.0.weights', tensor([2, 4])],
    ['layers.0.biases', tensor([1, 4])],
    ['layers.3.weights', tensor([4, 3])],
    ['layers.3.biases', tensor([1, 3])],
  ]);
  const slots: Record<string, Record<string, FloatArray>> = {};
  for (const [name, p] of parameters) slots[name] = { momentums: tensor(p.shape).data, cache: tensor(p.shape).data };
  return {
    spec,
    parameters,
    optimizerState: { iterations: 12, currentLearningRate: 0.05, slots },
    training: { epoch: 3, generator: generator.getState() },
    metadata: {
      classNames: ['a', 'b', 'c'],
      featureNames: ['x', 'y'],
      target: 'label',
      task: 'classification',
      featureScaler: { type: 'StandardScaler', mean: [0, 1], scale: [1, 2] },
    },
  };
}

/** A good model file with its tensors/metadata changed by `edit`. */
const edited = (edit: Parameters<typeof editedModelFile>[1]): Uint8Array => editedModelFile(contents(), edit);

function rejection(bytes: Uint8Array, allowNonFinite = false): string {
  try {
    decodeModelFile(bytes, { source: 'm.safetensors', allowNonFinite });
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return (error as Error).message;
  }
  throw new Error('expected decodeModelFile to throw');
}

const withJson = (key: string, change: (value: Record<string, unknown>) => void) =>
  edited((_, metadata) => {
    const value = JSON.parse(metadata[key]) as Record<string, unknown>;
    change(value);
    metadata[key] = JSON.stringify(value);
  });

describe('model files: non-finite values are refused by default, naming the tensor', () => {
  it('refuses NaN and ±Infinity in weights and optimizer slots', () => {
    const poison = (name: string, index: number, value: number) =>
      edited((tensors) => {
        (tensors.get(name) as Tensor).data[index] = value;
      });
    expect(rejection(poison('layers.3.weights', 5, Number.NaN))).toBe(
      'm.safetensors: tensor "layers.3.weights" holds NaN at index 5; non-finite values are refused (option allowNonFinite: true loads them)',
    );
    expect(rejection(poison('layers.0.biases', 0, Number.POSITIVE_INFINITY))).toBe(
      'm.safetensors: tensor "layers.0.biases" holds Infinity at index 0; non-finite values are refused (option allowNonFinite: true loads them)',
    );
    expect(rejection(poison('optimizer.layers.0.weights.cache', 7, Number.NEGATIVE_INFINITY))).toBe(
      'm.safetensors: tensor "optimizer.layers.0.weights.cache" holds -Infinity at index 7; non-finite values are refused (option allowNonFinite: true loads them)',
    );
  });

  it('loads them with allowNonFinite: true', () => {
    const bytes = edited((tensors) => {
      (tensors.get('layers.3.weights') as Tensor).data[5] = Number.NaN;
    });
    expect(Number.isNaN(decodeModelFile(bytes, { allowNonFinite: true }).parameters.get('layers.3.weights')!.data[5])).toBe(true);
    const model = deserializeModel(bytes, { allowNonFinite: true });
    expect(Number.isNaN(model.namedParameters()[2][1].value.data[5])).toBe(true);
  });

  it('refuses unknown loading options', () => {
    expect(() => deserializeModel(encodeModelFile(contents()), { allowNonFinit: true } as never)).toThrow(
      'decodeModelFile: unknown option "allowNonFinit" (known: source, allowNonFinite)',
    );
  });

  it('Model.load and loadParameters refuse them too, with the path', async () => {
    const model = deserializeModel(encodeModelFile(contents()));
    const path = join(folder(), 'nan.safetensors');
    const good = serializeModel(model);
    const { tensors, metadata } = decodeSafetensors(good);
    (tensors.get('layers.0.weights') as Tensor).data[1] = Number.NaN;
    await writeFile(path, handWritten(tensors, metadata));
    await expect(Model.load(path)).rejects.toThrow(`${path}: tensor "layers.0.weights" holds NaN at index 1;`);
    await expect(loadParameters(model, path)).rejects.toThrow(`${path}: tensor "layers.0.weights" holds NaN at index 1;`);
    expect((await Model.load(path, { allowNonFinite: true })).epoch).toBe(3);
  });
});

describe('model files: layer parameters out of range are refused', () => {
  it('LeakyReLU alpha 1e308, Dropout rate 5, units 1e300', () => {
    const layer = (index: number, field: string, value: number) =>
      withJson('architecture', (s) => {
        (s.layers as Record<string, unknown>[])[index][field] = value;
      });
    expect(rejection(layer(1, 'alpha', 1e308))).toBe('m.safetensors: architecture layer 1 (LeakyReLU) alpha must be a number in [0, 1], received 1e+308');
    expect(rejection(layer(2, 'rate', 5))).toBe('m.safetensors: architecture layer 2 (Dropout) rate must be a number in [0, 1), received 5');
    expect(rejection(layer(0, 'units', 1e300))).toBe('m.safetensors: architecture layer 0 (Dense) units must be an integer >= 1, received 1e+300');
  });
});

describe('model files: metadata of the wrong type is refused, naming the field', () => {
  const cases: [string, (m: Record<string, unknown>) => void, string][] = [
    ['featureNames holding numbers', (m) => (m.featureNames = [1, 2]), 'metadata.featureNames[0] must be a string, received 1'],
    ['featureNames of the wrong length', (m) => (m.featureNames = ['x']), 'metadata.featureNames must be an array of 2 strings (one per input feature), received 1'],
    ['featureNames not an array', (m) => (m.featureNames = 'x,y'), 'metadata.featureNames must be an array of 2 strings (one per input feature), received "x,y"'],
    ['classNames not strings', (m) => (m.classNames = ['a', null, 'c']), 'metadata.classNames[1] must be a string, received null'],
    ['classNames of the wrong length', (m) => (m.classNames = ['a', 'b']), 'metadata.classNames must be an array of 3 strings (one per output column), received 2'],
    ['target not a string', (m) => (m.target = 3), 'metadata.target must be a string, received 3'],
    ['an unknown task', (m) => (m.task = 'ranking'), 'metadata.task must be "classification" or "regression", received "ranking"'],
    ['imputed not numbers or strings', (m) => (m.imputed = { x: [1] }), 'metadata.imputed["x"] must be a finite number or a string, received [1]'],
    [
      'a feature scaler of the wrong length',
      (m) => (m.featureScaler = { type: 'StandardScaler', mean: [0, 1, 2], scale: [1, 1, 1] }),
      'metadata.featureScaler must have one mean and scale per input feature (2), received 3',
    ],
    [
      'a feature scaler that is not one',
      (m) => (m.featureScaler = { type: 'StandardScaler', mean: [0, 1], scale: [1] }),
      'metadata.featureScaler: StandardScaler.fromJSON: scale must have 2 entries, received 1',
    ],
    [
      'a target scaler for the wrong width',
      (m) => (m.targetScaler = { type: 'StandardScaler', mean: [0, 1], scale: [1, 1] }),
      'metadata.targetScaler must have one mean and scale per output column (3), received 2',
    ],
  ];
  for (const [name, change, message] of cases) {
    it(name, () => {
      expect(rejection(withJson('metadata', change))).toBe(`m.safetensors: ${message}`);
    });
  }

  it('leaves fields it does not read alone', () => {
    const bytes = withJson('metadata', (m) => (m.notes = { anything: [1, 'two', null] }));
    expect(decodeModelFile(bytes).metadata.notes).toEqual({ anything: [1, 'two', null] });
  });
});

describe('model files: deeply nested metadata gives a typed error, not a stack overflow', () => {
  it('refuses metadata, architecture and training JSON nested deeper than 64 levels', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    for (const key of ['metadata', 'architecture', 'training', 'optimizer_state']) {
      expect(rejection(edited((_, metadata) => (metadata[key] = deep)))).toBe(
        `m.safetensors: __metadata__ "${key}" is nested deeper than 64 levels (the limit)`,
      );
    }
    const nested = `{"a":${'{"a":'.repeat(64)}1${'}'.repeat(64)}}`;
    expect(rejection(edited((_, metadata) => (metadata.metadata = nested)))).toBe(
      'm.safetensors: __metadata__ "metadata" is nested deeper than 64 levels (the limit)',
    );
    const within = `${'{"a":'.repeat(64)}1${'}'.repeat(64)}`;
    expect(decodeModelFile(edited((_, metadata) => (metadata.metadata = within))).metadata).toHaveProperty('a');
  });
});
