import { loadImageForPrediction } from '../data/image.js';
import { StandardScaler } from '../data/preprocessing/standard-scaler.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { loadModel } from '../io/model-file.js';
import type { Tensor } from '../tensor/tensor.js';
import { DataError } from '../data/data-error.js';
import { featureRows, readCsvRows, type CsvRows } from './csv-rows.js';
import { OutputFolders } from './output-folders.js';
import { printable } from './printable.js';
import { INFERENCE_BATCH, modelWidths, samplesFor } from './model-helpers.js';
import type { PredictConfig } from './model-options.js';
import { formatPrediction, formatRanked, predictionsCsv, topClasses, type CarriedColumn } from './predictions.js';
import { EXIT, type Console } from './program.js';

/**
 * `scratchnet predict <model> --csv rows.csv [--out preds.csv] | --image file`:
 * prints the most probable classes with their probabilities (or the predicted
 * values, in the target's units), or writes them all as CSV.
 */
export async function runPredict(config: PredictConfig, console: Console): Promise<number> {
  const model = await loadModel(config.model);
  const table = config.kind === 'csv' ? await readCsvRows('--csv', config.path) : undefined;
  const id = table !== undefined && config.kind === 'csv' && config.idColumn !== undefined ? carriedColumn(table, config.idColumn) : undefined;
  // In the model's shape: a [1, 784] image becomes [1, 28, 28, 1] for a CNN.
  const x: Tensor = samplesFor(
    model,
    table === undefined
      ? await loadImageForPrediction(config.path, config.kind === 'image' && config.maxPixels !== undefined ? { maxPixels: config.maxPixels } : {})
      : featureRows(table, modelWidths(model).inputs, model.metadata, undefined, { unknownCategories: config.kind === 'csv' ? config.unknownCategories : 'error' }),
  );
  let output: Tensor = model.predict(x, { batchSize: INFERENCE_BATCH });
  if (model.metadata.targetScaler !== undefined) output = StandardScaler.fromJSON(model.metadata.targetScaler).inverseTransform(output);
  const classNames = Array.isArray(model.metadata.classNames) ? (model.metadata.classNames as string[]) : undefined;
  const classification = model.outputActivation?.type === 'Softmax';
  const rows = x.shape[0];
  const columns = output.size / rows;
  const float32 = output.data instanceof Float32Array;
  const rowValues = (row: number): number[] => Array.from(output.data.subarray(row * columns, (row + 1) * columns));
  if (config.kind === 'csv' && config.out !== undefined) {
    const out = config.out;
    await OutputFolders.during(async (folders) => {
      await folders.forFile(out);
      await writeFileAtomic(out, predictionsCsv(output, classification, classNames, id));
    });
    console.out(`${rows} predictions written to ${config.out}`);
    console.result?.({ command: 'predict', rows, out: config.out });
    return EXIT.ok;
  }
  const label = (row: number): string => (id !== undefined ? `${printable(id.values[row])}: ` : rows === 1 ? '' : `${row + 1}: `);
  const results: Record<string, unknown>[] = [];
  if (classification) {
    topClasses(output, config.top, classNames).forEach((ranked, row) => {
      console.out(label(row) + formatRanked(ranked));
      results.push({
        ...(id !== undefined ? { [id.name]: id.values[row] } : {}),
        prediction: ranked[0].name,
        top: ranked.map(({ name, probability }) => ({ class: name, probability })),
      });
    });
  } else {
    for (let row = 0; row < rows; row++) {
      const values = rowValues(row);
      console.out(label(row) + values.map((value) => formatPrediction(value, float32)).join(', '));
      results.push({ ...(id !== undefined ? { [id.name]: id.values[row] } : {}), prediction: columns === 1 ? values[0] : values });
    }
  }
  console.result?.({ command: 'predict', rows, predictions: results });
  return EXIT.ok;
}

/** `--id-column`: the column's cells, row by row; a file without it is an error listing its columns. */
function carriedColumn(table: CsvRows, name: string): CarriedColumn {
  const column = table.header.indexOf(name);
  if (column < 0) throw new DataError(`${table.source}: missing --id-column "${name}" (columns: ${table.header.join(', ')})`);
  return { name, values: table.rows.map((row) => row[column] ?? '') };
}
