import type { Backend } from '../backend/backend.js';
import { getBackend } from '../backend/registry.js';
import { ArgumentError, ShapeError, checkInteger, checkNotDisposed, checkNumber, formatShape } from '../errors.js';
import type { Parameter, TrainableLayer } from '../layers/layer.js';
import type { OptimizerSpec } from '../model/architecture.js';
import { OwnedBuffers } from '../tensor/owned-buffers.js';
import type { FloatArray, Tensor } from '../tensor/tensor.js';

/** Parameters by name (`layers.0.weights`, …), as a Model lists them. */
export type NamedParameters = ReadonlyMap<string, Parameter> | readonly (readonly [string, Parameter])[];

/**
 * Everything an optimizer needs to continue exactly where it stopped: the step
 * counter, the decayed learning rate and, per parameter name, its state
 * buffers by slot name (`momentums`, `cache`), each as long as the parameter.
 * Parameters the optimizer has not updated yet have no entry.
 */
export interface OptimizerState {
  iterations: number;
  currentLearningRate: number;
  slots: Record<string, Record<string, FloatArray>>;
}

/** The options every optimizer takes. */
export interface OptimizerOptions {
  /** The initial step size (must be > 0). */
  learningRate?: number;
  /** Learning-rate decay per step (>= 0): rate = learningRate / (1 + decay · iterations). */
  decay?: number;
}

/**
 * The book's optimizer protocol. Each training step:
 *
 * ```ts
 * optimizer.preUpdateParams();                        // decays currentLearningRate
 * for (const layer of trainable) optimizer.updateParams(layer);
 * optimizer.postUpdateParams();                       // iterations += 1
 * ```
 *
 * Learning-rate decay (1/t): currentLearningRate = learningRate · 1 / (1 + decay · iterations).
 *
 * State buffers (momentums, caches) live here, not on the layers: one set per
 * parameter tensor, created as zeros the first time that parameter is
 * updated, in the parameter's precision. `getState`/`setState` move them by
 * parameter name, so a saved run resumes bit for bit; `dispose()` gives them
 * back to the backend.
 */
export abstract class Optimizer {
  /** The type name model files store (`'SGD'`, `'Adam'`, …). */
  readonly type: OptimizerSpec['type'];
  /** The decay rate; 0 keeps the learning rate constant. */
  readonly decay: number;
  /** The rate the next update uses, after decay (what the book prints as `lr`). */
  currentLearningRate: number;
  /** Completed steps (postUpdateParams calls). */
  iterations = 0;

  #learningRate: number;
  readonly #slots = new WeakMap<Tensor<FloatArray>, Record<string, FloatArray>>();
  /** Every float32 state buffer, for `dispose` (the WeakMap cannot be walked). */
  readonly #buffers = new OwnedBuffers();
  #disposed = false;

  protected constructor(type: OptimizerSpec['type'], options: Required<OptimizerOptions>) {
    this.type = type;
    this.#learningRate = checkNumber(type, 'learningRate', options.learningRate, 'positive');
    this.decay = checkNumber(type, 'decay', options.decay, 'nonNegative');
    this.currentLearningRate = this.#learningRate;
  }

  /** The initial (undecayed) learning rate; a schedule may set it between steps. */
  get learningRate(): number {
    return this.#learningRate;
  }

  set learningRate(value: number) {
    this.#learningRate = checkNumber(this.type, 'learningRate', value, 'positive');
  }

  /** Call once before the updates of a step: applies the decay. */
  preUpdateParams(): void {
    this.currentLearningRate = this.#learningRate * (1 / (1 + this.decay * this.iterations));
  }

