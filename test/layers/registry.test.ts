import { describe, expect, it } from 'vitest';
import { ActivationBase } from '../../src/activations/base.js';
import { ReLU } from '../../src/activations/relu.js';
import { Softmax } from '../../src/activations/softmax.js';
import { jsBackend } from '../../src/backend/js.js';
import { getBackend, registerBackend, setBackend } from '../../src/backend/registry.js';
import { Conv2D } from '../../src/layers/conv-2d.js';
import { MaxPool2D } from '../../src/layers/max-pool-2d.js';
import { ArgumentError, ModelFileError } from '../../src/errors.js';
import { encodeOnnx } from '../../src/io/onnx.js';
import { deserializeModel, serializeModel } from '../../src/io/model-file.js';
import { parseModelSpec } from '../../src/io/parse-model-spec.js';
import { Dense } from '../../src/layers/dense.js';
import { Flatten } from '../../src/layers/flatten.js';
import type { LayerKind } from '../../src/layers/layer-kind.js';
import { findLayerKind, layerFromSpec, layerTypes, registerLayer } from '../../src/layers/registry.js';
import { inferShapes, requiredInputShape } from '../../src/layers/shape-inference.js';
import { mismatch } from '../../src/layers/shape-checks.js';
import { CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { CategoricalAccuracy } from '../../src/metrics/categorical-accuracy.js';
import { Model } from '../../src/model/model.js';
import { Adam } from '../../src/optimizers/adam.js';
import { init } from '../../src/random/default.js';
import { spiralData } from '../../src/data/synthetic/spiral.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { gradientCheck } from '../../src/gradient-check.js';

/** A user's own layer: y = factor · x, written with the public building blocks. */
class Scale extends ActivationBase {
  readonly type = 'Scale';
  constructor(readonly factor: number) {
    super();
  }
  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().scale(inputs.data, this.factor, output.data);
  }
  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().scale(dValues.data, this.factor, dInputs.data);
  }
  override toSpec(): ScaleSpec {
    return { type: 'Scale', factor: this.factor };
  }
}
type ScaleSpec = { type: 'Scale'; factor: number };

const scaleKind: LayerKind<ScaleSpec> = {
  type: 'Scale',
  parse: (reader) => ({ type: 'Scale', factor: reader.number('factor', 'finite') }),
  defaults: () => ({ factor: 1 }),
  create: (spec) => new Scale(spec.factor),
  inputShape: (_spec, next) => next,
  outputShape: (_spec, input) => input,
  label: (spec) => `Scale(${spec.factor})`,
  parameters: () => [],
  source: (spec) => `new Scale(${spec.factor})`,
  onnx: null,
  tfjs: null,
};

function spiralModel(extra: () => import('../../src/layers/layer.js').Layer): Model {
  init(0);
  const model = new Model();
  model.add(new Dense(2, 8)).add(new ReLU()).add(extra()).add(new Dense(8, 3)).add(new Softmax());
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05 }), accuracy: new CategoricalAccuracy() });
  return model.finalize();
}

describe('layer registry', () => {
  it('a registered custom layer trains, summarises, saves and loads like a built-in one', async () => {
    registerLayer(scaleKind);
    expect(layerTypes()).toContain('Scale');
    const model = spiralModel(() => new Scale(0.5));
    const [x, y] = spiralData(20, 3);
    await model.train(x, y, { epochs: 3, reporter: null });
    expect(model.summary()).toContain('Scale(0.5)');
    const copy = deserializeModel(serializeModel(model));
    expect(copy.layers[2]).toBeInstanceOf(Scale);
    expect((copy.layers[2] as Scale).factor).toBe(0.5);
    expect(Array.from(copy.predict(x).data)).toEqual(Array.from(model.predict(x).data));
    // Its kind says it has no ONNX mapping: the exporter names it.
    expect(() => encodeOnnx(model.toSpec(), new Map(model.namedParameters().map(([n, p]) => [n, p.value])))).toThrow(
      new ArgumentError('encodeOnnx: layers.2 Scale(0.5) has no ONNX mapping, so the model cannot be exported to ONNX'),
    );
    expect(gradientCheck(new Scale(-1.5), Tensor.from([[0.3, -0.2, 0.9]])).maxRelativeError).toBeLessThan(1e-7);
  });

  it('refuses a second registration, bad names, and lists the known types for an unknown one', () => {
    expect(() => registerLayer(scaleKind)).toThrow(new ArgumentError('registerLayer: layer type "Scale" is registered already'));
    expect(() => registerLayer({ ...scaleKind, type: 'Dense' } as unknown as LayerKind<ScaleSpec>)).toThrow('registerLayer: layer type "Dense" is registered already');
    expect(() => registerLayer({ ...scaleKind, type: '../x' } as unknown as LayerKind<ScaleSpec>)).toThrow(
      'registerLayer: type must be a name of letters, digits and _, received "../x"',
    );
    expect(() => layerFromSpec({ type: 'Conv9D' }, 4)).toThrow(/^layers\[4\] has unknown type "Conv9D" \(known: Dense, Dropout, .*register others with registerLayer\)$/);
    expect(() => parseModelSpec({ format: 'scratchnet', version: 1, layers: [{ type: 'Conv9D' }] }, 'f')).toThrow(ModelFileError);
  });

  it('every built-in kind round-trips its spec through parse and create', () => {
    const specs = [
      { type: 'Dense', inputs: 3, units: 2, initializer: { kind: 'he' }, weightRegularizerL1: 0, weightRegularizerL2: 0.1, biasRegularizerL1: 0, biasRegularizerL2: 0 },
      { type: 'Dropout', rate: 0.25 },
      { type: 'LeakyReLU', alpha: 0.2 },
      { type: 'Flatten' },
      ...['ReLU', 'Sigmoid', 'Softmax', 'Linear', 'Tanh'].map((type) => ({ type })),
    ];
    for (const spec of specs) {
      const model = parseModelSpec({ format: 'scratchnet', version: 1, layers: [spec] }, 'f');
      expect(model.layers[0]).toEqual(spec);
      expect(layerFromSpec(model.layers[0]).toSpec()).toEqual(spec);
      expect(findLayerKind(spec.type)?.source(model.layers[0])).toMatch(new RegExp(`^new ${spec.type}\\(`));
    }
  });
});

