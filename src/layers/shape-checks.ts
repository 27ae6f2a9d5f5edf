import { ShapeError, formatShape } from '../errors.js';
import { checkTensor, type NumericArray, type Tensor } from '../tensor/tensor.js';

/** Throws unless `tensor` is a 2-D Tensor ([rows, columns]); `owner` names the layer in the message. */
export function checkMatrix(owner: string, what: string, tensor: Tensor<NumericArray>): void {
  checkTensor(owner, what, tensor);
  if (tensor.rank !== 2) {
    throw new ShapeError(`${owner} expected ${what} of shape [rows, columns], received shape ${formatShape(tensor.shape)}`);
  }
}

/** Throws unless `dValues` has exactly the shape of the output it is the gradient of. */
export function checkGradientShape(owner: string, output: Tensor<NumericArray> | null, dValues: Tensor<NumericArray>): void {
  checkTensor(`${owner}.backward`, 'dValues', dValues);
  if (output === null) throw new ShapeError(`${owner}: backward called before forward`);
  const same = output.shape.length === dValues.shape.length && output.shape.every((d, i) => d === dValues.shape[i]);
  if (!same) {
    throw new ShapeError(
      `${owner} expected dValues of the output's shape ${formatShape(output.shape)}, received shape ${formatShape(dValues.shape)}`,
    );
  }
}

/**
 * Thrown by a kind's `outputShape` for an input shape the layer cannot take;
 * the message says what it expects (`expects 800 columns`). Shape inference
 * turns it into a ShapeError naming both layers and both shapes.
 */
export class ShapeMismatch extends ShapeError {}

/** Throws a ShapeMismatch: `expectation` completes "<Layer> …" (`expects 800 columns`). */
export function mismatch(expectation: string): never {
  throw new ShapeMismatch(expectation);
}
