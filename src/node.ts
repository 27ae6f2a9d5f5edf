// The Node entry of scratchnet: everything the universal entry (src/index.ts) exports, plus the
// functions bound to files, Node-only packages and native modules. In Node, `import … from
// 'scratchnet'` resolves here (the package's `node` export condition); `scratchnet/node` names it
// explicitly. Browser bundlers get src/index.ts, which pulls in no Node built-in and no data file.
export * from './index.js';
export { readSafetensors, writeSafetensors } from './io/safetensors.js';
export { saveModel, loadModel, saveParameters, loadParameters } from './io/model-file.js';
export { Checkpoint, type CheckpointOptions } from './io/checkpoint.js';
export { exportOnnx } from './io/onnx.js';
export { exportTfjs, importTfjs, readTfjs } from './io/tfjs.js';
export {
  loadFashionMnist,
  FASHION_MNIST_CLASS_NAMES,
  type FashionMnist,
  type FashionMnistOptions,
  type ImageSplit,
  type PixelScale,
} from './data/fashion-mnist.js';
export { readIdxFile } from './data/idx.js';
export {
  loadCaliforniaHousing, toSklearnCaliforniaHousing, SKLEARN_CALIFORNIA_FEATURES, SKLEARN_CALIFORNIA_TARGET,
  type CaliforniaHousingOptions, type CaliforniaHousingVariant,
} from './data/california-housing.js';
export { writePlots, type PlotInput, type WrittenPlots } from './viz/write-plots.js';
export { renderSvg, svgToPng, DEFAULT_CHART_SIZE, type ChartSize } from './viz/render.js';
export { reportHtml, type ReportContent, type ReportTable, type ReportValue } from './viz/report.js';
export { plotData, dataPlotSpec, PLOT_DATASETS, type PlotDataset, type PlotDataOptions, type DataPlot, type DataPlotOptions } from './viz/data-plot.js';
export { MAX_DATA_FILE_BYTES, type DataFileOptions } from './data/read-file-bytes.js';
export { MAX_MODEL_FILE_BYTES } from './io/file-bytes.js';
export { MAX_MODEL_JSON_BYTES } from './io/tfjs.js';
