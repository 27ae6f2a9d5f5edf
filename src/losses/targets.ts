import { ArgumentError, ShapeError, formatShape } from '../errors.js';
import { checkTensor, type NumericArray, type Tensor } from '../tensor/tensor.js';

/**
 * Classification targets as the book takes them: class ids [batch] (any
 * numeric typed array) are `sparse`; one-hot rows [batch, classes] are not.
 * Throws when the shapes disagree or a class id is not an integer in [0, classes).
 */
export function classTargets(owner: string, yPred: Tensor, yTrue: Tensor<NumericArray>): { sparse: boolean } {
  checkTargetTensors(owner, yPred, yTrue);
  if (yPred.rank !== 2) {
    throw new ShapeError(`${owner} expected predictions of shape [batch, classes], received shape ${formatShape(yPred.shape)}`);
  }
  const [rows, classes] = yPred.shape;
  if (yTrue.rank === 1 && yTrue.shape[0] === rows) {
    const ids = yTrue.data;
    for (let r = 0; r < rows; r++) {
      const label = ids[r];
      if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
        throw new ArgumentError(`${owner}: class id must be an integer in [0, ${classes}), received ${label} at row ${r} (${classes} classes)`);
      }
    }
    return { sparse: true };
  }
  if (yTrue.rank === 2 && yTrue.shape[0] === rows && yTrue.shape[1] === classes) return { sparse: false };
  throw new ShapeError(
    `${owner} expected targets as class ids [${rows}] or one-hot [${rows}, ${classes}], received shape ${formatShape(yTrue.shape)}`,
  );
}

/** Throws unless `yTrue` holds one target per prediction ([batch, outputs], or [batch] for one output). */
export function valueTargets(owner: string, yPred: Tensor, yTrue: Tensor<NumericArray>): { rows: number; cols: number } {
  checkTargetTensors(owner, yPred, yTrue);
  if (yPred.rank !== 2) {
    throw new ShapeError(`${owner} expected predictions of shape [batch, outputs], received shape ${formatShape(yPred.shape)}`);
  }
  const [rows, cols] = yPred.shape;
  const sameShape = yTrue.rank === 2 && yTrue.shape[0] === rows && yTrue.shape[1] === cols;
  const columnOfOne = yTrue.rank === 1 && yTrue.shape[0] === rows && cols === 1;
  if (!sameShape && !columnOfOne) {
    throw new ShapeError(`${owner} expected targets of shape ${formatShape(yPred.shape)}, received shape ${formatShape(yTrue.shape)}`);
  }
  return { rows, cols };
}

/** Throws unless both the predictions and the targets are Tensors. */
function checkTargetTensors(owner: string, yPred: unknown, yTrue: unknown): void {
  checkTensor(owner, 'predictions', yPred);
  checkTensor(owner, 'targets', yTrue);
}
