/**
 * A model dropped without dispose() gives its wasm memory back once it is
 * garbage-collected (the wasm backend's FinalizationRegistry). Each check runs
 * in a child Node with --expose-gc, so that the test can collect garbage.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function withGc(script: string, args: string[] = []): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', fixture(script), ...args], {
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}

interface Sample {
  bytesInUse: number;
  memoryBytes: number;
  rss: number;
}

describe('dropped models on the wasm backend', () => {
  it('60 models of 2→1024→1024→3, trained and dropped without dispose(): the wasm heap stays flat', async () => {
    const { backend, sharedMemory, samples } = (await withGc('drop-models.ts', ['60'])) as {
      backend: string;
      sharedMemory: boolean;
      samples: Sample[];
    };
    expect({ backend, sharedMemory, models: samples.length }).toEqual({ backend: 'wasm', sharedMemory: true, models: 60 });
    // Each model holds about 27 MB of wasm memory; without the safety net 60 of them grow it to 1.6 GB.
    expect(samples.map((s) => s.bytesInUse)).toEqual(samples.map(() => samples[0].bytesInUse));
    expect(samples.map((s) => s.memoryBytes)).toEqual(samples.map(() => samples[0].memoryBytes));
    expect(samples[0].bytesInUse).toBeLessThan(27e6);
    const rss = samples.map((s) => s.rss);
    console.log(`RSS over 60 dropped models: ${(Math.min(...rss) / 1e6).toFixed(0)}–${(Math.max(...rss) / 1e6).toFixed(0)} MB`);
  }, 180_000);

  it('a block given back by release() and reused is not given back again when the first view is collected', async () => {
    expect(await withGc('release-once.ts')).toEqual({ sameBlock: true, afterCollect: 4032, stillHeld: 1000 });
  });
});
