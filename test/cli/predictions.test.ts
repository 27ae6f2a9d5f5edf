import { describe, expect, it } from 'vitest';
import { formatRanked, predictionsCsv, shortestFloat32, topClasses } from '../../src/cli/predictions.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('topClasses', () => {
  it('ranks classes by probability, smaller id first on ties, at most k', () => {
    const ranked = topClasses(Tensor.from([[0.1, 0.7, 0.2], [0.4, 0.2, 0.4]]), 2, ['a', 'b', 'c']);
    expect(ranked.map((row) => row.map((c) => c.name))).toEqual([['b', 'c'], ['a', 'c']]);
    expect(ranked[0][0].probability).toBeCloseTo(0.7, 6);
    expect(topClasses(Tensor.from([[0.5, 0.5]]), 3)[0].map((c) => c.name)).toEqual(['0', '1']);
  });

  it('formats as percentages', () => {
    expect(formatRanked([{ id: 1, name: 'Shirt', probability: 0.912 }, { id: 0, name: 'T-shirt/top', probability: 0.05 }])).toBe(
      'Shirt 91.2%, T-shirt/top 5.0%',
    );
  });
});

describe('predictionsCsv', () => {
  it('writes the predicted class and every probability for classification', () => {
    const csv = predictionsCsv(new Tensor([2, 2], new Float64Array([0.25, 0.75, 0.875, 0.125])), true, ['cat, small', 'dog']);
    expect(csv).toBe('prediction,"probability_cat, small",probability_dog\ndog,0.25,0.75\n"cat, small",0.875,0.125\n');
  });

  it('writes one column per output for regression', () => {
    expect(predictionsCsv(new Tensor([2, 1], new Float64Array([1.5, -2])), false)).toBe('prediction\n1.5\n-2\n');
  });
});

describe('shortestFloat32', () => {
  it('gives the shortest decimal that reads back as the same float32', () => {
    expect(shortestFloat32(454671.84375)).toBe('454671.84');
    expect(Math.fround(454671.84)).toBe(454671.84375);
    expect(shortestFloat32(Math.fround(0.1))).toBe('0.1');
    expect(shortestFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(shortestFloat32(-2)).toBe('-2');
    expect(shortestFloat32(Math.fround(3e-8))).toBe('3e-8');
    // not a float32: as it is
    expect(shortestFloat32(0.1)).toBe('0.1');
    expect(shortestFloat32(1 / 3)).toBe(String(1 / 3));
  });

  it('is how predictionsCsv writes float32 outputs, with a carried id column first', () => {
    const output = new Tensor([2, 1], Float32Array.of(454671.84375, 0.1));
    expect(predictionsCsv(output, false, undefined, { name: 'id', values: ['a', 'b,c'] })).toBe('id,prediction\na,454671.84\n"b,c",0.1\n');
  });
});

