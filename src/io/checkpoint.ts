import { checkInteger, checkOptions, ArgumentError } from '../errors.js';
import type { Callback, TrainBeginInfo } from '../model/callback.js';
import type { EpochLog } from '../model/history.js';
import type { Model } from '../model/model.js';
import { recordTrainingHistory } from '../model/training-history.js';
import { saveModel } from './model-file.js';
import { isFilePath, toFilePath, type FilePath } from '../platform/file-path.js';

/** Options of `Checkpoint`. */
export interface CheckpointOptions {
  /** Where to save (a path or a `file:` URL); `{epoch}` in it is replaced by the epoch number (one file per save). */
  path: FilePath;
  /** Save after every `every`-th epoch (counted over the whole run, resumed runs included). Default 1. */
  every?: number;
  /**
   * Record the curves of the epochs trained so far in `model.metadata` (the
   * training history, see recordTrainingHistory) before each save, so a run
   * resumed from the file keeps them. Default true.
   */
  history?: boolean;
}

/**
 * A training callback that saves the whole model (weights, optimizer state,
 * generator state, epoch, metadata) atomically every `every` epochs, and once
 * more when training ends on an epoch it has not saved (early stopping, a
 * stop request), so the file always holds where training stopped.
 * Resume with `Model.load(path)` then `model.train(x, y, { epochs: total - model.epoch })`.
 *
 * ```ts
 * await model.train(X, y, { epochs: 100, callbacks: [new Checkpoint({ path: 'run.safetensors', every: 5 })] });
 * const resumed = await Model.load('run.safetensors');   // resumed.epoch === 100
 * ```
 */
export class Checkpoint implements Callback {
  readonly path: string;
  readonly every: number;
  /** The path of the last save, if any. */
  lastSavedPath: string | undefined;

  private model: Model | undefined;
  private lastSavedEpoch = -1;
  /** Whether saves record the training history (option `history`). */
  readonly history: boolean;
  /** The epochs of this `train` call so far. */
  private logs: EpochLog[] = [];

  constructor(options: CheckpointOptions) {
    checkOptions('Checkpoint', options, ['path', 'every', 'history']);
    if (options?.path === '' || !isFilePath(options?.path)) {
      throw new ArgumentError(`Checkpoint: path must be a non-empty path or a file: URL, received ${String(options?.path)}`);
    }
    this.path = toFilePath('Checkpoint', options.path);
    this.every = checkInteger('Checkpoint', 'every', options.every ?? 1, 1);
    if (options.history !== undefined && typeof options.history !== 'boolean') {
      throw new ArgumentError(`Checkpoint: history must be true or false, received ${String(options.history)}`);
    }
    this.history = options.history ?? true;
  }

  onTrainBegin(info: TrainBeginInfo): void {
    this.model = info.model;
    this.lastSavedEpoch = -1;
    this.logs = [];
  }

  async onEpochEnd(log: EpochLog, model: Model): Promise<void> {
    this.logs.push(log);
    if (model.epoch % this.every === 0) await this.save(model);
  }

  async onTrainEnd(): Promise<void> {
    const model = this.model;
    if (model !== undefined && model.epoch > 0 && model.epoch !== this.lastSavedEpoch) await this.save(model);
  }

  /** Saves `model` now (e.g. from a Ctrl-C handler); resolves to the path written. */
  async save(model: Model): Promise<string> {
    const path = this.path.replaceAll('{epoch}', String(model.epoch));
    if (this.history && this.logs.length > 0) model.metadata = recordTrainingHistory(model.metadata, this.logs);
    await saveModel(model, path);
    this.lastSavedEpoch = model.epoch;
    this.lastSavedPath = path;
    return path;
  }
}