  /** Updates every parameter of `layer` in place from its gradient. */
  updateParams(layer: TrainableLayer): void {
    checkNotDisposed(this.#disposed, this.type, 'optimizer');
    const backend = getBackend();
    for (const parameter of layer.parameters()) {
      const { value, gradient } = parameter;
      if (gradient.size !== value.size) {
        throw new ShapeError(
          `${this.type}: gradient of ${parameter.name} has shape ${formatShape(gradient.shape)}, expected ${formatShape(value.shape)}`,
        );
      }
      this.update(backend, value.data, gradient.data, this.#slotsFor(value));
    }
  }

  /** Call once after the updates of a step. */
  postUpdateParams(): void {
    this.iterations += 1;
  }

  /** The JSON description model files store. */
  abstract toSpec(): OptimizerSpec;

  /**
   * Copies of the step counter, rate and every state buffer, by parameter
   * name. With `reuse`, a state from an earlier call, buffers of the same
   * length and type are overwritten instead of allocated (training snapshots
   * the state every epoch).
   */
  getState(parameters: NamedParameters, reuse?: OptimizerState): OptimizerState {
    checkNotDisposed(this.#disposed, this.type, 'optimizer');
    const slots: Record<string, Record<string, FloatArray>> = {};
    for (const [name, parameter] of entries(parameters)) {
      const own = this.#slots.get(parameter.value);
      if (!own) continue;
      const old = reuse?.slots[name];
      const copies: Record<string, FloatArray> = {};
      for (const slot in own) {
        const buffer: FloatArray = own[slot];
        const copy = old?.[slot];
        copies[slot] = copy !== undefined && copy.length === buffer.length && copy.constructor === buffer.constructor ? (copy.set(buffer), copy) : buffer.slice();
      }
      slots[name] = copies;
    }
    return { iterations: this.iterations, currentLearningRate: this.currentLearningRate, slots };
  }

  /**
   * Restores a state from `getState` (possibly of another optimizer instance
   * over other tensors with the same names). Buffers are copied in; parameters
   * without an entry start from zeros again.
   */
  setState(parameters: NamedParameters, state: OptimizerState): void {
    const owner = `${this.type}.setState`;
    checkNotDisposed(this.#disposed, owner, 'optimizer');
    const iterations = checkInteger(owner, 'iterations', state.iterations, 0);
    const currentLearningRate = checkNumber(owner, 'currentLearningRate', state.currentLearningRate, 'positive');
    if (typeof state.slots !== 'object' || state.slots === null) {
      throw new ArgumentError(`${owner}: slots must be an object of state buffers by parameter name, received ${String(state.slots)}`);
    }
    const named = new Map(entries(parameters));
    for (const name of Object.keys(state.slots)) {
      if (!named.has(name)) {
        throw new ArgumentError(`${owner}: state holds "${name}", which is not among the parameters (${[...named.keys()].join(', ')})`);
      }
    }
    const restored = new Map<Tensor<FloatArray>, Record<string, FloatArray>>();
    for (const [name, parameter] of named) {
      const saved = state.slots[name];
      if (saved === undefined) continue;
      const expected = this.slotNames();
      const received = Object.keys(saved);
      if (received.length !== expected.length || !expected.every((slot) => received.includes(slot))) {
        throw new ArgumentError(`${owner}: "${name}" must have slots [${expected.join(', ')}], received [${received.join(', ')}]`);
      }
      const buffers: Record<string, FloatArray> = {};
      for (const slot of expected) {
        const source = saved[slot];
        if (source.length !== parameter.value.size) {
          throw new ShapeError(
            `${owner}: ${name}.${slot} needs ${parameter.value.size} values (shape ${formatShape(parameter.value.shape)}), received ${source.length}`,
          );
        }
        const buffer = this.#zerosLike(parameter.value.data);
        buffer.set(source);
        buffers[slot] = buffer;
      }
      restored.set(parameter.value, buffers);
    }
    for (const [, parameter] of named) {
      const replaced = this.#slots.get(parameter.value);
      if (replaced) for (const buffer of Object.values(replaced)) this.#buffers.release(buffer);
      this.#slots.delete(parameter.value);
    }
    for (const [value, buffers] of restored) this.#slots.set(value, buffers);
    this.iterations = iterations;
    this.currentLearningRate = currentLearningRate;
  }

  /**
   * Releases every state buffer (momentums, caches); `updateParams`,
   * `getState` and `setState` throw a DisposedError afterwards. A second call
   * does nothing.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#buffers.releaseAll();
  }

  /** The state buffers each parameter carries, by name. */
  protected abstract slotNames(): readonly string[];

  /** One parameter's update, in place, with its state buffers. */
  protected abstract update(backend: Backend, param: FloatArray, grad: FloatArray, slots: Record<string, FloatArray>): void;

  #slotsFor(value: Tensor<FloatArray>): Record<string, FloatArray> {
    let own = this.#slots.get(value);
    if (!own && this.slotNames().length === 0) return {}; // stateless (SGD without momentum): nothing to save
    if (!own) {
      own = Object.fromEntries(this.slotNames().map((slot) => [slot, this.#zerosLike(value.data)]));
      this.#slots.set(value, own);
    }
    return own;
  }

  /** Zeros in the parameter's precision (state stays float64 for float64 checks). */
  #zerosLike(data: FloatArray): FloatArray {
    return data instanceof Float64Array ? new Float64Array(data.length) : this.#buffers.allocate(data.length);
  }
}

function entries(parameters: NamedParameters): Iterable<readonly [string, Parameter]> {
  return parameters instanceof Map ? parameters.entries() : (parameters as readonly (readonly [string, Parameter])[]);
}
