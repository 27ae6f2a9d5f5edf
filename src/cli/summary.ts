import { loadModel } from '../io/model-file.js';
import { EXIT, type Console } from './program.js';
import type { SummaryConfig } from './model-options.js';
import { printable, printableLines } from './printable.js';

/** `scratchnet summary <model>`: the layer table, parameter counts and what the file remembers. */
export async function runSummary(config: SummaryConfig, console: Console): Promise<number> {
  const model = await loadModel(config.model);
  console.out(printableLines(model.summary()));
  const spec = model.toSpec();
  if (spec.loss !== undefined) console.out(`loss: ${printable(spec.loss.type)}`);
  if (spec.optimizer !== undefined) console.out(`optimizer: ${JSON.stringify(spec.optimizer)}`);
  if (spec.accuracy !== undefined) console.out(`accuracy: ${printable(spec.accuracy.type)}`);
  console.out(`epochs trained: ${model.epoch}`);
  const { dataset, classNames } = model.metadata as { dataset?: unknown; classNames?: unknown };
  if (typeof dataset === 'string') console.out(`dataset: ${printable(dataset)}`);
  if (Array.isArray(classNames)) console.out(`classes: ${printable(classNames.join(', '))}`);
  return EXIT.ok;
}
