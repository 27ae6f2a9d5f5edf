import { Tensor } from '../../tensor/tensor.js';
import { toyDataArguments, type ToyDataOptions } from './options.js';

/**
 * Concentric rings, one per class: class k lies on the circle of radius
 * r_k = (k + 1) / classes, so every point fits in the square [-1, 1]².
 *
 *   θ ~ U[0, 2π),  x = r_k·(cos θ, sin θ) + noise·N(0, I₂)
 *
 * Draws, class by class: `samples` uniforms for θ, then 2·`samples` normals
 * (x-noise and y-noise interleaved per point). Returns X [samples·classes, 2]
 * float32 and y [samples·classes] uint8 class ids, grouped by class like `spiralData`.
 *
 * ```ts
 * init(0);
 * const [X, y] = circlesData(100, 2, { noise: 0.05 });   // X [200, 2], y [200]
 * ```
 */
export function circlesData(
  samples: number,
  classes = 2,
  options: ToyDataOptions = {},
): [Tensor<Float32Array>, Tensor<Uint8Array>] {
  const args = toyDataArguments('circlesData', samples, classes, options);
  const n = args.samples * args.classes;
  const X = new Float32Array(n * 2);
  const y = new Uint8Array(n);
  for (let k = 0; k < args.classes; k++) {
    const radius = (k + 1) / args.classes;
    const angles = args.generator.uniform(0, 2 * Math.PI, args.samples);
    const jitter = args.generator.randn(args.samples * 2);
    for (let i = 0; i < args.samples; i++) {
      const row = k * args.samples + i;
      X[row * 2] = radius * Math.cos(angles[i]) + args.noise * jitter[i * 2];
      X[row * 2 + 1] = radius * Math.sin(angles[i]) + args.noise * jitter[i * 2 + 1];
      y[row] = k;
    }
  }
  return [new Tensor([n, 2], X), new Tensor([n], y)];
}
