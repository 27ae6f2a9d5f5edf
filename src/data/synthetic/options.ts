import { ArgumentError, checkInteger, checkNumber, checkOptions } from '../../errors.js';
import { getDefaultGenerator } from '../../random/default.js';
import type { RandomGenerator } from '../../random/generator.js';

/** Options shared by the 2-D toy datasets the playground adds (circles, xor, moons). */
export interface ToyDataOptions {
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.1). */
  noise?: number;
  /** Where the random numbers come from (default: the generator `init(seed)` seeds). */
  generator?: RandomGenerator;
}

/** Validated arguments of a toy dataset generator. */
export interface ToyDataArguments {
  samples: number;
  classes: number;
  noise: number;
  generator: RandomGenerator;
}

/**
 * Checks `(samples, classes, options)` for the generator `owner`; `fixedClasses`
 * is set for datasets that only make sense with one class count (xor, moons).
 */
export function toyDataArguments(
  owner: string,
  samples: number,
  classes: number,
  options: ToyDataOptions,
  fixedClasses?: number,
): ToyDataArguments {
  checkOptions(owner, options, ['noise', 'generator']);
  checkInteger(owner, 'samples', samples, 1);
  checkInteger(owner, 'classes', classes, 1);
  if (fixedClasses !== undefined && classes !== fixedClasses) {
    throw new ArgumentError(`${owner}: classes must be ${fixedClasses}, received ${classes}`);
  }
  const noise = checkNumber(owner, 'noise', options.noise ?? 0.1, 'nonNegative');
  return { samples, classes, noise, generator: options.generator ?? getDefaultGenerator() };
}
