import { describe, expect, it } from 'vitest';
import { shuffleRows, shuffledBatches, takeRows } from '../../../src/data/preprocessing/rows.js';
import { RandomGenerator } from '../../../src/random/generator.js';
import { Tensor } from '../../../src/tensor/tensor.js';

const x = Tensor.from([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
const y = new Tensor([5], Uint8Array.of(0, 1, 2, 3, 4));

describe('rows', () => {
  it('takeRows is X[indices], keeping the element type', () => {
    const picked = takeRows(y, [4, 0, 4]);
    expect(picked.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(picked.data)).toEqual([4, 0, 4]);
    expect(takeRows(x, [1]).toArray()).toEqual([[2, 3]]);
    expect(() => takeRows(x, [5])).toThrow('takeRows: index 0 must be a row in [0, 5), received 5');
  });

  it("shuffleRows draws the book's keys (np.random.shuffle of arange) and keeps pairs together", () => {
    const { x: xs, y: ys, order } = shuffleRows(x, y, { seed: 0 });
    expect(Array.from(order)).toEqual(Array.from(new RandomGenerator(0).permutation(5)));
    for (let i = 0; i < 5; i++) expect(xs.data[2 * i]).toBe(2 * ys.data[i]);
  });

  it('shuffledBatches covers every row once per pass, last batch holding the remainder', () => {
    const batches = [...shuffledBatches(x, y, { batchSize: 2, seed: 3 })];
    expect(batches.map((b) => b.x.shape)).toEqual([[2, 2], [2, 2], [1, 2]]);
    const seen = batches.flatMap((b) => Array.from(b.y.data)).sort();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    for (const b of batches) expect(b.x.data[0]).toBe(2 * b.y.data[0]);
    const ordered = [...shuffledBatches(x, y, { batchSize: 3, shuffle: false })];
    expect(ordered.map((b) => Array.from(b.y.data))).toEqual([[0, 1, 2], [3, 4]]);
    expect(() => [...shuffledBatches(x, y, { batchSize: 0 })]).toThrow(
      'shuffledBatches: batchSize must be an integer >= 1, received 0',
    );
  });
});
