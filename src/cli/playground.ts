import { servePlayground } from '../web/serve.js';
import type { PlaygroundConfig } from './model-options.js';
import { EXIT, type Console } from './program.js';

/**
 * `scratchnet playground`: serves the built browser playground on 127.0.0.1
 * until Ctrl-C (or SIGTERM), which closes the server and exits normally.
 */
export async function runPlayground(config: PlaygroundConfig, console: Console): Promise<number> {
  const server = await servePlayground({ port: config.port, root: config.root });
  console.out(`playground running at ${server.url} (Ctrl-C to stop)`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  console.out('playground stopped');
  return EXIT.ok;
}
