import { describe, expect, it } from 'vitest';
import { Softmax } from '../../src/activations/softmax.js';
import { CROSS_ENTROPY_EPSILON, CategoricalCrossentropy } from '../../src/losses/categorical-crossentropy.js';
import { Tensor } from '../../src/tensor/tensor.js';

// The book's example, In [48]–[51].
const softmaxOutputs = new Tensor([3, 3], new Float64Array([0.7, 0.1, 0.2, 0.1, 0.5, 0.4, 0.02, 0.9, 0.08]));
const oneHot = Tensor.from([[1, 0, 0], [0, 1, 0], [0, 1, 0]]);

// −0 and +0 are the same gradient; toEqual tells them apart.
const positiveZero = (v: number): number => v + 0;

describe('CategoricalCrossentropy', () => {
  it('gives the book loss 0.38506088005216804 for one-hot targets', () => {
    expect(new CategoricalCrossentropy().calculate(softmaxOutputs, oneHot)).toBe(0.38506088005216804);
  });

  it('takes class ids in any numeric typed array', () => {
    for (const ids of [new Uint8Array([0, 1, 1]), new Int32Array([0, 1, 1]), new Float32Array([0, 1, 1]), new Float64Array([0, 1, 1])]) {
      expect(new CategoricalCrossentropy().calculate(softmaxOutputs, new Tensor([3], ids))).toBe(0.38506088005216804);
    }
  });

  it('per-sample losses are −log of the correct confidence, clipped at ε = 1e-7', () => {
    expect(CROSS_ENTROPY_EPSILON).toBe(1e-7);
    const losses = new CategoricalCrossentropy().forward(new Tensor([2, 2], new Float64Array([0, 1, 1, 0])), new Tensor([2], new Uint8Array([0, 0])));
    expect(Array.from(losses.data)).toEqual([-Math.log(1e-7), -Math.log(1 - 1e-7)]);
  });

  it('backward is −t/ŷ/batch', () => {
    const loss = new CategoricalCrossentropy();
    const dIn = loss.backward(softmaxOutputs, new Tensor([3], new Uint8Array([0, 1, 1])));
    expect(Array.from(dIn.data, positiveZero)).toEqual([-1 / 0.7 / 3, 0, 0, 0, -1 / 0.5 / 3, 0, 0, -1 / 0.9 / 3, 0]);
    expect(loss.dInputs).toBe(dIn);
    expect(loss.toSpec()).toEqual({ type: 'CategoricalCrossentropy' });
  });

  it('accuracy of the book example is 2/3 (In [52])', () => {
    const outputs = Tensor.from([[0.7, 0.2, 0.1], [0.5, 0.1, 0.4], [0.02, 0.9, 0.08]]);
    const predictions = new Softmax().predictions(outputs).data;
    const targets = [0, 1, 1];
    const accuracy = targets.filter((t, i) => predictions[i] === t).length / targets.length;
    expect(accuracy).toBe(0.6666666666666666);
  });

  it('names a label out of range with its value, row and the class count', () => {
    const loss = new CategoricalCrossentropy();
    expect(() => loss.calculate(softmaxOutputs, new Tensor([3], new Int32Array([0, 3, 1])))).toThrow(
      'CategoricalCrossentropy: class id must be an integer in [0, 3), received 3 at row 1 (3 classes)',
    );
    expect(() => loss.calculate(softmaxOutputs, new Tensor([3], new Float32Array([0, 1, 0.5])))).toThrow('received 0.5 at row 2 (3 classes)');
    expect(() => loss.calculate(softmaxOutputs, Tensor.zeros([4]))).toThrow(
      'CategoricalCrossentropy expected targets as class ids [3] or one-hot [3, 3], received shape [4]',
    );
  });

  it('reuses its per-sample loss and dInputs buffers across batches of one size', () => {
    const loss = new CategoricalCrossentropy();
    const y = new Tensor([3], new Uint8Array([0, 1, 1]));
    const first = loss.forward(softmaxOutputs, y);
    const dIn = loss.backward(softmaxOutputs, y);
    expect(loss.forward(softmaxOutputs, y)).toBe(first);
    expect(loss.backward(softmaxOutputs, y)).toBe(dIn);
  });
});
