import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/**
 * A fresh temporary folder for each test of the calling file (or, with
 * `{ per: 'file' }`, one for all its tests, so a later test reads what an
 * earlier one wrote), removed after it. Call at the top level; the returned
 * function gives the current folder.
 */
export function temporaryFolder(prefix: string, options: { per?: 'test' | 'file' } = {}): () => string {
  let folder = '';
  const [before, after] = options.per === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), prefix));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  return () => folder;
}
