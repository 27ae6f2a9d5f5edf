/**
 * When the training worker sends the page a snapshot while it trains.
 *
 * A snapshot costs the worker a prediction over the whole heatmap lattice and
 * costs the page a redraw; on a two-core machine that redraw competes with the
 * worker's kernel threads. Sending more than the page can show only slows
 * training, so a snapshot goes when both hold:
 *
 * - at least `intervalMs` of training has passed since the last one, and
 * - the page has drawn the last one (it says so from its animation frame), so
 *   a busy, slow or hidden page gets fewer snapshots instead of a queue of
 *   stale ones.
 *
 * The snapshots that end a run (finished, paused, one step) or answer a sample
 * pick do not ask the pacer; they only report themselves with `sent()`.
 * Pure bookkeeping, no clock: the caller passes the time it measured.
 */
export class SnapshotPacer {
  private readonly intervalMs: number;
  private trainedMs = 0;
  private awaitingPage = false;

  constructor(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  /** Adds `ms` of training time; true when a snapshot should be sent now. */
  trained(ms: number): boolean {
    this.trainedMs += ms;
    return !this.awaitingPage && this.trainedMs >= this.intervalMs;
  }

  /** A snapshot went to the page: wait for it to be drawn, and for another interval of training. */
  sent(): void {
    this.trainedMs = 0;
    this.awaitingPage = true;
  }

  /** The page drew the latest snapshot it had and can take another. */
  drawn(): void {
    this.awaitingPage = false;
  }
}
