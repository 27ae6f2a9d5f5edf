import { describe, expect, it } from 'vitest';
import { deserializeModel, serializeModel, type Model } from '../../src/index.js';
import { RandomGenerator } from '../../src/random/generator.js';
import { dense, randomModel } from '../io/helpers.js';
import { attempt, caseCount, fuzzSeed, mutate } from './mutate.js';

/**
 * Whether two JSON values have the same structure: the same keys in the same
 * order, the same strings and booleans, numbers anywhere allowed to differ.
 */
function sameStructure(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameStructure(v, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameStructure((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** Parameter names, shapes and bits. */
function parameters(model: Model): [string, number[], number[]][] {
  return [...model.namedParameters()].map(([name, p]) => [name, [...p.value.shape], [...new Uint32Array(p.value.data.buffer, p.value.data.byteOffset, p.value.data.length)]]);
}

describe('fuzz: model files', () => {
  it('a mutated model file is refused with a typed error or loads; a mutated header never changes the architecture or the parameters', () => {
    const { model } = randomModel([dense(3, 4), { type: 'ReLU' }, dense(4, 2), { type: 'Softmax' }]);
    model.metadata = { dataset: 'csv', classNames: ['a', 'b'] };
    const original = serializeModel(model);
    const dataStart = 8 + Number(new DataView(original.buffer).getBigUint64(0, true));
    const spec = model.toSpec();
    const reference = JSON.stringify(parameters(model));
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed);
    const counts = { refused: 0, loadedDataChange: 0, loadedHeaderChange: 0, headerValueChange: 0 };
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
      // The architecture may differ only in a number's value (an initializer scale, a regularizer),
      // which no format without a checksum can tell from a real one; never in its layers, types or names.
      const loadedSpec = loaded.toSpec();
      expect(sameStructure(loadedSpec.layers, spec.layers), label).toBe(true);
      if (JSON.stringify(loadedSpec.layers) !== JSON.stringify(spec.layers)) counts.headerValueChange++;
      expect(JSON.stringify(parameters(loaded)), label).toBe(reference);
    }
    expect(counts.refused + counts.loadedDataChange + counts.loadedHeaderChange).toBe(cases);
    if (process.env.FUZZ_CASES !== undefined) console.log(`model files: ${cases} cases, seed ${seed}:`, counts);
  });
});
