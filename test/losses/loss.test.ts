import { describe, expect, it } from 'vitest';
import { Dense } from '../../src/layers/dense.js';
import { MeanSquaredError } from '../../src/losses/mean-squared-error.js';
import { SoftmaxCategoricalCrossentropy } from '../../src/losses/softmax-categorical-crossentropy.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { trackAllocations } from '../backend/tracking-backend.js';

describe('Loss', () => {
  it('calculate returns the mean, and accumulates sums across batches until newPass', () => {
    const loss = new MeanSquaredError();
    expect(loss.calculate(Tensor.from([[1], [3]]), Tensor.from([[0], [0]]))).toBe(5);
    expect(loss.calculate(Tensor.from([[2]]), Tensor.from([[0]]))).toBe(4);
    expect(loss.calculateAccumulated()).toBe((1 + 9 + 4) / 3);
    loss.newPass();
    expect(loss.calculate(Tensor.from([[1]]), Tensor.from([[0]]))).toBe(1);
    expect(loss.calculateAccumulated()).toBe(1);
  });

  it('regularization loss: λ1·Σ|w| + λ2·Σw² per layer, for one layer or all remembered', () => {
    const a = new Dense(1, 2, { weightRegularizerL1: 0.5, weightRegularizerL2: 0.25, biasRegularizerL1: 1, biasRegularizerL2: 2 });
    a.setParameters(Tensor.from([[-2, 4]]), Tensor.from([[1, -1]]));
    const b = new Dense(1, 1, { weightRegularizerL2: 1 });
    b.setParameters(Tensor.from([[3]]), Tensor.from([[5]]));
    const loss = new MeanSquaredError();
    const aPenalty = 0.5 * 6 + 0.25 * 20 + 1 * 2 + 2 * 2;
    expect(loss.regularizationLoss(a)).toBe(aPenalty);
    expect(loss.regularizationLoss()).toBe(0);
    loss.rememberTrainableLayers([a, b]);
    expect(loss.regularizationLoss()).toBe(aPenalty + 9);
    expect(loss.calculate(Tensor.from([[1]]), Tensor.from([[0]]), { includeRegularization: true })).toEqual({
      dataLoss: 1,
      regularizationLoss: aPenalty + 9,
    });
    expect(loss.calculateAccumulated({ includeRegularization: true })).toEqual({ dataLoss: 1, regularizationLoss: aPenalty + 9 });
  });

  it('dispose releases the per-sample and gradient buffers; forward and backward then throw', () => {
    const { live, restore } = trackAllocations();
    try {
      const loss = new MeanSquaredError();
      const [yPred, yTrue] = [Tensor.from([[1], [3]]), Tensor.from([[0], [0]])];
      loss.calculate(yPred, yTrue);
      loss.backward(yPred, yTrue);
      expect(live.size).toBe(2);
      loss.dispose();
      expect(live.size).toBe(0);
      expect(() => loss.calculate(yPred, yTrue)).toThrow('MeanSquaredError: this loss was disposed; create a new one');
      expect(() => loss.backward(yPred, yTrue)).toThrow('MeanSquaredError: this loss was disposed; create a new one');
      loss.dispose();
    } finally {
      restore();
    }
  });

  it('SoftmaxCategoricalCrossentropy.dispose releases its softmax\'s, its loss\'s and its own buffers', () => {
    const { live, restore } = trackAllocations();
    try {
      const lossActivation = new SoftmaxCategoricalCrossentropy();
      const y = new Tensor([2], Int32Array.from([0, 1]));
      lossActivation.forward(Tensor.from([[1, 2], [3, 4]]), y);
      lossActivation.backward(lossActivation.output, y);
      expect(live.size).toBe(3); // probabilities, per-sample losses, dInputs
      lossActivation.dispose();
      expect(live.size).toBe(0);
      expect(() => lossActivation.forward(Tensor.from([[1, 2]]), y)).toThrow(
        'SoftmaxCategoricalCrossentropy: this loss was disposed; create a new one',
      );
    } finally {
      restore();
    }
  });
});
