import { describe, expect, it } from 'vitest';
import type { Dense } from '../../src/index.js';
import * as binary from '../../examples/binary-logistic-regression.js';
import * as sine from '../../examples/sine-regression.js';
import * as spiralAdam from '../../examples/spiral-adam.js';
import * as spiralRegularization from '../../examples/spiral-regularization.js';
import fixture from '../fixtures/example-order.json' with { type: 'json' };

// The book draws its training data, then its layers' weights, and its test
// data only after training; the fixture holds what numpy draws in that order
// (scripts/fixtures/example-order.py). Weights are float32 on both sides, so
// they compare exactly.
const weightsOf = (model: { layers: unknown[] }, index: number): number[] => Array.from((model.layers[index] as Dense).weights.data);
const float32 = (values: number[]): number[] => Array.from(Float32Array.from(values));

function capture(): { lines: string[]; print: (line: string) => void } {
  const lines: string[] = [];
  return { lines, print: (line) => lines.push(line) };
}

describe('chapter examples follow the book\'s order of draws', () => {
  it('spiral-adam: the layers take the draws after the training data, the test set the draws after the layers', async () => {
    const { model } = spiralAdam.build();
    expect(weightsOf(model, 0)).toEqual(float32(fixture.spiralAdam.dense1Weights));
    expect(weightsOf(model, 2)).toEqual(float32(fixture.spiralAdam.dense2Weights));
    model.dispose();

    const { lines, print } = capture();
    const result = await spiralAdam.run(0, print);
    expect(Array.from(result.Xtest.data)).toEqual(float32(fixture.spiralAdam.xTest));
    expect(lines).toContain(`${fixture.spiralAdam.firstLine} (data_loss: 1.099, reg_loss: 0.000), lr: 0.05`);
  });

  it('spiral-adam prints the book\'s chapter 10 and 11 results beside its own', async () => {
    const { lines, print } = capture();
    await spiralAdam.run(0, print);
    expect(lines).toContain('the book,   epoch 10000: acc 0.967, loss 0.074; validation acc 0.803, loss 0.858');
    expect(lines.some((line) => /^scratchnet, epoch 0: acc 0\.\d{3}, loss \d\.\d{3}; validation acc 0\.\d{3}, loss \d\.\d{3}$/.test(line))).toBe(true);
  });

  it('spiral-regularization: layers after 1 000 samples per class, the test set after training\'s dropout masks', async () => {
    const { model } = spiralRegularization.build();
    expect(weightsOf(model, 0)).toEqual(float32(fixture.spiralRegularization.dense1Weights));
    model.dispose();
    const result = await spiralRegularization.run(0, () => {});
    expect(Array.from(result.Xtest.data)).toEqual(float32(fixture.spiralRegularization.xTestAfterOneEpoch));
  });

  it('binary-logistic-regression: layers after the training data, the test set after the layers', async () => {
    const { model } = binary.build();
    expect(weightsOf(model, 0)).toEqual(float32(fixture.binaryLogisticRegression.dense1Weights));
    model.dispose();
    const result = await binary.run(0, () => {});
    expect(Array.from(result.Xtest.data)).toEqual(float32(fixture.binaryLogisticRegression.xTest));
  });

  it('sine-regression: seed 000\'s 0.01·randn and the fix\'s 0.1·randn are the first draws after init', () => {
    const failing = sine.build('seed 000').model;
    expect(weightsOf(failing, 0)).toEqual(float32(fixture.sine.bookInit));
    expect(failing.optimizer!.learningRate).toBe(0.001);
    failing.dispose();
    const fix = sine.build('book fix').model;
    expect(weightsOf(fix, 0)).toEqual(float32(fixture.sine.fixInit));
    expect(fix.optimizer!.learningRate).toBe(0.005);
    fix.dispose();
  });

  it('sine-regression prints the accuracy range over the last epochs, not one noisy epoch', async () => {
    const { lines, print } = capture();
    const result = await sine.run('book fix', 30, print);
    expect(result.lastEpochs.count).toBe(31);
    expect(result.lastEpochs.min).toBeLessThanOrEqual(result.final.accuracy);
    expect(result.lastEpochs.max).toBeGreaterThanOrEqual(result.final.accuracy);
    expect(result.lastEpochs.median).toBeGreaterThanOrEqual(result.lastEpochs.min);
    expect(result.lastEpochs.median).toBeLessThanOrEqual(result.lastEpochs.max);
    expect(lines[0]).toBe('--- book fix: weights 0.1·randn, Adam(lr 0.005, decay 1e-3)');
    expect(lines.at(-1)).toBe(
      `epoch 30: acc ${result.final.accuracy.toFixed(3)}; over the last 31 epochs ` +
        `acc ${result.lastEpochs.min.toFixed(3)}–${result.lastEpochs.max.toFixed(3)}, ` +
        `median ${result.lastEpochs.median.toFixed(3)} (one epoch's accuracy is noisy)`,
    );
  });
});
