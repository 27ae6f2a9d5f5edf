import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir: string;
const PAGE = '<!doctype html><html><head><title>scratchnet playground</title></head><body></body></html>\n';
beforeAll(async () => {
  // A stand-in for the built playground: the test must not depend on `npm run build:web` having run.
  dir = await mkdtemp(join(tmpdir(), 'scratchnet-cli-playground-'));
  await writeFile(join(dir, 'index.html'), PAGE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scratchnet playground', () => {
  it('prints its URL, serves the page there, and stops on Ctrl-C', async () => {
    let response: { status: number; type: string | null; body: string } | undefined;
    let asked = false;
    const result = await runCli(['playground', '--root', dir], {
      onStdout: (text, child) => {
        const url = /running at (http:\/\/\S+)/.exec(text)?.[1];
        if (url === undefined || asked) return;
        asked = true;
        void fetch(url)
          .then(async (reply) => (response = { status: reply.status, type: reply.headers.get('content-type'), body: await reply.text() }))
          .finally(() => child.kill('SIGINT'));
      },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^playground running at http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl-C to stop\)\nplayground stopped\n$/);
    expect(response).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: PAGE });
  });

  it('rejects a port out of range and a folder without a built playground', async () => {
    const port = await runCli(['playground', '--port', '70000']);
    expect(port.code).toBe(2);
    expect(port.stderr).toBe('error: --port must be an integer in [0, 65535], received "70000"\n');
    const empty = await mkdtemp(join(tmpdir(), 'scratchnet-cli-empty-'));
    try {
      const missing = await runCli(['playground', '--root', empty]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe(`error: servePlayground: no built playground in ${empty} (index.html missing); run "npm run build:web" first\n`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
