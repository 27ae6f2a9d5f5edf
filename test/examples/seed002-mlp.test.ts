import { describe, expect, it } from 'vitest';
import { LinearLayer, MLP, MSELoss, ReluLayer, SigmoidLayer, run } from '../../examples/seed002-mlp.js';
import { init, Tensor } from '../../src/index.js';

describe('seed 002\'s own shapes on scratchnet\'s pieces (examples/seed002-mlp.ts)', () => {
  it('LinearLayer: forward inp·W + b, backward returns upGrad·Wᵀ, step(lr) is W −= lr·dW, b −= lr·db', () => {
    init();
    const layer = new LinearLayer(2, 1);
    layer.dense.weights.data.set([0.5, -1]);
    layer.dense.biases.data.set([0.25]);
    const inp = Tensor.from([[1, 2], [3, 4]]);
    expect(Array.from(layer.forward(inp).data)).toEqual([1 * 0.5 - 2 + 0.25, 3 * 0.5 - 4 + 0.25]);
    const down = layer.backward(Tensor.from([[1], [2]]));
    expect(Array.from(down.data)).toEqual([0.5, -1, 1, -2]);
    layer.step(0.5);
    // dW = inpᵀ·upGrad = [1·1 + 3·2, 2·1 + 4·2] = [7, 10], db = 3
    expect(Array.from(layer.dense.weights.data)).toEqual([0.5 - 3.5, -1 - 5]);
    expect(Array.from(layer.dense.biases.data)).toEqual([0.25 - 1.5]);
    layer.dispose();
  });

  it('ReluLayer and SigmoidLayer: forward, backward, and a step that changes nothing', () => {
    const relu = new ReluLayer();
    expect(Array.from(relu.forward(Tensor.from([[-1, 2]])).data)).toEqual([0, 2]);
    expect(Array.from(relu.backward(Tensor.from([[5, 5]])).data)).toEqual([0, 5]);
    const sigmoid = new SigmoidLayer();
    expect(Array.from(sigmoid.forward(Tensor.from([[0]])).data)).toEqual([0.5]);
    expect(Array.from(sigmoid.backward(Tensor.from([[1]])).data)).toEqual([0.25]);
    relu.step(1);
    sigmoid.step(1);
    relu.dispose();
    sigmoid.dispose();
  });

  it('MSELoss: (1/N)Σ(p − y)², backward (2/N)(p − y); backward before forward is refused', () => {
    const mse = new MSELoss();
    expect(() => mse.backward()).toThrow('MSELoss.backward needs a forward(prediction, target) first');
    expect(mse.forward(Tensor.from([[1], [3]]), Tensor.from([[0], [0]]))).toBe(5);
    expect(Array.from(mse.backward().data)).toEqual([1, 3]);
    mse.dispose();
  });

  it('MLP.train(xTrain, yTrain, xTest, yTest, epochs, batchSize) fits y = 2x + 1 with a Linear layer', () => {
    init();
    const xs = Array.from({ length: 40 }, (_, i) => i / 40);
    const x = new Tensor([40, 1], Float32Array.from(xs));
    const y = new Tensor([40, 1], Float32Array.from(xs.map((v) => 2 * v + 1)));
    const mlp = new MLP([new LinearLayer(1, 1)], new MSELoss(), 0.1);
    const history = mlp.train(x, y, x, y, 200, 8);
    expect(history.trainLosses).toHaveLength(200);
    expect(history.testLosses).toHaveLength(200);
    expect(history.testLosses[199]).toBeLessThan(1e-6);
    const dense = (mlp.layers[0] as LinearLayer).dense;
    expect(dense.weights.data[0]).toBeCloseTo(2, 3);
    expect(dense.biases.data[0]).toBeCloseTo(1, 3);
    mlp.dispose();
  });

  it("trains on scikit-learn's California housing (20640, 8) and prints the losses and R² on the test split", async () => {
    const lines: string[] = [];
    const result = await run(1, null, (line) => lines.push(line));
    expect(result.trainLosses).toHaveLength(1);
    expect(lines[0]).toBe('X (20640, 8): MedInc, HouseAge, AveRooms, AveBedrms, Population, AveOccup, Latitude, Longitude; y (20640, 1): MedHouseVal');
    expect(lines[1]).toMatch(/^epoch {3}1 {2}train loss \d\.\d{4} {2}test loss \d\.\d{4}$/);
    expect(lines[2]).toBe(`test R²: ${result.r2.toFixed(4)}`);
    expect(result.r2).toBeGreaterThan(0.5);
  });
});
