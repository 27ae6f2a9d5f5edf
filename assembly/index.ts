// The wasm backend's kernels. Compiled by `npm run build` (asc) into four
// modules: plain or relaxed SIMD, with shared or unshared imported memory.
// The host (src/backend/wasm/) owns all memory management; nothing here
// allocates, so several instances (one per thread) can share one memory.
export { gemmRange, packFloats } from './gemm';
export { gemmExact, gemmExactScratchBytes } from './gemm-exact';
export { addBias, sumRows, fill, binary, scale } from './elementwise';
export { addBias64, sumRows64, relu64, reluBackward64 } from './float64';
export { reduce, argmaxRows, allFinite, greaterThan } from './reductions';
export {
  relu, reluBackward, leakyRelu, leakyReluBackward, sigmoid, sigmoidBackward,
  tanh, tanhBackward, softmax, softmaxBackward,
} from './activations';
export {
  categoricalCrossentropy, categoricalCrossentropyBackward, softmaxCrossentropyBackward,
  binaryCrossentropy, binaryCrossentropyBackward, meanError, meanErrorBackward,
} from './losses';
export { im2col, col2im, maxPool, maxPoolBackward } from './window';
export { addRegularizationGradient, sgdUpdate, sgdMomentumUpdate, adaptiveUpdate, adamUpdate } from './optimizers';

/** First free byte after the module's static data: the host's heap starts here. */
export function heapBase(): usize {
  return __heap_base;
}
