import { describe, expect, it } from 'vitest';
import { Adagrad } from '../../src/optimizers/adagrad.js';
import { Adam } from '../../src/optimizers/adam.js';
import type { Optimizer } from '../../src/optimizers/optimizer.js';
import { RMSprop } from '../../src/optimizers/rmsprop.js';
import { SGD } from '../../src/optimizers/sgd.js';
import type { Parameter } from '../../src/layers/layer.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { trackAllocations } from '../backend/tracking-backend.js';
import { FakeLayer } from './fake-layer.js';
import { initialLayers, step } from './replay.js';

function named(layers: FakeLayer[]): [string, Parameter][] {
  return layers.flatMap((layer, i) => layer.parameters().map((p): [string, Parameter] => [`layers.${i}.${p.name}`, p]));
}

function snapshot(layers: FakeLayer[]): number[][] {
  return layers.flatMap((layer) => [Array.from(layer.weights.data), Array.from(layer.biases.data)]);
}

const makers: [string, () => Optimizer][] = [
  ['SGD', () => new SGD({ learningRate: 0.5, decay: 0.1 })],
  ['SGD with momentum', () => new SGD({ learningRate: 0.5, decay: 0.1, momentum: 0.9 })],
  ['Adagrad', () => new Adagrad({ decay: 0.05 })],
  ['RMSprop', () => new RMSprop({ learningRate: 0.02, decay: 0.1 })],
  ['Adam', () => new Adam({ learningRate: 0.05, decay: 0.1 })],
];

