// The public API of scratchnet. Internals stay internal.
export { init, getDefaultGenerator, setDefaultGenerator } from './random/default.js';
export { RandomGenerator, type GeneratorState } from './random/generator.js';
export { Tensor, type FloatArray, type NumericArray, type NestedArray } from './tensor/tensor.js';
export type { Backend } from './backend/backend.js';
export { getBackend, setBackend, registerBackend, listBackends } from './backend/registry.js';
export { ScratchnetError, ShapeError, ArgumentError, NumericalError } from './errors.js';
export type { Layer, Activation, TrainableLayer, Parameter } from './layers/layer.js';
export type {
  ModelSpec,
  LayerSpec,
  LossSpec,
  OptimizerSpec,
  AccuracySpec,
  Initializer,
} from './model/architecture.js';
export { createWasmBackend, type WasmBackend, type WasmBackendOptions } from './backend/wasm/wasm-backend.js';
export type { SimdLevel } from './backend/wasm/modules.js';
