import { constants, existsSync, realpathSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgumentError, ScratchnetError } from '../errors.js';

/** Options of `servePlayground`. */
export interface PlaygroundServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: the playground is for this machine). */
  host?: string;
  /** Folder holding the built playground (default: the package's `web/dist`). */
  root?: string;
}

/** A running playground server. */
export interface PlaygroundServer {
  /** `http://host:port/`, what the CLI prints. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and resolves once the server is closed. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Headers sent with every response. The content security policy keeps the page
 * to its own origin (no fonts, scripts or telemetry from elsewhere); the
 * cross-origin isolation pair lets workers share memory (wasm threads).
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' blob: data:; object-src 'none'; base-uri 'self'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** Where `npm run build:web` puts the playground: `web/dist` at the package root. */
export function defaultPlaygroundRoot(): string {
  // This file sits two levels below the package root both as src/web/serve.ts and dist/web/serve.js.
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

/**
 * Serves the built playground (static files) over HTTP on this machine.
 *
 * ```ts
 * const server = await servePlayground({ port: 8080 });
 * console.log(`Playground: ${server.url}`);   // later: await server.close()
 * ```
 */
export async function servePlayground(options: PlaygroundServerOptions = {}): Promise<PlaygroundServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ArgumentError(`servePlayground: port must be an integer in [0, 65535], received ${String(port)}`);
  }
  const host = options.host ?? '127.0.0.1';
  const root = resolve(options.root ?? defaultPlaygroundRoot());
  if (!existsSync(join(root, 'index.html'))) {
    throw new ScratchnetError(
      `servePlayground: no built playground in ${root} (index.html missing); run "npm run build:web" first`,
    );
  }
  // Symlinks are resolved once for the root; every file must resolve inside it.
  const realRoot = realpathSync(root);
  const hosts = allowedHosts(host);
  const server = createServer((request, response) => {
    serveFile(realRoot, hosts, request, response).catch(() => {
      // Only reached if the response itself failed (the client went away): nothing left to answer.
      response.destroy();
    });
  });
  await listen(server, port, host);
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${boundPort}/`,
    port: boundPort,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

/**
 * The Host names answered: `localhost`, `127.0.0.1`, `[::1]` (any port), and
 * the interface the server listens on when it is a specific one. Anything
 * else is answered 403: a page on another site that points its own domain at
 * 127.0.0.1 (DNS rebinding) sends its domain as Host, and must not read the
 * served files.
 */
function allowedHosts(host: string): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (host !== '0.0.0.0' && host !== '::') hosts.add(host.includes(':') ? `[${host}]` : host);
  return hosts;
}

/** The host name of a Host header without its port: `localhost:8080` → `localhost`, `[::1]:80` → `[::1]`. */
function hostName(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(header.trim().toLowerCase());
  return match === null ? undefined : match[1];
}

/**
 * Answers one request: 403 for a foreign Host header, 405 for other methods
 * than GET and HEAD, 404 for anything that is not a regular file inside the
 * root (symlinks are followed only when they stay inside it), 500 when the
 * file cannot be read; the server stays up in every case.
 */
async function serveFile(realRoot: string, hosts: Set<string>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const plain = { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS };
  const name = hostName(request.headers.host);
  if (name === undefined || !hosts.has(name)) {
    response.writeHead(403, plain).end('Forbidden: this server answers only localhost, 127.0.0.1 and [::1]\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  const file = await resolveRequestPath(realRoot, request.url ?? '/');
  if (file === undefined) {
    response.writeHead(404, plain).end('Not found\n');
    return;
  }
  let handle;
  try {
    // Non-blocking, so a FIFO placed in the folder cannot hang the open.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    response.writeHead(missing ? 404 : 500, plain).end(missing ? 'Not found\n' : 'Cannot read this file\n');
    return;
  }
  const stats = await handle.stat().catch(() => undefined);
  if (stats === undefined || !stats.isFile()) {
    await handle.close();
    response.writeHead(404, plain).end('Not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(stats.size),
    ...SECURITY_HEADERS,
  });
  if (request.method === 'HEAD') {
    await handle.close();
    response.end();
    return;
  }
  const stream = handle.createReadStream();
  // A read that fails half-way (the headers are gone): cut the connection so the client sees it, and carry on.
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** The real path of the file a URL names inside `realRoot`, or undefined (missing, or outside the root, also through a symlink). */
async function resolveRequestPath(realRoot: string, url: string): Promise<string | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const inside = (path: string): boolean => path === realRoot || path.startsWith(realRoot + sep);
  const file = resolve(realRoot, `.${pathname}`);
  if (!inside(file)) return undefined;
  const real = await realpath(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : file));
  return real !== undefined && inside(real) ? real : undefined;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new ArgumentError(`servePlayground: port ${port} on ${host} is already in use`)
          : error,
      );
    });
    server.listen(port, host, () => done());
  });
}
