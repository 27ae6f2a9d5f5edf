import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const file = resolveRequestPath(root, request.url ?? '/');
    if (file === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found\n');
      return;
    }
    const size = statSync(file).size;
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(size),
      ...SECURITY_HEADERS,
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).pipe(response);
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

/** The file a URL path names inside `root`, or undefined (missing, a folder, or outside root). */
function resolveRequestPath(root: string, url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = resolve(root, `.${pathname}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
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
