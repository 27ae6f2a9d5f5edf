import { NumericalError } from '../errors.js';

/**
 * The default of `divergenceFactor`: training stops as diverged once an
 * epoch's mean loss exceeds 1000× the loss it started from. Training that
 * works lowers the loss; one that overshoots (Adam at lr 1e6) drives it up by
 * many orders of magnitude (1.5e12 from 1.1) while the weights blow up, and
 * would otherwise end at chance accuracy without an error.
 */
export const DIVERGENCE_FACTOR = 1000;

/**
 * The smallest starting loss the factor applies to: a run that starts at a
 * loss of 1e-9 is not diverged at 1e-6, so the start counts as at least this.
 */
export const DIVERGENCE_MIN_START_LOSS = 1e-3;

/**
 * Throws a NumericalError when `loss`, the mean loss of epoch `epoch`, is
 * above `factor` · max(`startLoss`, DIVERGENCE_MIN_START_LOSS), where
 * `startLoss` is the loss of the first step of the `train` call, before any
 * update. `factor` null turns the check off.
 */
export function checkDivergence(epoch: number, loss: number, startLoss: number, factor: number | null): void {
  if (factor === null || !(loss > factor * Math.max(startLoss, DIVERGENCE_MIN_START_LOSS))) return;
  throw new NumericalError(
    `Model.train: training diverged at epoch ${epoch}: loss ${loss.toPrecision(4)} is more than ${factor}× the starting loss ${startLoss.toPrecision(4)}; lower the learning rate (divergenceFactor: null turns this check off)`,
  );
}
