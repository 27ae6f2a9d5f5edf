import { getBackend } from '../backend/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { showValue } from '../layers/spec-reader.js';
import { activationKind } from './activation-kind.js';
import { ActivationBase } from './base.js';

/**
 * Rectified linear unit: y = max(0, x); dInputs = dValues where x > 0, else 0.
 * At x = 0 the subgradient is taken as 0, as the book does (`inputs <= 0`).
 * Shapes: any; output has the input's shape. Predictions are the outputs.
 *
 * ```ts
 * const activation1 = new ReLU();
 * activation1.forward(dense1.output);       // negatives become 0
 * ```
 */
export class ReLU extends ActivationBase {
  readonly type = 'ReLU' as const;

  protected compute(inputs: Tensor, output: Tensor): void {
    getBackend().relu(inputs.data, output.data);
  }

  protected computeBackward(dValues: Tensor, dInputs: Tensor): void {
    getBackend().reluBackward(dValues.data, this.inputs.data, dInputs.data);
  }
}

/**
 * ReLU as model files and the exporters know it: ONNX `Relu`, Keras activation
 * 'relu'; a Keras `ReLU` layer imports too when it is the plain max(0, x)
 * (no max_value, threshold, negative_slope, nor LeakyReLU's alpha).
 */
export const reluKind = activationKind('ReLU', {
  create: () => new ReLU(),
  onnxOp: 'Relu',
  keras: 'relu',
  kerasClass: {
    classNames: ['ReLU'],
    decode({ config, described }) {
      const { max_value: maxValue = null, threshold = 0, negative_slope: negativeSlope = 0 } = config.fields;
      if (maxValue !== null || threshold !== 0 || negativeSlope !== 0) {
        config.fail(`${described} with max_value, threshold or negative_slope is not supported`);
      }
      // LeakyReLU's slope (Keras 2, TF.js): a "ReLU" carrying one is a renamed LeakyReLU, not max(0, x).
      if (config.fields.alpha !== undefined) {
        config.fail(`${described} has alpha ${showValue(config.fields.alpha)}, a LeakyReLU field; a ReLU layer has only max_value, threshold and negative_slope`);
      }
      return [{ spec: { type: 'ReLU' } }];
    },
  },
});
