import { getBackend } from './backend/registry.js';
import { ArgumentError } from './errors.js';
import { isTrainable, type Layer } from './layers/layer.js';
import { Loss } from './losses/loss.js';
import { regularizationPenalty } from './losses/regularization.js';
import { SoftmaxCategoricalCrossentropy } from './losses/softmax-categorical-crossentropy.js';
import { RandomGenerator } from './random/generator.js';
import { Tensor, type FloatArray, type NumericArray } from './tensor/tensor.js';

/** What `gradientCheck` can check: a layer or activation, a loss, or the fused softmax + loss. */
export type GradientCheckTarget = Layer | Loss | SoftmaxCategoricalCrossentropy;

/** Options of `gradientCheck`. */
export interface GradientCheckOptions {
  /** Targets for a loss (required for losses, ignored for layers). */
  targets?: Tensor<NumericArray>;
  /** Step h of the central difference (f(x + h) − f(x − h)) / 2h; default 1e-6. */
  epsilon?: number;
  /** Seed of the random projection that turns a layer's output into a scalar; default 0. */
  seed?: number;
  /** Passed to `layer.forward(inputs, training)`; default true. */
  training?: boolean;
}

/** How far one analytic gradient is from its finite-difference estimate. */
export interface GradientCheckEntry {
  /** `'dInputs'`, `'dWeights'` or `'dBiases'`. */
  name: string;
  /** max_i |analytic_i − numerical_i| */
  maxAbsError: number;
  /** maxAbsError / max_i max(|analytic_i|, |numerical_i|): relative to the tensor's largest gradient. */
  maxRelativeError: number;
}

export interface GradientCheckReport {
  /** The worst entry's relative error. */
  maxRelativeError: number;
  entries: GradientCheckEntry[];
}

/**
 * Finite-difference check of a backward pass, in float64.
 *
 * A layer's output is reduced to the scalar L = Σ R ⊙ output with a fixed random
 * projection R (so every output entry matters), plus the layer's regularization
 * penalty; a loss uses its mean loss. `backward` then gives the analytic ∂L/∂inputs
 * (and ∂L/∂weights, ∂L/∂biases for trainable layers), and each is compared with
 * central differences. Inputs and parameters are copied to float64 for the check
 * and the layer's own parameters are restored afterwards.
 *
 * ```ts
 * const report = gradientCheck(new Dense(3, 4), Tensor.from([[0.1, -0.2, 0.3]]));
 * report.maxRelativeError;                  // ~1e-9 when backward is right
 * ```
 */
export function gradientCheck(target: GradientCheckTarget, inputs: Tensor, options: GradientCheckOptions = {}): GradientCheckReport {
  const epsilon = options.epsilon ?? 1e-6;
  const x = new Tensor(inputs.shape, Float64Array.from(inputs.data));
  const scalar = scalarFunction(target, x, options);
  const trainable = !(target instanceof Loss) && !(target instanceof SoftmaxCategoricalCrossentropy) && isTrainable(target);
  const saved = trainable ? [target.weights, target.biases] : [];
  try {
    if (trainable) {
      target.weights = new Tensor(target.weights.shape, Float64Array.from(target.weights.data));
      target.biases = new Tensor(target.biases.shape, Float64Array.from(target.biases.data));
    }
    const analytic = scalar.analytic();
    const entries = [compare('dInputs', analytic.dInputs, numericalGradient(() => scalar.value(), x.data, epsilon))];
    if (trainable) {
      entries.push(compare('dWeights', analytic.dWeights, numericalGradient(() => scalar.value(), target.weights.data as Float64Array, epsilon)));
      entries.push(compare('dBiases', analytic.dBiases, numericalGradient(() => scalar.value(), target.biases.data as Float64Array, epsilon)));
    }
    return { maxRelativeError: Math.max(...entries.map((e) => e.maxRelativeError)), entries };
  } finally {
    if (trainable) [target.weights, target.biases] = saved;
  }
}

/**
 * Central differences g_i = (f(x + h·e_i) − f(x − h·e_i)) / 2h for every entry
 * of `x`, which is perturbed in place and restored; `f` reads `x`.
 *
 * ```ts
 * const x = new Float64Array([1, 2]);
 * numericalGradient((v) => v[0] * v[0] + 3 * v[1], x);   // ≈ [2, 3]
 * ```
 */
export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, epsilon = 1e-6): Float64Array {
  if (!(epsilon > 0)) throw new ArgumentError(`numericalGradient: epsilon must be a number > 0, received ${epsilon}`);
  const gradient = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const original = x[i];
    x[i] = original + epsilon;
    const plus = f(x);
    x[i] = original - epsilon;
    const minus = f(x);
    x[i] = original;
    gradient[i] = (plus - minus) / (2 * epsilon);
  }
  return gradient;
}

interface ScalarFunction {
  value(): number;
  /** Runs forward and backward once; copies of the gradients (later forwards reuse buffers). */
  analytic(): { dInputs: FloatArray; dWeights: FloatArray; dBiases: FloatArray };
}

function scalarFunction(target: GradientCheckTarget, x: Tensor, options: GradientCheckOptions): ScalarFunction {
  const empty = new Float64Array(0);
  if (target instanceof Loss || target instanceof SoftmaxCategoricalCrossentropy) {
    const y = options.targets;
    if (!y) throw new ArgumentError('gradientCheck: a loss needs options.targets, received none');
    if (target instanceof SoftmaxCategoricalCrossentropy) {
      return {
        value: () => target.forward(x, y),
        analytic: () => {
          target.forward(x, y);
          return { dInputs: target.backward(target.output, y).data.slice(), dWeights: empty, dBiases: empty };
        },
      };
    }
    const value = (): number => {
      const losses = target.forward(x, y);
      return getBackend().sum(losses.data) / losses.size;
    };
    return { value, analytic: () => ({ dInputs: target.backward(x, y).data.slice(), dWeights: empty, dBiases: empty }) };
  }
  const training = options.training ?? true;
  const probe = target.forward(x, training);
  const generator = new RandomGenerator(options.seed ?? 0);
  const projection = new Tensor(probe.shape, Float64Array.from({ length: probe.size }, () => generator.gauss()));
  const penalty = (): number => (isTrainable(target) ? regularizationPenalty([target]) : 0);
  const product = new Float64Array(1);
  const value = (): number => {
    const output = target.forward(x, training);
    getBackend().gemm(false, false, 1, 1, output.size, projection.data, output.data, product);
    return product[0] + penalty();
  };
  return {
    value,
    analytic: () => {
      target.forward(x, training);
      const dInputs = target.backward(projection).data.slice();
      if (!isTrainable(target)) return { dInputs, dWeights: empty, dBiases: empty };
      return { dInputs, dWeights: target.dWeights.data.slice(), dBiases: target.dBiases.data.slice() };
    },
  };
}

function compare(name: string, analytic: FloatArray, numerical: Float64Array): GradientCheckEntry {
  let maxAbsError = 0;
  let scale = 0;
  for (let i = 0; i < numerical.length; i++) {
    maxAbsError = Math.max(maxAbsError, Math.abs(analytic[i] - numerical[i]));
    scale = Math.max(scale, Math.abs(analytic[i]), Math.abs(numerical[i]));
  }
  return { name, maxAbsError, maxRelativeError: scale === 0 ? maxAbsError : maxAbsError / scale };
}
