import { describe, expect, it } from 'vitest';
import { DisposedError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import { init } from '../../src/random/default.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { trackAllocations } from '../backend/tracking-backend.js';
import book from '../fixtures/book.json' with { type: 'json' };

describe('Dense', () => {
  it('initialises like the book: 0.01·randn as a float32 product, zero biases', () => {
    init(0);
    const dense = new Dense(4, 5);
    expect(Array.from(dense.weights.data)).toEqual(book.init.book);
    expect(dense.weights.shape).toEqual([4, 5]);
    expect(dense.biases.shape).toEqual([1, 5]);
    expect(Array.from(dense.biases.data)).toEqual([0, 0, 0, 0, 0]);
  });

  it('Xavier and He initialisers scale the same draws by √(2/(nIn+nOut)) and √(2/nIn)', () => {
    init(0);
    expect(Array.from(new Dense(4, 5, { initializer: 'xavier' }).weights.data)).toEqual(book.init.xavier);
    expect(Array.from(new Dense(4, 5, { initializer: 'he', generator: new RandomGenerator(0) }).weights.data)).toEqual(book.init.he);
  });

  it('the scale option multiplies the book initialiser', () => {
    const a = new Dense(3, 2, { generator: new RandomGenerator(5) });
    const b = new Dense(3, 2, { scale: 0.1, generator: new RandomGenerator(5) });
    b.weights.data.forEach((w, i) => expect(w).toBeCloseTo(a.weights.data[i] * 10, 6));
    expect(b.toSpec()).toMatchObject({ type: 'Dense', inputs: 3, units: 2, initializer: { kind: 'book', scale: 0.1 } });
  });

  it('forward is inputs·weights + biases, backward gives Xᵀ·dY, Σ dY and dY·Wᵀ', () => {
    const dense = new Dense(2, 3);
    dense.setParameters(Tensor.from([[1, 2, 3], [4, 5, 6]]), Tensor.from([[0.5, -1, 2]]));
    const out = dense.forward(Tensor.from([[1, 1], [2, -1]]));
    expect(out.toArray()).toEqual([[5.5, 6, 11], [-1.5, -2, 2]]);
    dense.backward(Tensor.from([[1, 0, 2], [0, 1, -1]]));
    expect(dense.dWeights.toArray()).toEqual([[1, 2, 0], [1, -1, 3]]);
    expect(dense.dBiases.toArray()).toEqual([[1, 1, 1]]);
    expect(dense.dInputs.toArray()).toEqual([[7, 16], [-1, -1]]);
    expect(dense.parameters().map((p) => [p.name, p.value, p.gradient])).toEqual([
      ['weights', dense.weights, dense.dWeights],
      ['biases', dense.biases, dense.dBiases],
    ]);
  });

  it('backward(dValues, false) skips the input gradient and leaves dInputs as it was', () => {
    const dense = new Dense(2, 3);
    dense.setParameters(Tensor.from([[1, 2, 3], [4, 5, 6]]), Tensor.from([[0.5, -1, 2]]));
    dense.forward(Tensor.from([[1, 1], [2, -1]]));
    const before = dense.dInputs;
    expect(dense.backward(Tensor.from([[1, 0, 2], [0, 1, -1]]), false)).toBe(before);
    expect(dense.dInputs).toBe(before);
    expect(dense.dWeights.toArray()).toEqual([[1, 2, 0], [1, -1, 3]]);
    expect(dense.dBiases.toArray()).toEqual([[1, 1, 1]]);
  });

  it('adds the regularization gradients λ1·sign(w) + 2λ2·w, as the book', () => {
    const dense = new Dense(1, 2, { weightRegularizerL1: 0.1, weightRegularizerL2: 0.01, biasRegularizerL2: 0.5 });
    dense.setParameters(Tensor.from([[-2, 3]]), Tensor.from([[1, 0]]));
    dense.forward(Tensor.from([[1]]));
    dense.backward(Tensor.from([[0, 0]]));
    expect(Array.from(dense.dWeights.data)).toEqual([Math.fround(-0.1 - 0.04), Math.fround(0.1 + 0.06)]);
    expect(Array.from(dense.dBiases.data)).toEqual([1, 0]);
  });

  it('reuses its buffers for the same batch size', () => {
    const dense = new Dense(2, 2);
    const x = Tensor.from([[1, 2]]);
    const first = dense.forward(x);
    expect(dense.forward(x)).toBe(first);
  });

  it('names the layer and shapes on a wrong input width', () => {
    const dense = new Dense(2, 64);
    expect(() => dense.forward(Tensor.zeros([300, 3]))).toThrow('Dense(2→64) expected input with 2 columns, received shape [300, 3]');
    expect(() => dense.backward(Tensor.zeros([300, 64]))).toThrow('Dense(2→64): backward called before forward');
    dense.forward(Tensor.zeros([5, 2]));
    expect(() => dense.backward(Tensor.zeros([4, 64]))).toThrow("Dense(2→64) expected dValues of the output's shape [5, 64], received shape [4, 64]");
    expect(() => dense.setParameters(Tensor.zeros([64, 2]), Tensor.zeros([1, 64]))).toThrow(
      'Dense(2→64) expected weights of shape [2, 64], received shape [64, 2]',
    );
  });

  it('dispose releases its own buffers, keeps tensors given to setParameters, and then refuses work', () => {
    const { live, restore } = trackAllocations();
    try {
      const dense = new Dense(2, 3);
      dense.forward(Tensor.from([[1, 2]]));
      dense.backward(Tensor.from([[1, 0, -1]]));
      const given = Tensor.zeros([2, 3]);
      dense.setParameters(given, Tensor.zeros([1, 3]));
      expect(live.size).toBe(6); // weights, biases, dWeights, dBiases, output, dInputs
      dense.dispose();
      expect(live.size).toBe(0);
      expect(Array.from(given.data)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(dense.weights.size).toBe(0);
      expect(() => dense.forward(Tensor.from([[1, 2]]))).toThrow(DisposedError);
      expect(() => dense.parameters()).toThrow('Dense(2→3): this layer was disposed; create a new one');
      dense.dispose();
    } finally {
      restore();
    }
  });

  it('rejects bad constructor arguments with the argument and value', () => {
    expect(() => new Dense(0, 3)).toThrow('Dense: nInputs must be an integer >= 1, received 0');
    expect(() => new Dense(2, 2.5)).toThrow('Dense: nNeurons must be an integer >= 1, received 2.5');
    expect(() => new Dense(2, 3, { weightRegularizerL2: -1 })).toThrow('Dense: weightRegularizerL2 must be a finite number >= 0, received -1');
    expect(() => new Dense(2, 3, { learningRate: 1 } as object)).toThrow('Dense: unknown option "learningRate"');
    expect(() => new Dense(2, 3, { initializer: 'glorot' as 'he' })).toThrow("Dense: initializer must be 'book', 'xavier' or 'he', received glorot");
  });
});

describe('Dense refuses absurd sizes before allocating', () => {
  it('gives the same one-line error on every backend', async () => {
    const { setBackend, getBackend } = await import('../../src/backend/registry.js');
    const previous = getBackend().name;
    try {
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        expect(() => new Dense(1e9, 10)).toThrow(
          `${backend} backend: cannot allocate 10000000000 float32 values (40000000000 bytes): one buffer holds at most 1073741824 values (4 GiB)`,
        );
      }
    } finally {
      setBackend(previous);
    }
  });
});
