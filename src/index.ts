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
export { writePlots, type PlotInput, type WrittenPlots } from './viz/write-plots.js';
export { trainingCurvesSpec, type CurvePoint, type CurveMetric } from './viz/training-curves.js';
export { decisionBoundarySpec, type ClassPredictor, type DecisionBoundaryOptions } from './viz/decision-boundary.js';
export { regressionFitSpec } from './viz/regression-fit.js';
export { predictedVsActualSpec } from './viz/predicted-vs-actual.js';
export { renderSvg, svgToPng, type ChartSize } from './viz/render.js';
