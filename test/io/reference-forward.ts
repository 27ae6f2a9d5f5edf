import type { ModelSpec } from '../../src/model/architecture.js';
import { Tensor } from '../../src/tensor/tensor.js';

/**
 * The inference forward pass written as plain loops (float64, stored as
 * float32 after each layer like the library), independent of the layers and
 * of the exporters it checks.
 */
export function referenceForward(spec: ModelSpec, tensors: ReadonlyMap<string, Tensor>, x: Tensor): Tensor<Float32Array> {
  let [rows, width] = x.shape;
  let values: Float32Array = Float32Array.from(x.data);
  spec.layers.forEach((layer, index) => {
    const next = (units: number): Float32Array => new Float32Array(rows * units);
    switch (layer.type) {
      case 'Dense': {
        const w = (tensors.get(`layers.${index}.weights`) as Tensor).data;
        const b = (tensors.get(`layers.${index}.biases`) as Tensor).data;
        const out = next(layer.units);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < layer.units; j++) {
            let sum = 0;
            for (let k = 0; k < width; k++) sum += values[i * width + k] * w[k * layer.units + j];
            out[i * layer.units + j] = sum + b[j];
          }
        }
        values = out;
        width = layer.units;
        break;
      }
      case 'ReLU':
        values = values.map((v) => Math.max(0, v));
        break;
      case 'Sigmoid':
        values = values.map((v) => 1 / (1 + Math.exp(-v)));
        break;
      case 'Tanh':
        values = values.map((v) => Math.tanh(v));
        break;
      case 'LeakyReLU': {
        const alpha = layer.alpha;
        values = values.map((v) => (v > 0 ? v : alpha * v));
        break;
      }
      case 'Softmax': {
        const out = next(width);
        for (let i = 0; i < rows; i++) {
          let max = -Infinity;
          for (let j = 0; j < width; j++) max = Math.max(max, values[i * width + j]);
          let sum = 0;
          for (let j = 0; j < width; j++) sum += Math.exp(values[i * width + j] - max);
          for (let j = 0; j < width; j++) out[i * width + j] = Math.exp(values[i * width + j] - max) / sum;
        }
        values = out;
        break;
      }
      case 'Dropout':
      case 'Linear':
        break;
    }
  });
  return new Tensor([rows, width], values);
}
