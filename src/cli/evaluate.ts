import { ArgumentError } from '../errors.js';
import { loadModel } from '../io/model-file.js';
import { init } from '../random/default.js';
import { loadBuiltin } from './datasets.js';
import type { EvaluateConfig } from './model-options.js';
import { EXIT, type Console } from './program.js';
import { measureRegression, regressionEntries } from './regression-metrics.js';
import { DATASETS, type DatasetName } from './train-options.js';

/**
 * `scratchnet evaluate <model> [dataset]`: loss and accuracy on the dataset's
 * test set (by default the dataset the model was trained on; synthetic data is
 * regenerated from the seed recorded at training), and for regression RMSE,
 * MAE and R² in the target's units.
 */
export async function runEvaluate(config: EvaluateConfig, console: Console): Promise<number> {
  const model = await loadModel(config.model);
  const { dataset: recorded, seed } = model.metadata;
  let name: DatasetName;
  if (config.dataset !== undefined) name = config.dataset;
  else if (typeof recorded === 'string' && (DATASETS as readonly string[]).includes(recorded)) name = recorded as DatasetName;
  else throw new ArgumentError(`evaluate needs a dataset: ${config.model} does not record a built-in one`);
  init(typeof seed === 'number' ? seed : 0);
  const data = await loadBuiltin(name);
  const test = data.test ?? data.train;
  const { loss, accuracy } = model.evaluate(test.x, test.y);
  let line = `${name} test set (${test.x.shape[0]} samples): accuracy ${accuracy.toFixed(4)}, loss ${loss.toFixed(4)}`;
  if (data.shape.task === 'regression') {
    const entries = regressionEntries(measureRegression(model, test, data.targetScaler));
    line += entries.map(([metric, value]) => `, ${metric} ${value}`).join('');
  }
  console.out(line);
  return EXIT.ok;
}
