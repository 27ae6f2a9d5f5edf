import { getBackend } from '../backend/registry.js';
import { ArgumentError, checkNumber } from '../errors.js';
import type { RandomGenerator } from '../random/generator.js';
import { Tensor } from '../tensor/tensor.js';

/** How a layer with weights (Dense, Conv2D) initialises them; biases start at zero. */
export type Initializer =
  | { kind: 'book'; scale: number } // scale · randn, the book's 0.01 by default
  | { kind: 'xavier' } // Glorot normal: randn · sqrt(2 / (fanIn + fanOut))
  | { kind: 'he' }; // randn · sqrt(2 / fanIn)

/** The initializer options a layer constructor takes. */
export interface InitializerOptions {
  /**
   * `'book'` (default): scale·randn, scale 0.01 unless `scale` says otherwise;
   * `'xavier'`: Glorot normal, randn·√(2/(fanIn+fanOut)); `'he'`: randn·√(2/fanIn).
   */
  initializer?: Initializer['kind'];
  /** The book initializer's factor (0.01; the sine-regression chapter uses 0.1). */
  scale?: number;
}

/** The Initializer that `options` name, checked; `owner` names the layer in errors. */
export function resolveInitializer(owner: string, options: InitializerOptions): Initializer {
  const kind = options.initializer ?? 'book';
  if (kind === 'book') return { kind, scale: checkNumber(owner, 'scale', options.scale ?? 0.01, 'positive') };
  if (kind !== 'xavier' && kind !== 'he') {
    throw new ArgumentError(`${owner}: initializer must be 'book', 'xavier' or 'he', received ${String(kind)}`);
  }
  if (options.scale !== undefined) {
    throw new ArgumentError(`${owner}: scale applies only to the 'book' initializer, received scale=${String(options.scale)} with '${kind}'`);
  }
  return { kind };
}

/**
 * The factor applied to the float32 randn draws. The book's `0.01 * randn` is a
 * float32 product (numpy casts the Python float to float32 first), hence
 * `Math.fround(scale)`; Glorot/He factors multiply in float64, rounding once on
 * store. fanIn/fanOut count the inputs and outputs one weight connects (for a
 * convolution kh·kw·inChannels and kh·kw·filters, as Keras counts them).
 */
export function initialScale(initializer: Initializer, fanIn: number, fanOut: number): number {
  switch (initializer.kind) {
    case 'book':
      return Math.fround(initializer.scale);
    case 'xavier':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'he':
      return Math.sqrt(2 / fanIn);
  }
}

/**
 * Initial weights of `shape` in `storage` (float32, from the backend): float32
 * randn draws from `generator`, times initialScale (Dense and Conv2D draw alike).
 */
export function initialWeights(
  initializer: Initializer,
  shape: readonly number[],
  fan: { fanIn: number; fanOut: number },
  storage: Float32Array,
  generator: RandomGenerator,
): Tensor<Float32Array> {
  const weights = new Tensor(shape, generator.randn(storage.length, storage));
  getBackend().scale(weights.data, initialScale(initializer, fan.fanIn, fan.fanOut), weights.data);
  return weights;
}