describe('shape inference', () => {
  const dense = (inputs: number, units: number) => new Dense(inputs, units).toSpec();

  it('names both layers and both shapes where a chain breaks', () => {
    const specs = [{ type: 'Flatten' }, dense(800, 128)];
    expect(inferShapes('Model', specs, [5, 5, 32])).toEqual([[800], [128]]);
    expect(() => inferShapes('Model', [...specs, { type: 'ReLU' }, dense(64, 10)], [5, 5, 32])).toThrow(
      'Model: ReLU → Dense(64→10) (layers 2 → 3): ReLU gives [batch, 128], Dense expects 64 columns',
    );
    expect(() => inferShapes('Model', [dense(800, 128)], [5, 5, 32])).toThrow(
      'Model: input → Dense(800→128) (layer 0): the input gives [batch, 5, 5, 32], Dense expects 800 columns (add a Flatten before it)',
    );
    expect(() => inferShapes('Model', specs, [26, 26, 2])).toThrow(
      'Model: Flatten → Dense(800→128) (layers 0 → 1): Flatten gives [batch, 1352], Dense expects 800 columns',
    );
  });

  it('walks back through shape-keeping layers for the input a chain needs; unknown sizes stay unknown', () => {
    expect(requiredInputShape([{ type: 'Dropout', rate: 0.1 }, { type: 'ReLU' }, dense(5, 2)])).toEqual([5]);
    expect(requiredInputShape([{ type: 'Flatten' }, dense(5, 2)])).toBeNull();
    expect(inferShapes('Model', [{ type: 'Flatten' }, dense(5, 2)], null)).toEqual([[null], [2]]);
    expect(() => mismatch('expects something')).toThrow('expects something');
  });

  it('a model learns an unknown input shape from its data; summary prints each layer\'s shape and parameters', async () => {
    init(1);
    const model = new Model();
    model.add(new Flatten()).add(new Dense(12, 4)).add(new ReLU()).add(new Dense(4, 2)).add(new Softmax());
    model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam(), accuracy: new CategoricalAccuracy() });
    expect(model.inputShape).toBeUndefined();
    const x = new Tensor([6, 2, 3, 2], Float32Array.from({ length: 72 }, (_, i) => Math.sin(i)));
    const y = Tensor.from([0, 1, 0, 1, 1, 0]);
    await model.train(x, y, { epochs: 2, batchSize: 4, reporter: null, validationData: [x, y] });
    expect(model.inputShape).toEqual([2, 3, 2]);
    expect(model.toSpec().inputShape).toEqual([2, 3, 2]);
    expect(model.predict(x).shape).toEqual([6, 2]);
    expect(model.summary().split('\n')).toEqual([
      '#  layer        output       params',
      '-----------------------------------',
      '0  Flatten      [batch, 12]       0',
      '1  Dense(12→4)  [batch, 4]       52',
      '2  ReLU         [batch, 4]        0',
      '3  Dense(4→2)   [batch, 2]       10',
      '4  Softmax      [batch, 2]        0',
      '-----------------------------------',
      'total parameters: 62',
    ]);
    expect(() => model.predict(new Tensor([1, 3, 2, 2], new Float32Array(12)))).toThrow(
      'Model.predict: expected x of shape [samples, 2, 3, 2], received [1, 3, 2, 2]',
    );
    const copy = deserializeModel(serializeModel(model));
    expect(copy.inputShape).toEqual([2, 3, 2]);
  });
});

describe('a CNN in a Model', () => {
  it('trains on NHWC batches with validation data and allocates no buffers per step after the first epoch', async () => {
    let allocations = 0;
    registerBackend({ ...jsBackend, name: 'counting-cnn', allocate: (n: number) => (allocations++, new Float32Array(n)) });
    const previous = getBackend().name;
    setBackend('counting-cnn');
    try {
      init(2);
      const model = new Model();
      model.add(new Conv2D(1, 3, 3, { padding: 'same' })).add(new ReLU()).add(new MaxPool2D(2)).add(new Flatten()).add(new Dense(18, 2)).add(new Softmax());
      model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.01 }), accuracy: new CategoricalAccuracy() });
      const x = new Tensor([40, 4, 6, 1], Float32Array.from({ length: 960 }, (_, i) => Math.sin(i * 0.37)));
      const y = Tensor.from(Array.from({ length: 40 }, (_, i) => i % 2));
      let afterFirst = -1;
      const history = await model.train(x, y, {
        epochs: 4, batchSize: 16, reporter: null, validationData: [x, y],
        callbacks: [{ onEpochEnd: (log) => { if (log.epoch === 1) afterFirst = allocations; } }],
      });
      expect(history.epochs).toHaveLength(4);
      expect(afterFirst).toBeGreaterThan(0);
      expect(allocations).toBe(afterFirst);
      expect(model.inputShape).toEqual([4, 6, 1]);
    } finally {
      setBackend(previous);
    }
  });
});

