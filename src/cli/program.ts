import { Command, CommanderError } from 'commander';
import { ArgumentError } from '../errors.js';
import { BACKEND_FLAG, parseBackend, useBackend } from './backend-option.js';
import { EXPORT_FORMATS, UNKNOWN_CATEGORIES, parseEvaluateOptions, parseExportOptions, parsePlaygroundOptions, parsePredictOptions, parseSummaryOptions } from './model-options.js';
import { parseTrainOptions, ACTIVATIONS, DATASETS, MODELS, OPTIMIZERS, TASKS, type RawTrainOptions } from './train-options.js';
import { printable, printableLines } from './printable.js';
import { packageVersion } from './version.js';

/** Where a command writes: results on stdout, errors and progress on stderr. */
export interface Console {
  out: (line: string) => void;
  err: (line: string) => void;
  /** With `--json`: takes the command's results, printed as one JSON line on stdout (and `out` then writes to stderr). */
  result?: (value: Record<string, unknown>) => void;
}

/**
 * The console a command gets: as it is, or with `--json` one whose human
 * lines go to stderr and whose `result` prints one JSON object on stdout, so
 * `scratchnet train … --json | jq .test.accuracy` reads only the results.
 * Non-finite numbers become null (JSON has none).
 */
export function commandConsole(console: Console, json: boolean | undefined): Console {
  if (json !== true) return { out: console.out, err: console.err };
  return {
    out: console.err,
    err: console.err,
    result: (value) => console.out(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? null : item))),
  };
}

