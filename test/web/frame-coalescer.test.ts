import { describe, expect, it } from 'vitest';
import { FrameCoalescer } from '../../web/src/frame-coalescer.js';

/** A stand-in for requestAnimationFrame: frames run only when the test says so. */
function frames(): { request: (callback: () => void) => void; runFrame: () => void; pending: () => number } {
  let queue: (() => void)[] = [];
  return {
    request: (callback) => {
      queue.push(callback);
    },
    runFrame: () => {
      const due = queue;
      queue = [];
      for (const callback of due) callback();
    },
    pending: () => queue.length,
  };
}

describe('FrameCoalescer', () => {
  it('draws once per frame however many requests came before it, reading the latest state', () => {
    const clock = frames();
    const drawn: number[] = [];
    let latest = 0;
    const frame = new FrameCoalescer(clock.request, () => drawn.push(latest));
    for (const value of [1, 2, 3, 4, 5]) {
      latest = value;
      frame.request();
    }
    expect(clock.pending()).toBe(1);
    expect(drawn).toEqual([]);
    clock.runFrame();
    expect(drawn).toEqual([5]);
    clock.runFrame();
    expect(drawn).toEqual([5]);
  });

  it('asks for a new frame after drawing, also when the request comes from inside the draw', () => {
    const clock = frames();
    let draws = 0;
    const frame = new FrameCoalescer(clock.request, () => {
      draws++;
      if (draws === 1) frame.request();
    });
    frame.request();
    clock.runFrame();
    expect(draws).toBe(1);
    expect(clock.pending()).toBe(1);
    clock.runFrame();
    expect(draws).toBe(2);
    expect(clock.pending()).toBe(0);
    frame.request();
    clock.runFrame();
    expect(draws).toBe(3);
  });
});
