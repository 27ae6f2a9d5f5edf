import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/preprocessing.json' with { type: 'json' };
import { StandardScaler } from '../../../src/data/preprocessing/standard-scaler.js';
import { Tensor } from '../../../src/tensor/tensor.js';

const x = Tensor.from(fixture.x);

describe('StandardScaler', () => {
  it('matches numpy: per-column mean, population std (ddof=0), scale 1 for a constant column', () => {
    const scaler = new StandardScaler().fit(x);
    scaler.mean!.forEach((m, j) => expect(m).toBeCloseTo(fixture.standard.mean[j], 12));
    scaler.scale!.forEach((s, j) => expect(s).toBeCloseTo(fixture.standard.scale[j], 10));
    expect(scaler.scale![3]).toBe(1);
    const z = scaler.transform(x);
    expect(z.shape).toEqual([13, 4]);
    fixture.standard.transformed.flat().forEach((v, i) => expect(z.data[i]).toBeCloseTo(v, 5));
  });

  it('inverseTransform undoes transform', () => {
    const scaler = new StandardScaler();
    const back = scaler.inverseTransform(scaler.fitTransform(x));
    // z is stored in float32 (relative error 2^-24), so x comes back to within
    // a few float32 steps of the column's magnitude |mean| + scale.
    fixture.x.flat().forEach((v, i) => {
      const j = i % 4;
      const magnitude = Math.abs(scaler.mean![j]) + scaler.scale![j] + Math.abs(v);
      expect(Math.abs(back.data[i] - v)).toBeLessThanOrEqual(4 * 2 ** -24 * magnitude);
    });
  });

  it('handles a 1-D target like y.reshape(-1, 1)', () => {
    const scaler = new StandardScaler();
    const z = scaler.fitTransform(new Tensor([4], Float32Array.of(1, 2, 3, 4)));
    expect(z.shape).toEqual([4]);
    const s = Math.sqrt(1.25);
    expect(Array.from(z.data)).toEqual([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s].map(Math.fround));
  });

  it('round-trips through JSON and applies the same transform', () => {
    const scaler = new StandardScaler().fit(x);
    const json = JSON.parse(JSON.stringify(scaler.toJSON()));
    expect(json.type).toBe('StandardScaler');
    const restored = StandardScaler.fromJSON(json);
    expect(restored.transform(x).data).toEqual(scaler.transform(x).data);
  });

  it('rejects use before fit, wrong column counts, non-finite values and bad JSON', () => {
    expect(() => new StandardScaler().transform(x)).toThrow('StandardScaler.transform: call fit() first');
    const scaler = new StandardScaler().fit(x);
    expect(() => scaler.transform(Tensor.from([[1, 2]]))).toThrow(
      'StandardScaler.transform expected 4 columns (as in fit), received shape [1, 2]',
    );
    expect(() => new StandardScaler().fit(Tensor.from([[1, NaN], [2, 3]]))).toThrow(
      'StandardScaler.fit: value at row 0, column 1 must be finite, received NaN',
    );
    expect(() => StandardScaler.fromJSON({ type: 'StandardScaler', mean: [0, 1], scale: [1] })).toThrow(
      'StandardScaler.fromJSON: scale must have 2 entries, received 1',
    );
    expect(() => StandardScaler.fromJSON({ type: 'MinMaxScaler' })).toThrow(
      'StandardScaler.fromJSON expected an object with type "StandardScaler"',
    );
  });
});