describe('Optimizer state', () => {
  for (const [label, make] of makers) {
    it(`${label}: exported after 2 steps and imported into a fresh optimizer, continues bit-identically`, () => {
      const straight = make();
      const straightLayers = initialLayers();
      for (let s = 0; s < 4; s++) step(straight, straightLayers, s);

      const first = make();
      const firstLayers = initialLayers();
      step(first, firstLayers, 0);
      step(first, firstLayers, 1);
      const state = first.getState(named(firstLayers));
      const resumedLayers = initialLayers();
      resumedLayers.forEach((layer, i) => {
        layer.weights.data.set(firstLayers[i].weights.data);
        layer.biases.data.set(firstLayers[i].biases.data);
      });
      const resumed = make();
      resumed.setState(new Map(named(resumedLayers)), state);
      expect(resumed.iterations).toBe(2);
      step(resumed, resumedLayers, 2);
      step(resumed, resumedLayers, 3);

      expect(snapshot(resumedLayers)).toEqual(snapshot(straightLayers));
      expect(resumed.currentLearningRate).toBe(straight.currentLearningRate);
    });
  }

  it('exports copies by name with the slot names of the book', () => {
    const adam = new Adam();
    const layers = initialLayers();
    expect(adam.getState(named(layers)).slots).toEqual({});
    step(adam, layers, 0);
    const state = adam.getState(named(layers));
    expect(Object.keys(state.slots)).toEqual(['layers.0.weights', 'layers.0.biases', 'layers.1.weights', 'layers.1.biases']);
    expect(Object.keys(state.slots['layers.0.weights'])).toEqual(['momentums', 'cache']);
    expect(state.slots['layers.0.weights'].cache).toBeInstanceOf(Float32Array);
    expect(state.slots['layers.0.weights'].cache.length).toBe(6);
    const before = Array.from(state.slots['layers.0.weights'].cache);
    step(adam, layers, 1);
    expect(Array.from(state.slots['layers.0.weights'].cache)).toEqual(before);
    const sgd = new SGD();
    step(sgd, layers, 0);
    expect(sgd.getState(named(layers))).toEqual({ iterations: 1, currentLearningRate: 1, slots: {} });
  });

  it('getState(named, reuse) overwrites the buffers of an earlier state instead of allocating', () => {
    const adam = new Adam();
    const layers = initialLayers();
    step(adam, layers, 0);
    const earlier = adam.getState(named(layers));
    const buffer = earlier.slots['layers.0.weights'].cache;
    step(adam, layers, 1);
    const reused = adam.getState(named(layers), earlier);
    expect(reused.slots['layers.0.weights'].cache).toBe(buffer);
    expect(reused).toEqual(adam.getState(named(layers)));
    expect(reused.iterations).toBe(2);
  });

  it('setState rejects unknown names, wrong slots and wrong lengths', () => {
    const adam = new Adam();
    const layers = initialLayers();
    step(adam, layers, 0);
    const state = adam.getState(named(layers));
    const fresh = new Adam();
    const onlyFirst = named(layers).slice(0, 2);
    expect(() => fresh.setState(onlyFirst, state)).toThrow(
      'Adam.setState: state holds "layers.1.weights", which is not among the parameters (layers.0.weights, layers.0.biases)',
    );
    const wrongSlots = { ...state, slots: { 'layers.0.weights': { cache: new Float32Array(6) } } };
    expect(() => fresh.setState(named(layers), wrongSlots)).toThrow(
      'Adam.setState: "layers.0.weights" must have slots [momentums, cache], received [cache]',
    );
    const short = { ...state, slots: { 'layers.0.biases': { momentums: new Float32Array(3), cache: new Float32Array(2) } } };
    expect(() => fresh.setState(named(layers), short)).toThrow(
      'Adam.setState: layers.0.biases.momentums needs 2 values (shape [1, 2]), received 3',
    );
    expect(() => fresh.setState(named(layers), { ...state, slots: undefined } as never)).toThrow(
      'Adam.setState: slots must be an object of state buffers by parameter name, received undefined',
    );
    expect(() => fresh.setState(named(layers), { ...state, iterations: -1 })).toThrow(
      'Adam.setState: iterations must be an integer >= 0, received -1',
    );
  });

  it('keeps float64 state for float64 parameters', () => {
    const layer = new FakeLayer(new Tensor([1, 2], new Float64Array([0.1, 0.2])), new Tensor([1, 1], new Float64Array([0.3])));
    layer.dWeights.data.set([1e-9, 2e-9]);
    layer.dBiases.data.set([3e-9]);
    const rms = new RMSprop({ learningRate: 0.01 });
    rms.preUpdateParams();
    rms.updateParams(layer);
    rms.postUpdateParams();
    const cache = rms.getState([['w', layer.parameters()[0]]]).slots.w.cache;
    expect(cache).toBeInstanceOf(Float64Array);
    // The formula in float64 throughout, no float32 rounding anywhere.
    const expectedCache = 0.9 * 0 + (1 - 0.9) * 1e-9 * 1e-9;
    expect(cache[0]).toBe(expectedCache);
    expect(layer.weights.data[0]).toBe(0.1 + (-0.01 * 1e-9) / (Math.sqrt(expectedCache) + 1e-7));
  });

  it('decays the learning rate as learningRate / (1 + decay·iterations)', () => {
    const sgd = new SGD({ learningRate: 1, decay: 0.5 });
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) {
      sgd.preUpdateParams();
      rates.push(sgd.currentLearningRate);
      sgd.postUpdateParams();
    }
    expect(rates).toEqual([1, 1 / 1.5, 1 / 2]);
  });

  it('validates a learning rate set between steps (schedules)', () => {
    const adam = new Adam();
    adam.learningRate = 0.01;
    adam.preUpdateParams();
    expect(adam.currentLearningRate).toBe(0.01);
    expect(() => {
      adam.learningRate = -1;
    }).toThrow('Adam: learningRate must be a finite number > 0, received -1');
  });

  it('rejects options that are not an object', () => {
    expect(() => new Adam(0.01 as never)).toThrow('Adam: options must be an object like { learningRate: … }, received 0.01');
  });

  it('dispose releases every state buffer; setState releases the buffers it replaces', () => {
    const { live, restore } = trackAllocations();
    try {
      const adam = new Adam();
      const layers = initialLayers();
      step(adam, layers, 0);
      const slots = live.size;
      expect(slots).toBe(2 * 2 * layers.length); // momentums and cache for weights and biases
      adam.setState(named(layers), adam.getState(named(layers)));
      expect(live.size).toBe(slots);
      adam.dispose();
      expect(live.size).toBe(0);
      expect(() => step(adam, layers, 1)).toThrow('Adam: this optimizer was disposed; create a new one');
      expect(() => adam.getState(named(layers))).toThrow('Adam: this optimizer was disposed; create a new one');
      adam.dispose();
    } finally {
      restore();
    }
  });

  it('rejects a gradient whose size differs from its parameter', () => {
    const layer = FakeLayer.from([[1, 2]], [[3, 4]]);
    layer.dWeights = Tensor.zeros([3, 1]);
    expect(() => new SGD().updateParams(layer)).toThrow('SGD: gradient of weights has shape [3, 1], expected [1, 2]');
  });
});
