import { describe, expect, it } from 'vitest';
import { OneHotEncoder } from '../../../src/data/preprocessing/one-hot-encoder.js';
import { Tensor } from '../../../src/tensor/tensor.js';

describe('OneHotEncoder', () => {
  it('sorts categories and encodes one 1 per row', () => {
    const encoder = new OneHotEncoder().fit(['NEAR BAY', 'INLAND', '<1H OCEAN', 'INLAND']);
    expect(encoder.categories).toEqual(['<1H OCEAN', 'INLAND', 'NEAR BAY']);
    const encoded = encoder.transform(['INLAND', 'NEAR BAY']);
    expect(encoded.shape).toEqual([2, 3]);
    expect(Array.from(encoded.data)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(encoder.featureNames('ocean')).toEqual(['ocean=<1H OCEAN', 'ocean=INLAND', 'ocean=NEAR BAY']);
  });

  it('encodes class ids from a tensor, numbers sorted by value, and inverts', () => {
    const encoder = new OneHotEncoder();
    const encoded = encoder.fitTransform(new Tensor([4], Int32Array.of(10, 2, 2, 1)));
    expect(encoder.categories).toEqual([1, 2, 10]);
    expect(encoded.toArray()).toEqual([[0, 0, 1], [0, 1, 0], [0, 1, 0], [1, 0, 0]]);
    expect(encoder.inverseTransform(encoded)).toEqual([10, 2, 2, 1]);
  });

  it('rejects unseen values unless told to ignore them', () => {
    const strict = new OneHotEncoder().fit(['a', 'b']);
    expect(() => strict.transform(['a', 'c'])).toThrow(
      'OneHotEncoder.transform: value "c" at index 1 was not seen in fit (categories: a, b)',
    );
    const lenient = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(['a', 'b']);
    const encoded = lenient.transform(['c', 'b']);
    expect(Array.from(encoded.data)).toEqual([0, 0, 0, 1]);
    expect(lenient.inverseTransform(encoded)).toEqual([null, 'b']);
  });

  it('round-trips through JSON', () => {
    const encoder = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(['x', 'y']);
    const restored = OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(encoder)));
    expect(restored.categories).toEqual(['x', 'y']);
    expect(restored.handleUnknown).toBe('ignore');
    expect(restored.transform(['y']).data).toEqual(encoder.transform(['y']).data);
  });

  it('rejects mixed kinds, empty input and bad JSON', () => {
    expect(() => new OneHotEncoder().fit(['a', 1])).toThrow(
      'OneHotEncoder.fit: values must be all numbers or all strings, received both',
    );
    expect(() => new OneHotEncoder().fit([])).toThrow('OneHotEncoder.fit: no values to learn categories from');
    expect(() => OneHotEncoder.fromJSON({ type: 'OneHotEncoder', categories: [] })).toThrow(
      'OneHotEncoder.fromJSON: categories must be a non-empty array of strings or of numbers, received []',
    );
  });
});
