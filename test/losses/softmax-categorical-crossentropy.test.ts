import { describe, expect, it } from 'vitest';
import { Softmax } from '../../src/activations/softmax.js';
import { CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { SoftmaxCategoricalCrossentropy } from '../../src/losses/softmax-categorical-crossentropy.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('SoftmaxCategoricalCrossentropy', () => {
  it('book example: dInputs = (probs − onehot)/batch', () => {
    const softmaxOutputs = Tensor.from([[0.7, 0.1, 0.2], [0.1, 0.5, 0.4], [0.02, 0.9, 0.08]]);
    const classTargets = new Tensor([3], new Uint8Array([0, 1, 1]));
    const dIn = new SoftmaxCategoricalCrossentropy().backward(softmaxOutputs, classTargets);
    const expected = [-0.3, 0.1, 0.2, 0.1, -0.5, 0.4, 0.02, -0.1, 0.08].map((v) => v / 3);
    dIn.data.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 7));
  });

  it('forward returns the mean loss and keeps the probabilities', () => {
    const fused = new SoftmaxCategoricalCrossentropy();
    const inputs = Tensor.from([[1, 2, 3], [-1, 0, 4]]);
    const y = new Tensor([2], new Int32Array([2, 0]));
    const loss = fused.forward(inputs, y);
    const probabilities = new Softmax().forward(inputs);
    expect(Array.from(fused.output.data)).toEqual(Array.from(probabilities.data));
    expect(loss).toBe(new CategoricalCrossentropy().calculate(probabilities, y));
  });

  it('fused backward equals the Jacobian path Softmax.backward(CCE.backward), sparse and one-hot', () => {
    const inputs = new Tensor([4, 3], new Float64Array([0.3, -1.2, 2, 1, 1, 1, -0.5, 0.25, 0.1, 3, -2, 0.5]));
    const ids = new Tensor([4], new Uint8Array([2, 0, 1, 0]));
    const oneHot = Tensor.from([[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0]]);
    for (const y of [ids, oneHot]) {
      const fused = new SoftmaxCategoricalCrossentropy();
      fused.forward(inputs, y);
      const fast = fused.backward(fused.output, y);

      const softmax = new Softmax();
      const cce = new CategoricalCrossentropy();
      softmax.forward(inputs);
      cce.backward(softmax.output, y);
      const slow = softmax.backward(cce.dInputs);
      fast.data.forEach((v, i) => expect(v).toBeCloseTo(slow.data[i], 14));
    }
  });

  it('rejects out-of-range class ids', () => {
    expect(() => new SoftmaxCategoricalCrossentropy().backward(Tensor.zeros([2, 3]), new Tensor([2], new Int8Array([0, -1])))).toThrow(
      'SoftmaxCategoricalCrossentropy: class id must be an integer in [0, 3), received -1 at row 1 (3 classes)',
    );
  });
});
