import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadImageForPrediction } from '../data/image.js';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadModel } from '../io/model-file.js';
import type { Tensor } from '../tensor/tensor.js';
import { featureRows, readCsvRows } from './csv-rows.js';
import { INFERENCE_BATCH, modelWidths, samplesFor } from './model-helpers.js';
import type { PredictConfig } from './model-options.js';
import { formatRanked, predictionsCsv, topClasses } from './predictions.js';
import { EXIT, type Console } from './program.js';

/**
 * `scratchnet predict <model> --csv rows.csv [--out preds.csv] | --image file`:
 * prints the most probable classes with their probabilities (or the predicted
 * values, in the target's units), or writes them all as CSV.
 */
export async function runPredict(config: PredictConfig, console: Console): Promise<number> {
  const model = await loadModel(config.model);
  // In the model's shape: a [1, 784] image becomes [1, 28, 28, 1] for a CNN.
  const x: Tensor = samplesFor(
    model,
    config.kind === 'image'
      ? await loadImageForPrediction(config.path, config.maxPixels === undefined ? {} : { maxPixels: config.maxPixels })
      : featureRows(await readCsvRows('--csv', config.path), modelWidths(model).inputs, model.metadata),
  );
  let output: Tensor = model.predict(x, { batchSize: INFERENCE_BATCH });
  if (model.metadata.targetScaler !== undefined) output = StandardScaler.fromJSON(model.metadata.targetScaler).inverseTransform(output);
  const classNames = Array.isArray(model.metadata.classNames) ? (model.metadata.classNames as string[]) : undefined;
  const classification = model.outputActivation?.type === 'Softmax';
  if (config.kind === 'csv' && config.out !== undefined) {
    await mkdir(dirname(resolve(config.out)), { recursive: true });
    await writeFileAtomic(config.out, predictionsCsv(output, classification, classNames));
    console.out(`${x.shape[0]} predictions written to ${config.out}`);
    return EXIT.ok;
  }
  const rows = x.shape[0];
  const label = (row: number): string => (rows === 1 ? '' : `${row + 1}: `);
  if (classification) {
    topClasses(output, config.top, classNames).forEach((ranked, row) => console.out(label(row) + formatRanked(ranked)));
  } else {
    const columns = output.size / rows;
    for (let row = 0; row < rows; row++) {
      const values = Array.from(output.data.subarray(row * columns, (row + 1) * columns), (v) => Number(v.toPrecision(6)));
      console.out(label(row) + values.join(', '));
    }
  }
  return EXIT.ok;
}
