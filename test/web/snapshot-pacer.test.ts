import { describe, expect, it } from 'vitest';
import { SnapshotPacer } from '../../web/src/snapshot-pacer.js';

describe('SnapshotPacer', () => {
  it('asks for a snapshot once an interval of training has added up, over many short epochs', () => {
    const pacer = new SnapshotPacer(50);
    const answers = Array.from({ length: 6 }, () => pacer.trained(10));
    expect(answers).toEqual([false, false, false, false, true, true]);
  });

  it('waits for the page to draw the last snapshot, however long training goes on', () => {
    const pacer = new SnapshotPacer(50);
    expect(pacer.trained(60)).toBe(true);
    pacer.sent();
    expect(pacer.trained(60)).toBe(false);
    expect(pacer.trained(1000)).toBe(false);
    pacer.drawn();
    // The training time behind the page was already long enough: the next epoch sends at once.
    expect(pacer.trained(1)).toBe(true);
  });

  it('counts the interval from the last snapshot sent, not from when the page drew it', () => {
    const pacer = new SnapshotPacer(50);
    pacer.sent();
    pacer.drawn();
    expect(pacer.trained(30)).toBe(false);
    expect(pacer.trained(30)).toBe(true);
    pacer.sent();
    pacer.drawn();
    expect(pacer.trained(49)).toBe(false);
  });

  it('treats snapshots sent outside training (run end, sample pick) like any other', () => {
    const pacer = new SnapshotPacer(50);
    pacer.sent();
    expect(pacer.trained(100)).toBe(false);
    pacer.drawn();
    pacer.drawn();
    expect(pacer.trained(0)).toBe(true);
  });
});