/**
 * Exit codes: 0 done; 1 the work failed (a file's contents were bad, training
 * diverged, a write failed); 2 the command line was wrong (unknown command,
 * flag or dataset, an invalid value, a missing file), detected before any
 * work; 130 interrupted by Ctrl-C (after saving a checkpoint).
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Builds the `scratchnet` command line: train, evaluate, predict, export, summary, playground. */
export function buildProgram(console: Console, setExitCode: (code: number) => void): Command {
  const program = new Command('scratchnet')
    .description('Train, evaluate and run neural networks written from scratch.')
    .version(packageVersion(), '--version', 'print the version of scratchnet')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => console.out(text.replace(/\n$/, '')),
      // commander echoes what was typed (`unknown option '…'`): controls are escaped as in every other error.
      writeErr: (text) => console.err(printableLines(text.replace(/\n$/, ''))),
    })
    .exitOverride();

  program
    .command('train')
    .description('train a model on a built-in dataset or a CSV file')
    .argument('[dataset]', `built-in dataset: ${DATASETS.join(', ')}`)
    .option('--csv <file>', 'train on a CSV file with a header row instead of a built-in dataset')
    .option('--target <column>', 'the CSV column to predict (with --csv)')
    .option('--task <task>', `what the target is: ${TASKS.join(' or ')} (default: classification for text or at most 20 whole-number values, else regression)`)
    .option('--model <name>', `network: ${MODELS.join(' or ')} (cnn: two 3×3 convolutions with max pooling before the Dense layers; image datasets only) (default: mlp)`)
    .option('--config <file>', 'architecture as a ModelSpec JSON file (instead of --model/--hidden/--activation/--dropout)')
    .option('--drop <columns>', 'CSV columns to ignore, comma-separated (ids, free text)')
    .option('--features <columns>', 'the only CSV columns to use as features, comma-separated')
    .option('--max-categories <n>', 'a text column with more distinct values than this is dropped, with a line saying so (default 1000)')
    .option('--test-size <fraction>', 'tables: the share of the rows held out as the test set, in (0, 1) (default 0.2)')
    .option('--stratify', 'tables, classification: keep each class\'s share the same in the training and test rows')
    .option('--test-csv <file>', 'with --csv: the test set is every row of this file (prepared as the training rows); no training row is held out')
    .option('--hidden <sizes>', 'hidden Dense layer sizes, comma-separated, e.g. 128,128; "none" (or "") for none: a linear model')
    .option('--activation <name>', `hidden activation: ${ACTIVATIONS.join(', ')}`)
    .option('--dropout <rate>', 'dropout rate after each hidden layer, in [0, 1)')
    .option('--optimizer <name>', `optimizer: ${OPTIMIZERS.join(', ')}`)
    .option('--lr <number>', 'learning rate (> 0)')
    .option('--decay <number>', 'learning-rate decay: lr / (1 + decay · step)')
    .option('--momentum <number>', 'momentum (with --optimizer sgd)')
    .option('--epochs <n>', 'epochs to train')
    .option('--batch-size <n>', 'samples per step')
    .option('--validation-split <fraction>', 'fraction of the training rows held out for validation, in [0, 1) (default 0: validate on the test set, as the book; 0.2 with --early-stopping)')
    .option('--class-weights <weights>', 'classification: "balanced" (n / (classes · count)) or one loss weight per class, comma-separated')
    .option('--seed <n>', 'random seed (weights, shuffling, dropout, synthetic data)', '0')
    .option('--out <file>', 'write the trained model here (.safetensors)')
    .option('--plot <dir>', 'write loss/accuracy curves, data plots and report.html here')
    .option('--checkpoint-every <n>', 'save a checkpoint every n epochs (next to --out)')
    .option('--resume <checkpoint>', 'continue training from a checkpoint; --epochs counts the total')
    .option('--early-stopping <patience>', 'stop when the validation loss has not improved for this many epochs, and keep the best epoch\'s weights')
    .option('--no-restore-best-weights', 'with --early-stopping: keep the last epoch\'s weights instead of the best')
    .option('--limit <n>', 'train and test on a seeded random n samples of each split (quick trials)')
    .option(...BACKEND_FLAG)
    .option('--json', 'print the results as one JSON object on stdout (progress and messages go to stderr)')
    .option('--verbose', 'print stack traces on errors')
    .addHelpText(
      'after',
      `
Examples:
  scratchnet train fashion-mnist --epochs 10 --batch-size 128 --out out/fashion-mnist.safetensors --plot out/
  scratchnet train fashion-mnist --model cnn --out out/fashion-mnist-cnn.safetensors
  scratchnet train fashion-mnist --config examples/configs/cnn.json --epochs 5
  scratchnet train --csv data/iris.csv --target species --drop id --stratify --out iris.safetensors
  scratchnet train --csv data/california-housing.csv.gz --target median_house_value --task regression --out houses.safetensors
  scratchnet train spiral --hidden 64 --lr 0.05 --epochs 200 --out spiral.safetensors --plot plots/
  scratchnet train sine --epochs 500 --checkpoint-every 50 --out sine.safetensors
  scratchnet train sine --epochs 1000 --resume sine.checkpoint.safetensors --out sine.safetensors`,
    )
    .action(async (dataset: string | undefined, { backend, ...raw }: RawTrainOptions & { backend?: string }) => {
      const config = parseTrainOptions(dataset, raw);
      await useBackend(parseBackend(backend));
      // Command modules load after validation, so bad input is reported at once.
      const { runTrain } = await import('./train.js');
      setExitCode(await runTrain(config, commandConsole(console, config.json)));
    });

  program
    .command('evaluate')
    .description("print a saved model's loss and accuracy (regression: RMSE, MAE, R²) on a dataset's test set or a CSV file")
    .argument('<model>', 'model file (.safetensors)')
    .argument('[dataset]', `built-in dataset: ${DATASETS.join(', ')} (default: the one it was trained on)`)
    .option('--csv <file>', 'evaluate on every row of a CSV file with a header row instead (prepared as in training)')
    .option('--target <column>', 'the CSV column holding the true values (default: the one the model was trained on)')
    .option('--task <task>', `${TASKS.join(' or ')}; must be the model's (default: the model's)`)
    .option('--unknown-categories <mode>', `with --csv: what a text value training never saw becomes: ${UNKNOWN_CATEGORIES.join(' or ')} (default error: stop, naming the row; zeros: an all-zero one-hot)`)
    .option(...BACKEND_FLAG)
    .option('--json', 'print the results as one JSON object on stdout')
    .option('--verbose', 'print stack traces on errors')
    .addHelpText(
      'after',
      '\nExamples:\n  scratchnet evaluate spiral.safetensors\n  scratchnet evaluate iris.safetensors --csv data/iris.csv',
    )
    .action(async (model: string, dataset: string | undefined, { backend, json, ...raw }: { csv?: string; target?: string; task?: string; unknownCategories?: string; backend?: string; json?: boolean }) => {
      const config = parseEvaluateOptions(model, dataset, raw);
      await useBackend(parseBackend(backend));
      const { runEvaluate } = await import('./evaluate.js');
      setExitCode(await runEvaluate(config, commandConsole(console, json)));
    });

  program
    .command('predict')
    .description('classify CSV rows or an image with a saved model, or write its predictions as CSV')
    .argument('<model>', 'model file (.safetensors)')
    .option('--csv <file>', 'rows to predict, with a header naming the feature columns used in training')
    .option('--image <file>', 'a PNG or JPEG to classify (for Fashion-MNIST models: made 28×28 gray like the training images)')
    .option('--out <file>', 'write the predictions as CSV instead of printing them (with --csv)')
    .option('--id-column <column>', 'with --csv: carry this column (an id) into the output, as its first column')
    .option('--unknown-categories <mode>', `with --csv: what a text value training never saw becomes: ${UNKNOWN_CATEGORIES.join(' or ')} (default error: stop, naming the row; zeros: an all-zero one-hot)`)
    .option('--top <k>', 'classes to print per row (default 3)')
    .option('--max-pixels <n>', 'refuse images whose header claims more pixels (width × height) than this (default 50000000)')
    .option(...BACKEND_FLAG)
    .option('--json', 'print the predictions as one JSON object on stdout')
    .option('--verbose', 'print stack traces on errors')
    .addHelpText(
      'after',
      '\nExamples:\n  scratchnet predict out/fashion-mnist.safetensors --image data/samples/tshirt.jpg\n  scratchnet predict iris.safetensors --csv data/iris.csv --id-column id --out predictions.csv',
    )
    .action(
      async (
        model: string,
        { backend, json, ...raw }: { csv?: string; image?: string; out?: string; idColumn?: string; top?: string; maxPixels?: string; unknownCategories?: string; backend?: string; json?: boolean },
      ) => {
        const config = parsePredictOptions(model, raw);
        await useBackend(parseBackend(backend));
        const { runPredict } = await import('./predict.js');
        setExitCode(await runPredict(config, commandConsole(console, json)));
      },
    );

  program
    .command('export')
    .description('write a saved model as ONNX or in the TensorFlow.js layers format')
    .argument('<model>', 'model file (.safetensors)')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`)
    .option('-o, --out <path>', 'onnx: the .onnx file to write; tfjs: the folder for model.json and weights.bin')
    .option('--verbose', 'print stack traces on errors')
    .addHelpText(
      'after',
      '\nExamples:\n  scratchnet export out/fashion-mnist.safetensors --format onnx -o fashion-mnist.onnx\n  scratchnet export houses.safetensors --format tfjs -o web-model',
    )
    .action(async (model: string, raw: { format?: string; out?: string }) => {
      const config = parseExportOptions(model, raw);
      const { runExport } = await import('./export.js');
      setExitCode(await runExport(config, console));
    });

  program
    .command('summary')
    .description("print a saved model's layers, output shapes and parameter counts")
    .argument('<model>', 'model file (.safetensors)')
    .option('--verbose', 'print stack traces on errors')
    .addHelpText('after', '\nExample:\n  scratchnet summary spiral.safetensors')
    .action(async (model: string) => {
      const config = parseSummaryOptions(model);
      const { runSummary } = await import('./summary.js');
      setExitCode(await runSummary(config, console));
    });

  program
    .command('playground')
    .description('serve the browser playground on this machine and print its address (Ctrl-C stops it)')
    .option('--port <n>', 'TCP port (default: any free port)')
    .option('--root <dir>', 'folder of a built playground (default: the one that comes with the package)')
    .option('--verbose', 'print stack traces on errors')
    .addHelpText('after', '\nExample:\n  scratchnet playground --port 8080')
    .action(async (raw: { port?: string; root?: string }) => {
      const config = parsePlaygroundOptions(raw);
      const { runPlayground } = await import('./playground.js');
      setExitCode(await runPlayground(config, console));
    });

  return program;
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the
 * exit code. Every failure ends as one `error: …` line on stderr; the stack
 * follows only with `--verbose`.
 */
export async function run(argv: readonly string[], console: Console): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(console, (code) => (exitCode = code));
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its one-line message (or the help) already
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    // One line, whatever the message holds (file contents included): line breaks and other controls escaped.
    console.err(`error: ${printable(message.trimEnd())}`);
    if (argv.includes('--verbose') && error instanceof Error && error.stack !== undefined) console.err(error.stack);
    return error instanceof ArgumentError ? EXIT.usage : EXIT.failure;
  }
}
