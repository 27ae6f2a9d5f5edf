// The public API of scratchnet. Internals stay internal.
// This entry runs anywhere (Node, browsers, workers) and is what browser bundlers get; the
// functions bound to files and Node-only packages are added by the Node entry, src/node.ts.
export { init, getDefaultGenerator, setDefaultGenerator } from './random/default.js';
export { RandomGenerator, type GeneratorState } from './random/generator.js';
export { Tensor, type FloatArray, type NumericArray, type NestedArray } from './tensor/tensor.js';
export type { FilePath } from './platform/file-path.js';
export type { Backend, WindowGeometry } from './backend/backend.js';
export { getBackend, setBackend, registerBackend, listBackends } from './backend/registry.js';
export { windowGeometry, type WindowPadding } from './backend/window-geometry.js';
export { ScratchnetError, ShapeError, ArgumentError, NumericalError, DisposedError } from './errors.js';
export type { Layer, Activation, TrainableLayer, Parameter } from './layers/layer.js';
export type { ModelSpec, LossSpec, OptimizerSpec, AccuracySpec } from './model/architecture.js';
export { formatBatchShape, type LayerSpec, type Shape } from './layers/layer-spec.js';
export type { Initializer, InitializerOptions } from './layers/initializer.js';
export {
  isSpecOf,
  type LayerKind,
  type ParameterShape,
  type OnnxAttribute,
  type OnnxGraphBuilder,
  type TfjsMapping,
  type TfjsLayerEncoder,
  type TfjsLayerDecoder,
  type DecodedLayer,
} from './layers/layer-kind.js';
export { SpecReader, type NumberRule } from './layers/spec-reader.js';
export { mismatch, ShapeMismatch } from './layers/shape-checks.js';
export {
  registerLayer,
  findLayerKind,
  layerKind,
  layerKinds,
  layerTypes,
  layerFromSpec,
  type BuiltinLayerSpec,
  type BuiltinSpec,
  type SpecOf,
} from './layers/registry.js';
export { inferShapes, requiredInputShape, labelOf } from './layers/shape-inference.js';
export type { Regularizers, WeightOptions, WeightOptionsSpec } from './layers/weight-options.js';
export { isTrainable } from './layers/layer.js';
export {
  Optimizer,
  type OptimizerOptions,
  type OptimizerState,
  type NamedParameters,
} from './optimizers/optimizer.js';
export { SGD, type SGDOptions } from './optimizers/sgd.js';
export { Adagrad, type AdagradOptions } from './optimizers/adagrad.js';
export { RMSprop, type RMSpropOptions } from './optimizers/rmsprop.js';
export { Adam, type AdamOptions } from './optimizers/adam.js';
export { optimizerFromSpec } from './optimizers/from-spec.js';
export { Accuracy, type Comparison } from './metrics/accuracy.js';
export { CategoricalAccuracy } from './metrics/categorical-accuracy.js';
export { BinaryAccuracy } from './metrics/binary-accuracy.js';
export { RegressionAccuracy, type RegressionAccuracyOptions } from './metrics/regression-accuracy.js';
export { accuracyFromSpec } from './metrics/from-spec.js';
export { rootMeanSquaredError } from './metrics/root-mean-squared-error.js';
export { meanAbsoluteError } from './metrics/mean-absolute-error.js';
export { coefficientOfDetermination } from './metrics/coefficient-of-determination.js';
export { confusionMatrix, type ConfusionMatrix } from './metrics/confusion-matrix.js';
export { Model, type ModelSettings, type TrainOptions } from './model/model.js';
export { DIVERGENCE_FACTOR } from './model/divergence.js';
export type { Callback, TrainBeginInfo, StepInfo } from './model/callback.js';
export type { EpochLog, History } from './model/history.js';
export {
  recordTrainingHistory, readTrainingHistory, TRAINING_HISTORY_KEY, type HistoryPoint, type RecordedHistory,
} from './model/training-history.js';
export { ConsoleReporter } from './model/console-reporter.js';
export { EarlyStopping, type EarlyStoppingOptions } from './model/early-stopping.js';
export { LearningRateSchedule } from './model/learning-rate-schedule.js';
export { Dense, denseKind, type DenseOptions, type DenseSpec } from './layers/dense.js';
export { Flatten, flattenKind, type FlattenSpec } from './layers/flatten.js';
export { Conv2D, conv2dKind, type Conv2DOptions, type Conv2DSpec } from './layers/conv-2d.js';
export { MaxPool2D, maxPool2dKind, type MaxPool2DOptions, type MaxPool2DSpec } from './layers/max-pool-2d.js';
export type { WindowSize } from './layers/window-options.js';
export { Dropout, dropoutKind, type DropoutOptions, type DropoutSpec } from './layers/dropout.js';
export { ReLU, reluKind } from './activations/relu.js';
export { LeakyReLU, leakyReluKind, type LeakyReLUSpec } from './activations/leaky-relu.js';
export { Sigmoid, sigmoidKind } from './activations/sigmoid.js';
export { Softmax, softmaxKind } from './activations/softmax.js';
export { Linear, linearKind } from './activations/linear.js';
export { Tanh, tanhKind } from './activations/tanh.js';
export { activationKind, type ActivationKindOptions, type PlainSpec } from './activations/activation-kind.js';
export { Loss, type LossParts, type CalculateOptions } from './losses/loss.js';
export { CategoricalCrossentropy, CROSS_ENTROPY_EPSILON } from './losses/categorical-crossentropy.js';
export { BinaryCrossentropy } from './losses/binary-crossentropy.js';
export { MeanSquaredError } from './losses/mean-squared-error.js';
export { MeanAbsoluteError } from './losses/mean-absolute-error.js';
export { SoftmaxCategoricalCrossentropy } from './losses/softmax-categorical-crossentropy.js';
export {
  gradientCheck,
  numericalGradient,
  type GradientCheckTarget,
  type GradientCheckOptions,
  type GradientCheckReport,
  type GradientCheckEntry,
} from './gradient-check.js';
export { spiralData } from './data/synthetic/spiral.js';
export { verticalData } from './data/synthetic/vertical.js';
export { sineData } from './data/synthetic/sine.js';
export { ModelFileError } from './errors.js';
export { encodeSafetensors, decodeSafetensors, type Safetensors, type SafetensorsDtype } from './io/safetensors.js';
export { serializeModel, deserializeModel } from './io/model-file.js';
export type { LoadOptions } from './io/finite-values.js';
export { encodeOnnx, type OnnxExportOptions, type ExportableModel } from './io/onnx.js';
export type { FeatureScaling } from './io/feature-scaling.js';
export type { NamedTensors } from './io/layer-parameters.js';
export { encodeTfjs, type TfjsModelJson } from './io/tfjs.js';
export { createWasmBackend, type WasmBackend, type WasmBackendOptions } from './backend/wasm/wasm-backend.js';
export type { SimdLevel } from './backend/wasm/modules.js';
export type { HeapStats } from './backend/wasm/heap.js';
export { circlesData } from './data/synthetic/circles.js';
export { xorData } from './data/synthetic/xor.js';
export { moonsData } from './data/synthetic/moons.js';
export type { ToyDataOptions } from './data/synthetic/options.js';
export { DataError } from './data/data-error.js';
export { parseIdx, type IdxArray } from './data/idx.js';
export { loadCsv, parseCsv, type CsvOptions, type CsvReport, type CsvSource, type CsvTable } from './data/csv.js';
export { loadImageForPrediction, type ImageForPredictionOptions, type ImageSource, type ImageLayout } from './data/image.js';
export { StandardScaler, type StandardScalerJSON } from './data/preprocessing/standard-scaler.js';
export { MinMaxScaler, type MinMaxScalerJSON } from './data/preprocessing/min-max-scaler.js';
export { OneHotEncoder, type OneHotEncoderJSON, type Category } from './data/preprocessing/one-hot-encoder.js';
export { trainTestSplit, type TrainTestSplit, type TrainTestSplitOptions } from './data/preprocessing/train-test-split.js';
export { kFold, type Fold, type KFoldOptions } from './data/preprocessing/k-fold.js';
export { classWeights } from './data/preprocessing/class-weights.js';
export { takeRows, shuffleRows, shuffledBatches, type BatchOptions } from './data/preprocessing/rows.js';
export type { RandomOption } from './data/preprocessing/random-option.js';
export { trainingCurvesSpec, type CurvePoint, type CurveMetric, type HeldOutSplit } from './viz/training-curves.js';
export { confusionMatrixSpec } from './viz/confusion-matrix.js';
export { misclassifiedImagesSpec, misclassifiedSamples, type Misclassified } from './viz/misclassified.js';
export { decisionBoundarySpec, type ClassPredictor, type DecisionBoundaryOptions } from './viz/decision-boundary.js';
export { regressionFitSpec } from './viz/regression-fit.js';
export { predictedVsActualSpec } from './viz/predicted-vs-actual.js';
// The limits on untrusted input (docs/data.md#limits).
export { MAX_INFLATED_BYTES, MAX_INFLATE_RATIO, INFLATE_RATIO_GRACE, type InflateLimits } from './data/gzip.js';
export { MAX_CATEGORIES } from './data/csv-columns.js';
export { MAX_IMAGE_PIXELS, MAX_IMAGE_FILE_BYTES } from './data/image.js';
export { MAX_HEADER_BYTES, MAX_TENSORS, MAX_METADATA_KEYS, MAX_HEADER_DEPTH } from './io/safetensors.js';
export { MAX_JSON_DEPTH } from './data/bounded-json.js';
export { MAX_BUFFER_VALUES } from './tensor/owned-buffers.js';
