import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../src/errors.js';
import {
  decodeModelFile,
  decodeParametersFile,
  encodeModelFile,
  encodeParametersFile,
  type ModelFileContents,
} from '../../src/io/model-file.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import { headerChecksum } from '../../src/io/header-checksum.js';
import { editedModelFile, handWritten } from './helpers.js';
import type { ModelSpec } from '../../src/model/architecture.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor, type FloatArray } from '../../src/tensor/tensor.js';

const dense = (inputs: number, units: number) =>
  ({
    type: 'Dense',
    inputs,
    units,
    initializer: { kind: 'book', scale: 0.01 },
    weightRegularizerL1: 0,
    weightRegularizerL2: 5e-4,
    biasRegularizerL1: 0,
    biasRegularizerL2: 5e-4,
  }) as const;

const spec: ModelSpec = {
  format: 'scratchnet',
  version: 1,
  layers: [dense(2, 4), { type: 'ReLU' }, { type: 'Dropout', rate: 0.1 }, dense(4, 3), { type: 'Softmax' }],
  loss: { type: 'CategoricalCrossentropy' },
  optimizer: { type: 'Adam', learningRate: 0.05, decay: 5e-7, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 },
  accuracy: { type: 'CategoricalAccuracy' },
};

function contents(float64 = false): ModelFileContents {
  const generator = new RandomGenerator(3);
  const tensor = (shape: number[]): Tensor<FloatArray> => {
    const values = generator.randn(shape[0] * shape[1]);
    return new Tensor(shape, float64 ? Float64Array.from(values, (v) => v / 3) : values);
  };
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
    optimizerState: { iterations: 120, currentLearningRate: 0.0499997, slots },
    training: { epoch: 7, generator: generator.getState() },
    metadata: { classNames: ['a', 'b', 'c'], preprocessing: { scale: 127.5 } },
  };
}

/** A good model file with its tensors/metadata changed by `edit`. */
const edited = (edit: Parameters<typeof editedModelFile>[1]): Uint8Array => editedModelFile(contents(), edit);

function rejection(bytes: Uint8Array): string {
  try {
    decodeModelFile(bytes, { source: 'm.safetensors' });
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return (error as Error).message;
  }
  throw new Error('expected decodeModelFile to throw');
}

const withSpec = (change: (s: Record<string, unknown>) => void) =>
  edited((_, metadata) => {
    const s = JSON.parse(metadata.architecture) as Record<string, unknown>;
    change(s);
    metadata.architecture = JSON.stringify(s);
  });

describe('model file contents', () => {
  it('round-trip: spec, parameters, optimizer slots, generator state and metadata come back exactly', () => {
    const original = contents();
    const back = decodeModelFile(encodeModelFile(original));
    expect(back.spec).toEqual(original.spec);
    expect([...back.parameters.keys()]).toEqual([...original.parameters.keys()]);
    for (const [name, p] of original.parameters) {
      expect(back.parameters.get(name)!.shape).toEqual(p.shape);
      expect(back.parameters.get(name)!.data).toEqual(p.data);
      expect(back.parameters.get(name)!.data).toBeInstanceOf(Float32Array);
    }
    expect(back.optimizerState).toEqual(original.optimizerState);
    expect(back.training).toEqual(original.training);
    expect(back.metadata).toEqual(original.metadata);
  });

  it('names tensors by layer index and stores the documented metadata keys as JSON strings', () => {
    const { tensors, metadata } = decodeSafetensors(encodeModelFile(contents()));
    expect([...tensors.keys()]).toEqual([
      'layers.0.weights',
      'layers.0.biases',
      'layers.3.weights',
      'layers.3.biases',
      'optimizer.layers.0.weights.momentums',
      'optimizer.layers.0.weights.cache',
      'optimizer.layers.0.biases.momentums',
      'optimizer.layers.0.biases.cache',
      'optimizer.layers.3.weights.momentums',
      'optimizer.layers.3.weights.cache',
      'optimizer.layers.3.biases.momentums',
      'optimizer.layers.3.biases.cache',
    ]);
    expect(Object.keys(metadata)).toEqual(['format', 'version', 'architecture', 'optimizer_state', 'training', 'metadata', 'checksum']);
    expect(metadata.format).toBe('scratchnet');
    expect(metadata.version).toBe('2');
    expect(metadata.checksum).toBe(headerChecksum(metadata, tensors));
    expect(JSON.parse(metadata.architecture)).toEqual(spec);
    expect(JSON.parse(metadata.optimizer_state)).toEqual({ iterations: 120, currentLearningRate: 0.0499997 });
    expect(JSON.parse(metadata.training).epoch).toBe(7);
  });

  it('float64 parameters are stored as F64 and come back as Float64Array', () => {
    const original = contents(true);
    const bytes = encodeModelFile(original);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))));
    expect(header).toContain('"layers.0.weights":{"dtype":"F64","shape":[2,4]');
    const back = decodeModelFile(bytes);
    expect(back.parameters.get('layers.3.weights')!.data).toBeInstanceOf(Float64Array);
    expect(back.parameters.get('layers.3.weights')!.data).toEqual(original.parameters.get('layers.3.weights')!.data);
  });

  it('a model without optimizer or training state round-trips without them', () => {
    const { optimizerState: _o, training: _t, ...rest } = contents();
    const bare = { ...rest, spec: { ...spec, optimizer: undefined } };
    delete bare.spec.optimizer;
    const back = decodeModelFile(encodeModelFile(bare));
    expect(back.optimizerState).toBeUndefined();
    expect(back.training).toBeUndefined();
    expect(back.spec).toEqual(bare.spec);
  });
});

