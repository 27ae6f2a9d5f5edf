import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Modules reachable from `entry` through static imports (dynamic `await import()` is not followed). */
function staticImports(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => m[1]);
    seen.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  };
  visit(resolve(entry));
  return seen;
}

function nodeImports(graph: Map<string, string[]>): string[] {
  return [...graph].flatMap(([file, specifiers]) => specifiers.filter((s) => s.startsWith('node:')).map((s) => `${file} → ${s}`));
}

describe('model files in the browser', () => {
  it('the public entry point and the model-file modules import no Node built-in statically', () => {
    const fromIndex = staticImports('src/index.ts');
    expect(fromIndex.has(resolve('src/io/model-file.ts'))).toBe(true);
    expect(fromIndex.has(resolve('src/io/checkpoint.ts'))).toBe(true);
    expect(nodeImports(fromIndex)).toEqual([]);
  });

  it('the check sees Node imports where they are (file access, loaded lazily)', () => {
    expect(nodeImports(staticImports('src/io/atomic-write.ts'))).toEqual([
      `${resolve('src/io/atomic-write.ts')} → node:crypto`,
      `${resolve('src/io/atomic-write.ts')} → node:fs/promises`,
      `${resolve('src/io/atomic-write.ts')} → node:path`,
    ]);
  });
});
