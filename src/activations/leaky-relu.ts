import { getBackend } from '../backend/registry.js';
import { checkNumber } from '../errors.js';
import type { LayerKind } from '../layers/layer-kind.js';
import type { Tensor } from '../tensor/tensor.js';
import { ActivationBase } from './base.js';
import { SpecReader } from '../layers/spec-reader.js';

/**
 * Leaky ReLU: y = x for x > 0, else alpha·x; dInputs = dValues · (x > 0 ? 1 : alpha).
 * A small slope for negative inputs keeps their gradient from dying.
 * Shapes: any; output has the input's shape. Predictions are the outputs.
 *
 * ```ts
 * const activation1 = new LeakyReLU(0.01);
 * activation1.forward(dense1.output);       // negatives scaled by 0.01
 * ```
 */
export class LeakyReLU extends ActivationBase {
  readonly type = 'LeakyReLU' as const;
  /** The slope for negative inputs, in [0, 1] (default 0.01): above 1 the "leak" outgrows the identity, and a huge slope overflows. */
  readonly alpha: number;

  constructor(alpha = 0.01) {
    super();
    this.alpha = checkNumber('LeakyReLU', 'alpha', alpha, 'unit');
  }

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().leakyRelu(inputs.data, this.alpha, output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().leakyReluBackward(dValues.data, this.inputs.data, this.alpha, dInputs.data);
  }

  override toSpec(): LeakyReLUSpec {
    return { type: 'LeakyReLU', alpha: this.alpha };
  }
}

/** How model files store a LeakyReLU layer. */
export type LeakyReLUSpec = { type: 'LeakyReLU'; alpha: number };

/** LeakyReLU as model files and the exporters know it: ONNX `LeakyRelu(alpha)`, Keras `LeakyReLU` (alpha, or Keras 3's negative_slope). */
export const leakyReluKind: LayerKind<LeakyReLUSpec> = {
  type: 'LeakyReLU',
  parse: (reader) => ({ type: 'LeakyReLU', alpha: reader.number('alpha', 'unit') }),
  defaults: () => ({ alpha: 0.01 }),
  create: (spec) => new LeakyReLU(spec.alpha),
  inputShape: (_spec, next) => next,
  outputShape: (_spec, input) => input,
  label: (spec) => `LeakyReLU(${spec.alpha})`,
  parameters: () => [],
  source: (spec) => `new LeakyReLU(${spec.alpha})`,
  onnx: (spec, graph) => graph.node('LeakyRelu', [], { alpha: { float: spec.alpha } }),
  tfjs: {
    classNames: ['LeakyReLU'],
    encode: (spec, encoder) => ({ className: 'LeakyReLU', config: { name: encoder.layerName('leaky_re_lu'), alpha: spec.alpha } }),
    decode({ config }) {
      const fields = { alpha: config.fields.alpha ?? config.fields.negative_slope ?? 0.3 };
      return [{ spec: { type: 'LeakyReLU', alpha: new SpecReader(fields, config.where, config.fail).number('alpha', 'unit') } }];
    },
  },
};
