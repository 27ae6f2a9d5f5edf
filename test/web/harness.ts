/**
 * Shared pieces of the browser tests: build the playground with Vite, serve it
 * on 127.0.0.1, and drive Debian's chromium through playwright-core.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

/** Builds the playground into a fresh temporary folder and returns it. */
export async function buildPlayground(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'scratchnet-playground-'));
  await build({
    root: WEB_ROOT,
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/**
 * Launches headless chromium with a fresh profile. Fails loudly when the
 * browser is missing: these tests must never pass by skipping.
 */
export async function launchChromium(
  viewport = { width: 1280, height: 1000 },
): Promise<{ context: BrowserContext; profile: string }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium); it is missing`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'scratchnet-chromium-'));
  // A persistent context on a fresh folder is how playwright takes --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { context, profile };
}
