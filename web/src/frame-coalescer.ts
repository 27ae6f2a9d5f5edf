/**
 * Runs a draw at most once per animation frame. Messages from the worker
 * (snapshots, progress) and resizes only ask for a frame; however many ask
 * before it comes, the draw runs once and reads the latest state, so
 * snapshots that arrive in between are never drawn and cost nothing.
 *
 * `requestFrame` is `requestAnimationFrame` in the page (injected so the
 * rule can be tested without a browser). Browsers stop animation frames in
 * hidden tabs, and with them the drawing.
 */
export class FrameCoalescer {
  private readonly requestFrame: (callback: () => void) => unknown;
  private readonly draw: () => void;
  private scheduled = false;

  constructor(requestFrame: (callback: () => void) => unknown, draw: () => void) {
    this.requestFrame = requestFrame;
    this.draw = draw;
  }

  /** Asks for a draw in the next frame (no-op when one is already asked for). */
  request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.requestFrame(() => {
      // Cleared first: a request made while drawing gets a frame of its own.
      this.scheduled = false;
      this.draw();
    });
  }
}
