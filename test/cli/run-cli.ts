import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The CLI bundled fresh from `src/` once per test file (dependencies stay in
 * node_modules), so tests never run a stale `dist/` and each subprocess starts
 * as fast as the built CLI does. The bundle lives under node_modules/.cache so
 * its imports resolve from the project.
 */
let bundled: Promise<string> | undefined;
const cacheDir = join(root, 'node_modules', '.cache', `scratchnet-cli-test-${process.pid}`);

function bundle(): Promise<string> {
  bundled ??= (async () => {
    await mkdir(cacheDir, { recursive: true });
    await build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      outdir: cacheDir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    return join(cacheDir, 'main.mjs');
  })();
  return bundled;
}

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scratchnet …args` as a subprocess in `cwd`. `onStdout` sees the output
 * so far as it arrives (to send a signal mid-run); `closedStdout` closes the
 * reading end of its stdout at once, as `| head -1` does once it has its line.
 */
export async function runCli(
  args: readonly string[],
  options: { cwd?: string; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void; closedStdout?: boolean } = {},
): Promise<CliResult> {
  const main = await bundle();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.closedStdout) child.stdout.destroy();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}
