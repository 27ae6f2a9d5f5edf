import { ArgumentError } from '../../errors.js';
import { getDefaultGenerator } from '../../random/default.js';
import { RandomGenerator } from '../../random/generator.js';

/** How a shuffling helper gets its randomness: a seed (a fresh generator), a generator, or neither (the default one). */
export interface RandomOption {
  seed?: number;
  generator?: RandomGenerator;
}

/** The generator named by `seed` or `generator`; the default generator (seeded by `init`) when neither is given. */
export function resolveGenerator(owner: string, option: RandomOption): RandomGenerator {
  if (option.seed !== undefined && option.generator !== undefined) {
    throw new ArgumentError(`${owner}: give seed or generator, not both`);
  }
  if (option.generator !== undefined) {
    if (!(option.generator instanceof RandomGenerator)) {
      throw new ArgumentError(`${owner}: generator must be a RandomGenerator, received ${String(option.generator)}`);
    }
    return option.generator;
  }
  if (option.seed !== undefined) {
    if (!Number.isInteger(option.seed) || option.seed < 0 || option.seed > 0xffffffff) {
      throw new ArgumentError(`${owner}: seed must be an integer in [0, 2^32), received ${String(option.seed)}`);
    }
    return new RandomGenerator(option.seed);
  }
  return getDefaultGenerator();
}
