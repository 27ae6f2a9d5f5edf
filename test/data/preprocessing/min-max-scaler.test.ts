import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/preprocessing.json' with { type: 'json' };
import { MinMaxScaler } from '../../../src/data/preprocessing/min-max-scaler.js';
import { Tensor } from '../../../src/tensor/tensor.js';

const x = Tensor.from(fixture.x);

describe('MinMaxScaler', () => {
  it('maps each column onto featureRange, as numpy computes it', () => {
    const scaler = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
    expect(scaler.dataMin).toEqual(fixture.minmax.dataMin);
    expect(scaler.dataMax).toEqual(fixture.minmax.dataMax);
    const z = scaler.transform(x);
    fixture.minmax.transformed.flat().forEach((v, i) => expect(z.data[i]).toBeCloseTo(v, 6));
  });

  it('defaults to [0, 1] and inverseTransform undoes transform', () => {
    const data = Tensor.from([[0, 10], [5, 30], [10, 20]]);
    const scaler = new MinMaxScaler();
    const z = scaler.fitTransform(data);
    expect(Array.from(z.data)).toEqual([0, 0, 0.5, 1, 1, 0.5]);
    expect(Array.from(scaler.inverseTransform(z).data)).toEqual([0, 10, 5, 30, 10, 20]);
  });

  it('round-trips through JSON', () => {
    const scaler = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
    const restored = MinMaxScaler.fromJSON(JSON.parse(JSON.stringify(scaler)));
    expect(restored.featureRange).toEqual([-1, 1]);
    expect(restored.transform(x).data).toEqual(scaler.transform(x).data);
  });

  it('rejects a bad range and use before fit', () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(
      'MinMaxScaler: featureRange must be [low, high] with low < high, received [1,0]',
    );
    expect(() => new MinMaxScaler().inverseTransform(x)).toThrow('MinMaxScaler.inverseTransform: call fit() first');
  });
});
