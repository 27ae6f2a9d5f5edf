import { describe, expect, it } from 'vitest';
import { deserializeModel, serializeModel, type Model } from '../../src/index.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { dense, randomModel } from '../io/helpers.js';
import { attempt, caseCount, fuzzSeed, mutate } from './mutate.js';

/** Parameter names, shapes and bits. */
function parameters(model: Model): [string, number[], number[]][] {
  return [...model.namedParameters()].map(([name, p]) => [name, [...p.value.shape], [...new Uint32Array(p.value.data.buffer, p.value.data.byteOffset, p.value.data.length)]]);
}

describe('fuzz: model files', () => {
  it('a mutated model file is refused with a typed error or loads; a mutated header loads only when it means what the original means', () => {
    const { model } = randomModel([dense(3, 4), { type: 'ReLU' }, dense(4, 2), { type: 'Softmax' }]);
    model.metadata = { dataset: 'csv', classNames: ['a', 'b'] };
    const original = serializeModel(model);
    const dataStart = 8 + Number(new DataView(original.buffer).getBigUint64(0, true));
    const spec = model.toSpec();
    const reference = JSON.stringify(parameters(model));
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed);
    const counts = { refused: 0, loadedDataChange: 0, loadedHeaderChange: 0 };
    for (let c = 0; c < cases; c++) {
      const mutant = mutate(original, random);
      const label = `seed ${seed}, case ${c} (${mutant.kind} at ${mutant.first})`;
      const outcome = attempt(label, () => deserializeModel(mutant.bytes));
      if (!outcome.ok) {
        counts.refused++;
        continue;
      }
      if (mutant.first >= dataStart) {
        counts.loadedDataChange++;
        continue;
      }
      counts.loadedHeaderChange++;
      const loaded = outcome.value as Model;
      // The header checksum covers every header value: a mutated header that loads (a blank added
      // between JSON tokens, a byte of padding) means exactly what the original means.
      expect(JSON.stringify(loaded.toSpec()), label).toBe(JSON.stringify(spec));
      expect(loaded.metadata, label).toEqual(model.metadata);
      expect(loaded.epoch, label).toBe(model.epoch);
      expect(JSON.stringify(parameters(loaded)), label).toBe(reference);
    }
    expect(counts.refused + counts.loadedDataChange + counts.loadedHeaderChange).toBe(cases);
    if (process.env.FUZZ_CASES !== undefined) console.log(`model files: ${cases} cases, seed ${seed}:`, counts);
  });
});
