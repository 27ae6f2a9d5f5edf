import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of the installed scratchnet package (`scratchnet --version`):
 * read from the nearest `package.json` named `scratchnet` above this file,
 * which is the package's own wherever the CLI runs from (`dist/cli/`, or
 * `src/cli/` in a checkout).
 */
export function packageVersion(from: string = fileURLToPath(import.meta.url)): string {
  for (let folder = dirname(from); ; folder = dirname(folder)) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'scratchnet' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no readable package.json here: look further up
    }
    if (dirname(folder) === folder) return 'unknown';
  }
}
