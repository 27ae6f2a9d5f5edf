import { join } from 'node:path';
import type { FeatureScaling } from '../io/feature-scaling.js';
import { loadModel } from '../io/model-file.js';
import { exportOnnx } from '../io/onnx.js';
import { exportTfjs } from '../io/tfjs.js';
import type { ExportConfig } from './model-options.js';
import { EXIT, type Console } from './program.js';
import { printable } from './printable.js';
import { OutputFolders } from './output-folders.js';

/**
 * `scratchnet export <model> --format onnx|tfjs -o <path>`. A model trained on
 * a table recorded its fitted feature scaler: the ONNX file gets it built in,
 * so it takes raw feature values as `predict --csv` does. The TF.js format has
 * no place for it, and neither format for a regression target's scaler:
 * those are printed, to apply by hand.
 */
export async function runExport(config: ExportConfig, console: Console): Promise<number> {
  return OutputFolders.during((folders) => exportModel(config, console, folders));
}

async function exportModel(config: ExportConfig, console: Console, folders: OutputFolders): Promise<number> {
  const model = await loadModel(config.model);
  const { featureScaler, targetScaler, featureNames } = model.metadata;
  if (config.format === 'onnx') {
    await folders.forFile(config.out);
    const preprocessing = featureScaler === undefined ? undefined : (featureScaler as FeatureScaling);
    await exportOnnx(model, config.out, preprocessing === undefined ? {} : { preprocessing });
    console.out(`ONNX model written to ${config.out}${preprocessing === undefined ? '' : ' (feature standardization built in: it takes raw feature values)'}`);
  } else {
    await exportTfjs(model, config.out);
    console.out(`TensorFlow.js model written to ${join(config.out, 'model.json')}`);
    if (featureScaler !== undefined) {
      console.out(`note: standardize the inputs first, as in training: (x - mean) / scale with ${JSON.stringify(featureScaler)}`);
    }
  }
  if (Array.isArray(featureNames)) console.out(`inputs, in this order: ${printable(featureNames.join(', '))}`);
  if (targetScaler !== undefined) {
    console.out(`note: the output is the standardized target; in its own units: output * scale + mean with ${JSON.stringify(targetScaler)}`);
  }
  return EXIT.ok;
}
