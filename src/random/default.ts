import { RandomGenerator } from './generator.js';

let defaultGenerator = new RandomGenerator(0);

/**
 * Seed the default generator, like `nnfs.init()` (`np.random.seed(0)`).
 * Everything that draws random numbers without being handed a generator
 * (weight initialisation, dropout masks, shuffling, synthetic data) uses it.
 */
export function init(seed = 0): void {
  defaultGenerator.seed(seed);
}

/** The generator `init(seed)` seeds. */
export function getDefaultGenerator(): RandomGenerator {
  return defaultGenerator;
}

/** Replace the default generator (e.g. to restore one from a checkpoint). */
export function setDefaultGenerator(generator: RandomGenerator): void {
  defaultGenerator = generator;
}