describe('decodeModelFile rejects files whose architecture disagrees with the tensors', () => {
  it('unknown layer type (only registered kinds load)', () => {
    const bytes = withSpec((s) => {
      (s.layers as unknown[])[1] = { type: 'Conv3D' };
    });
    expect(rejection(bytes)).toBe(
      'm.safetensors: architecture layer 1 has unknown type "Conv3D" (known: Dense, Dropout, ReLU, Sigmoid, Softmax, Linear, Tanh, LeakyReLU, Flatten, Conv2D, MaxPool2D)',
    );
  });

  it('a Conv2D layer without its fields', () => {
    const bytes = withSpec((s) => {
      (s.layers as unknown[])[1] = { type: 'Conv2D' };
    });
    expect(rejection(bytes)).toBe('m.safetensors: architecture layer 1 (Conv2D) inChannels must be an integer >= 1, received nothing');
  });

  it('Dense weights with the wrong shape', () => {
    const bytes = edited((tensors) => tensors.set('layers.0.weights', new Tensor([3, 4], new Float32Array(12))));
    expect(rejection(bytes)).toBe(
      'm.safetensors: tensor "layers.0.weights" has shape [3, 4], architecture layer 0 Dense(2→4) needs [2, 4]',
    );
    const biases = edited((tensors) => tensors.set('layers.3.biases', new Tensor([3], new Float32Array(3))));
    expect(rejection(biases)).toBe(
      'm.safetensors: tensor "layers.3.biases" has shape [3], architecture layer 3 Dense(4→3) needs [1, 3]',
    );
  });

  it('a missing tensor', () => {
    expect(rejection(edited((tensors) => tensors.delete('layers.3.biases')))).toBe(
      'm.safetensors: tensor "layers.3.biases" is missing; architecture layer 3 Dense(4→3) needs it with shape [1, 3]',
    );
  });

  it('extra tensors', () => {
    const onActivation = edited((tensors) => tensors.set('layers.1.weights', new Tensor([1], new Float32Array(1))));
    expect(rejection(onActivation)).toBe(
      'm.safetensors: unexpected tensor "layers.1.weights": architecture layer 1 is ReLU, which has no parameters',
    );
    const stray = edited((tensors) => tensors.set('layers.9.weights', new Tensor([1], new Float32Array(1))));
    expect(rejection(stray)).toBe('m.safetensors: unexpected tensor "layers.9.weights": the architecture has no such parameter');
    const code = edited((tensors) => tensors.set('__init__', new Tensor([1], new Uint8Array(1))));
    expect(rejection(code)).toBe('m.safetensors: unexpected tensor "__init__": the architecture has no such parameter');
  });

  it('Dense widths that do not chain', () => {
    const bytes = edited((tensors, metadata) => {
      const s = JSON.parse(metadata.architecture) as ModelSpec;
      s.layers[3] = dense(5, 3);
      metadata.architecture = JSON.stringify(s);
      tensors.set('layers.3.weights', new Tensor([5, 3], new Float32Array(15)));
    });
    expect(rejection(bytes)).toBe(
      'm.safetensors: architecture: Dropout(0.1) → Dense(5→3) (layers 2 → 3): Dropout(0.1) gives [batch, 4], Dense expects 5 columns',
    );
  });

  it('parameters that are not floats', () => {
    const bytes = edited((tensors) => tensors.set('layers.0.biases', new Tensor([1, 4], new Int32Array(4))));
    expect(rejection(bytes)).toBe(
      'm.safetensors: tensor "layers.0.biases" has dtype I32, architecture layer 0 Dense(2→4) needs F32 or F64',
    );
  });

  it('invalid field values in the architecture', () => {
    expect(rejection(withSpec((s) => ((s.layers as Record<string, unknown>[])[2].rate = 1.5)))).toBe(
      'm.safetensors: architecture layer 2 (Dropout) rate must be a number in [0, 1), received 1.5',
    );
    expect(rejection(withSpec((s) => ((s.layers as Record<string, unknown>[])[0].units = 0)))).toBe(
      'm.safetensors: architecture layer 0 (Dense) units must be an integer >= 1, received 0',
    );
    expect(rejection(withSpec((s) => ((s.layers as Record<string, unknown>[])[0].initializer = { kind: 'eval' })))).toBe(
      'm.safetensors: architecture layer 0 (Dense) initializer kind must be one of "book", "xavier", "he", received "eval"',
    );
    expect(rejection(withSpec((s) => ((s.optimizer as Record<string, unknown>).beta1 = -1)))).toBe(
      'm.safetensors: architecture optimizer (Adam) beta1 must be a number in [0, 1), received -1',
    );
    expect(rejection(withSpec((s) => (s.optimizer = { type: 'Lion' })))).toBe(
      'm.safetensors: architecture optimizer has unknown type "Lion" (known: SGD, Adagrad, RMSprop, Adam)',
    );
    expect(rejection(withSpec((s) => (s.loss = { type: 'Hinge' })))).toBe(
      'm.safetensors: architecture loss has unknown type "Hinge" (known: CategoricalCrossentropy, BinaryCrossentropy, MeanSquaredError, MeanAbsoluteError)',
    );
    expect(rejection(withSpec((s) => (s.accuracy = { type: 'RegressionAccuracy', precision: null, divisor: 0 })))).toBe(
      'm.safetensors: architecture accuracy (RegressionAccuracy) divisor must be a finite number > 0, received 0',
    );
    expect(rejection(withSpec((s) => (s.layers = {})))).toBe('m.safetensors: architecture layers must be an array, received {}');
    expect(rejection(withSpec((s) => (s.version = 2)))).toBe('m.safetensors: architecture version must be 1, received 2');
  });

  it('a header changed after writing is refused by its checksum, even when it is a valid model', () => {
    const bytes = encodeModelFile(contents());
    const { tensors, metadata } = decodeSafetensors(bytes);
    // A dropout rate, a class name, the epoch: each still makes a valid model file, but not the one written.
    const edits: ((m: Record<string, string>) => void)[] = [
      (m) => (m.architecture = m.architecture.replace('"rate":0.1', '"rate":0.7')),
      (m) => (m.metadata = m.metadata.replace('"a"', '"z"')),
      (m) => (m.training = m.training.replace('"epoch":7', '"epoch":9')),
    ];
    for (const edit of edits) {
      const changed = { ...metadata };
      edit(changed);
      expect(changed).not.toEqual(metadata);
      // With its checksum recomputed the edit loads (so the checksum is what refuses it below).
      expect(() => decodeModelFile(handWritten(tensors, changed))).not.toThrow();
      expect(rejection(encodeSafetensors(tensors, changed))).toMatch(
        /^m\.safetensors: the header does not match its checksum \(recorded "[0-9a-f]{8}", computed "[0-9a-f]{8}"\): the file was changed or damaged after it was written$/,
      );
    }
    // A version 2 file without its checksum is refused too: deleting the key must not switch the check off.
    const { checksum: _ignored, ...unsealed } = metadata;
    expect(rejection(encodeSafetensors(tensors, unsealed))).toBe(
      'm.safetensors: __metadata__ has no "checksum"; files this version writes always record one',
    );
  });

  it('reads version 1 files, which have no checksum', () => {
    const { tensors, metadata } = decodeSafetensors(encodeModelFile(contents()));
    const { checksum: _ignored, ...rest } = metadata;
    const loaded = decodeModelFile(encodeSafetensors(tensors, { ...rest, version: '1' }));
    expect(loaded.spec).toEqual(contents().spec);
    expect(loaded.metadata).toEqual(contents().metadata);
  });

  it('metadata that does not make a scratchnet model', () => {
    expect(rejection(edited((_, m) => delete m.format))).toBe(
      'm.safetensors: not a scratchnet model file: __metadata__ "format" is missing, expected "scratchnet"',
    );
    expect(rejection(edited((_, m) => (m.version = '3')))).toBe(
      'm.safetensors: unsupported model file version "3" (this version of scratchnet reads "1" and "2")',
    );
    expect(rejection(edited((_, m) => (m.architecture = '{oops')))).toMatch(
      /^m\.safetensors: __metadata__ "architecture" is not valid JSON \(/,
    );
    expect(rejection(edited((_, m) => delete m.architecture))).toBe(
      'm.safetensors: __metadata__ has no "architecture": a parameters-only file (saveParameters) loads with loadParameters into a model',
    );
    expect(rejection(edited((_, m) => (m.metadata = '[1]')))).toBe(
      'm.safetensors: __metadata__ "metadata" must be a JSON object, received [1]',
    );
  });

  it('inconsistent optimizer state', () => {
    expect(rejection(withSpec((s) => delete s.optimizer))).toBe(
      'm.safetensors: __metadata__ has "optimizer_state" but the architecture has no optimizer',
    );
    expect(rejection(edited((_, m) => delete m.optimizer_state))).toBe(
      'm.safetensors: unexpected tensor "optimizer.layers.0.weights.momentums": __metadata__ has no "optimizer_state"',
    );
    expect(rejection(edited((_, m) => (m.optimizer_state = '{"iterations":-1,"currentLearningRate":0.1}')))).toBe(
      'm.safetensors: optimizer_state iterations must be an integer >= 0, received -1',
    );
    const badShape = edited((t) => t.set('optimizer.layers.3.biases.cache', new Tensor([3], new Float32Array(3))));
    expect(rejection(badShape)).toBe(
      'm.safetensors: tensor "optimizer.layers.3.biases.cache" has shape [3], its parameter "layers.3.biases" needs [1, 3]',
    );
    const orphan = edited((t) => t.set('optimizer.layers.1.weights.cache', new Tensor([1], new Float32Array(1))));
    expect(rejection(orphan)).toBe(
      'm.safetensors: unexpected tensor "optimizer.layers.1.weights.cache": optimizer tensors are named optimizer.<parameter>.<slot> after a parameter of the architecture',
    );
  });

  it('invalid training state', () => {
    expect(rejection(edited((_, m) => (m.training = '{"epoch":1.5}')))).toBe(
      'm.safetensors: training epoch must be an integer >= 0, received 1.5',
    );
    expect(rejection(edited((_, m) => (m.training = '{"epoch":1,"generator":{"key":[1,2],"pos":0,"hasGauss":false,"gauss":0}}')))).toBe(
      'm.safetensors: training generator key must be 624 unsigned 32-bit integers, received [1,2]',
    );
  });
});

describe('parameters files (the book\'s save_parameters / load_parameters)', () => {
  const expected = [
    ['layers.0.weights', [2, 4]],
    ['layers.0.biases', [1, 4]],
    ['layers.3.weights', [4, 3]],
    ['layers.3.biases', [1, 3]],
  ] as const;

  it('round-trips the parameters and accepts a full model file too', () => {
    const { parameters } = contents();
    const back = decodeParametersFile(encodeParametersFile(parameters), expected);
    for (const [name, p] of parameters) expect(back.get(name)!.data).toEqual(p.data);
    const fromModel = decodeParametersFile(encodeModelFile(contents()), expected);
    expect([...fromModel.keys()]).toEqual(expected.map(([name]) => name));
  });

  it('rejects shapes that do not match the model, naming the tensor', () => {
    const { parameters } = contents();
    parameters.set('layers.3.weights', new Tensor([4, 2], new Float32Array(8)));
    expect(() => decodeParametersFile(encodeParametersFile(parameters), expected, { source: 'p.safetensors' })).toThrow(
      'p.safetensors: tensor "layers.3.weights" has shape [4, 2], the model needs [4, 3]',
    );
    parameters.delete('layers.3.weights');
    expect(() => decodeParametersFile(encodeParametersFile(parameters), expected, { source: 'p.safetensors' })).toThrow(
      'p.safetensors: tensor "layers.3.weights" is missing; the model needs it with shape [4, 3]',
    );
    expect(() => decodeParametersFile(encodeParametersFile(contents().parameters), expected.slice(0, 2), { source: 'p.safetensors' })).toThrow(
      'p.safetensors: unexpected tensor "layers.3.weights": the model has no such parameter',
    );
  });
});
