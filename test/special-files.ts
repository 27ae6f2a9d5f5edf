import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Makes a FIFO (named pipe) `name` in `folder` and returns its path. Nothing
 * ever writes to it: a reader that opens it blocking, or waits for its end,
 * hangs forever, which is what the tests check does not happen.
 */
export function makeFifo(folder: string, name = 'pipe'): string {
  const path = join(folder, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/** A character device that reads as endless zeros, for "never read a device" tests. */
export const DEV_ZERO = '/dev/zero';
