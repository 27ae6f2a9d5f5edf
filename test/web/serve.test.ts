import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePlayground, type PlaygroundServer } from '../../src/web/serve.js';
import { makeFifo } from '../special-files.js';

/** A raw GET that does not normalise `..` in the path (fetch would). */
function rawGet(port: number, path: string, host?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((done, fail) => {
    const headers = host === undefined ? {} : { Host: host };
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('servePlayground', () => {
  let root: string;
  let server: PlaygroundServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'scratchnet-serve-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>playground</title>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'export const x = 1;\n');
    writeFileSync(join(root, '..', `outside-${process.pid}.txt`), 'secret');
    server = await servePlayground({ port: 0, root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(root, '..', `outside-${process.pid}.txt`), { force: true });
  });

  it('prints a localhost URL with the port it bound', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves index.html at / and files with their content type and same-origin headers', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>playground</title>');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const script = await fetch(new URL('assets/app.js', server.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const x = 1;\n');
  });

  it('answers 404 for missing files, folders and paths that climb out of the root', async () => {
    expect((await fetch(new URL('nope.js', server.url))).status).toBe(404);
    expect((await rawGet(server.port, '/assets')).status).toBe(404);
    const escaped = await rawGet(server.port, `/../outside-${process.pid}.txt`);
    expect(escaped.status).toBe(404);
    expect(escaped.body).not.toContain('secret');
    const encoded = await rawGet(server.port, `/%2e%2e/outside-${process.pid}.txt`);
    expect(encoded.status).toBe(404);
  });

  it('answers only the Host names localhost, 127.0.0.1 and [::1] (with a port), else 403', async () => {
    const port = server.port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST', '127.0.0.1']) {
      expect((await rawGet(port, '/', host)).status).toBe(200);
    }
    for (const host of [`evil.example:${port}`, 'localhost.evil.example', '127.0.0.2', `[::2]:${port}`, 'localhost:port']) {
      const answer = await rawGet(port, '/', host);
      expect(answer.status).toBe(403);
      expect(answer.body).toBe('Forbidden: this server answers only localhost, 127.0.0.1 and [::1]\n');
    }
  });

  it('does not follow symlinks out of the served folder, but does inside it', async () => {
    symlinkSync(join(root, '..', `outside-${process.pid}.txt`), join(root, 'leak.txt'));
    symlinkSync(join(root, '..'), join(root, 'up'));
    symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
    const leak = await rawGet(server.port, '/leak.txt');
    expect(leak.status).toBe(404);
    expect(leak.body).toBe('Not found\n');
    expect((await rawGet(server.port, `/up/outside-${process.pid}.txt`)).status).toBe(404);
    const alias = await rawGet(server.port, '/alias.js');
    expect(alias.status).toBe(200);
    expect(alias.body).toBe('export const x = 1;\n');
  });

  it('answers 500 or 404 for files it cannot read, and stays up', async () => {
    symlinkSync('loop.js', join(root, 'loop.js')); // ELOOP: a link to itself
    const loop = await rawGet(server.port, '/loop.js');
    expect(loop.status).toBe(500);
    expect(loop.body).toBe('Cannot read this file\n');
    makeFifo(root, 'pipe.js'); // not a regular file: refused without blocking on the open
    expect((await rawGet(server.port, '/pipe.js')).status).toBe(404);
    expect((await rawGet(server.port, '/')).status).toBe(200);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('says what to do when the playground is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'scratchnet-empty-'));
    await expect(servePlayground({ root: empty })).rejects.toThrow(
      /servePlayground: no built playground in .*scratchnet-empty-.* \(index\.html missing\); run "npm run build:web" first/,
    );
    rmSync(empty, { recursive: true, force: true });
  });

  it('rejects a bad port and a port in use', async () => {
    await expect(servePlayground({ root, port: 70000 })).rejects.toThrow(
      'servePlayground: port must be an integer in [0, 65535], received 70000',
    );
    await expect(servePlayground({ root, port: server.port })).rejects.toThrow(
      `servePlayground: port ${server.port} on 127.0.0.1 is already in use`,
    );
  });
});
