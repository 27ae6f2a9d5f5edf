import { describe, expect, it } from 'vitest';
import { decodeTfjs, encodeTfjs, parseTfjsModelJson } from '../../src/io/tfjs.js';
import type { ModelSpec } from '../../src/model/architecture.js';
import { RandomGenerator } from '../../src/random/generator.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { dense, randomModel } from '../io/helpers.js';
import { attempt, caseCount, fuzzSeed, mutate } from './mutate.js';

/** Whether two JSON values have the same structure: the same keys, strings and booleans; numbers may differ. */
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

/** Tensor names, shapes and bits. */
function bits(tensors: Map<string, Tensor>): string {
  return JSON.stringify(
    [...tensors].map(([name, t]) => [name, t.shape, [...new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length)]]),
  );
}

/** An exported TF.js folder in memory: model.json bytes and weights.bin. */
function exported(): { json: Uint8Array; weights: Uint8Array; spec: ModelSpec; reference: string } {
  const { model } = randomModel([dense(3, 4), { type: 'LeakyReLU', alpha: 0.2 }, { type: 'Dropout', rate: 0.25 }, dense(4, 2), { type: 'Softmax' }]);
  const tensors = new Map(model.namedParameters().map(([name, p]) => [name, p.value]));
  const { modelJson, weights } = encodeTfjs(model.toSpec(), tensors);
  const json = new TextEncoder().encode(JSON.stringify(modelJson, null, 2));
  const decoded = decodeTfjs(parseTfjsModelJson(json), [weights]);
  return { json, weights, spec: decoded.spec, reference: bits(decoded.tensors) };
}

describe('fuzz: TF.js folders', () => {
  it('a mutated model.json is refused with a typed error, or loads with the same layers and the very same weights', () => {
    const { json, weights, spec, reference } = exported();
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed);
    const counts = { refused: 0, loaded: 0, loadedValueChange: 0 };
    for (let c = 0; c < cases; c++) {
      const mutant = mutate(json, random);
      const label = `seed ${seed}, model.json case ${c} (${mutant.kind} at ${mutant.first})`;
      const outcome = attempt(label, () => decodeTfjs(parseTfjsModelJson(mutant.bytes), [weights]));
      if (!outcome.ok) {
        counts.refused++;
        continue;
      }
      counts.loaded++;
      const loaded = outcome.value as ReturnType<typeof decodeTfjs>;
      // model.json holds no weights: a load may differ only in a number (a dropout rate, an alpha), never in its layers or weights.
      expect(sameStructure(loaded.spec.layers, spec.layers), label).toBe(true);
      if (JSON.stringify(loaded.spec) !== JSON.stringify(spec)) counts.loadedValueChange++;
      expect(bits(loaded.tensors), label).toBe(reference);
    }
    expect(counts.refused + counts.loaded).toBe(cases);
    if (process.env.FUZZ_CASES !== undefined) console.log(`TF.js model.json: ${cases} cases, seed ${seed}:`, counts);
  });

  it('a mutated weights.bin is refused with a typed error, or loads with the same architecture and only finite weights', () => {
    const { json, weights, spec } = exported();
    const parsed = parseTfjsModelJson(json);
    const cases = caseCount(4000);
    const seed = fuzzSeed();
    const random = new RandomGenerator(seed + 1);
    const counts = { refused: 0, loaded: 0 };
    for (let c = 0; c < cases; c++) {
      const mutant = mutate(weights, random);
      const label = `seed ${seed}, weights.bin case ${c} (${mutant.kind} at ${mutant.first})`;
      const outcome = attempt(label, () => decodeTfjs(parsed, [mutant.bytes]));
      if (!outcome.ok) {
        counts.refused++;
        continue;
      }
      counts.loaded++;
      const loaded = outcome.value as ReturnType<typeof decodeTfjs>;
      expect(JSON.stringify(loaded.spec), label).toBe(JSON.stringify(spec));
      for (const tensor of loaded.tensors.values()) expect(tensor.data.every(Number.isFinite), label).toBe(true);
    }
    expect(counts.refused + counts.loaded).toBe(cases);
    if (process.env.FUZZ_CASES !== undefined) console.log(`TF.js weights.bin: ${cases} cases, seed ${seed}:`, counts);
  });
});
