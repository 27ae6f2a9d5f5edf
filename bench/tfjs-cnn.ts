// W4 on TensorFlow.js (pure JS in Node: the `cpu` backend; `wasm` when its
// package loads): the same layers (NHWC, as TF.js takes images), Adam,
// categorical cross-entropy on one-hot labels, one trainOnBatch per step.
import { cnnWorkload } from './workloads.js';

interface Tf {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  sequential(config: { layers: unknown[] }): TfModel;
  layers: Record<string, (config: object) => unknown>;
  train: { adam(learningRate: number): unknown };
  randomUniform(shape: number[], min: number, max: number, dtype?: string, seed?: number): { dispose(): void };
  oneHot(indices: unknown, depth: number): { dispose(): void };
  tensor1d(values: Int32Array, dtype: string): { dispose(): void };
  dispose(value: unknown): void;
}
interface TfModel {
  compile(config: object): void;
  trainOnBatch(x: unknown, y: unknown): Promise<unknown>;
  dispose(): void;
}

/**
 * Milliseconds per W4 step on TF.js `backendName` (median of `steps` steps
 * after one warm-up step), or why it could not train.
 */
export async function tfjsCnnStep(backendName: 'cpu' | 'wasm', steps: number): Promise<number | string> {
  let tf: Tf;
  try {
    tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
    if (backendName === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  } catch (error) {
    return `skipped: not importable (${String(error)})`;
  }
  if (!(await tf.setBackend(backendName))) return 'skipped: backend did not initialise';
  await tf.ready();
  const { batch } = cnnWorkload;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten({}),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(cnnWorkload.learningRate), loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([batch, 28, 28, 1], -1, 1, 'float32', 1);
  const labels = tf.tensor1d(Int32Array.from({ length: batch }, (_, i) => i % 10), 'int32');
  const y = tf.oneHot(labels, 10);
  try {
    await model.trainOnBatch(x, y);
    const times: number[] = [];
    for (let s = 0; s < steps; s++) {
      const start = performance.now();
      await model.trainOnBatch(x, y);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } catch (error) {
    return `cannot train: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    for (const t of [x, labels, y]) t.dispose();
    model.dispose();
  }
}
