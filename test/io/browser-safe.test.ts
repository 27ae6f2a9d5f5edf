import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Modules reachable from `entry` through static imports and dynamic `import('…')` of literal specifiers (not type queries). */
function reachableImports(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...[...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => m[1]),
      ...[...text.matchAll(/(?<!typeof )\bimport\('([^']+)'\)/g)].map((m) => m[1]),
    ];
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

describe('the universal entry (what browser bundlers get)', () => {
  it('reaches the model-file modules but no Node built-in, statically or lazily', () => {
    const fromIndex = reachableImports('src/index.ts');
    expect(fromIndex.has(resolve('src/io/model-file.ts'))).toBe(true);
    expect(fromIndex.has(resolve('src/io/atomic-write.ts'))).toBe(true);
    expect(nodeImports(fromIndex)).toEqual([]);
  });

  it('leaves the Node-only modules (Fashion-MNIST files, the shipped CSV, plots) to the Node entry', () => {
    const fromIndex = reachableImports('src/index.ts');
    const nodeOnly = ['src/data/fashion-mnist.ts', 'src/data/california-housing.ts', 'src/viz/write-plots.ts', 'src/viz/render.ts'];
    expect(nodeOnly.filter((file) => fromIndex.has(resolve(file)))).toEqual([]);
    const fromNode = reachableImports('src/node.ts');
    expect(nodeOnly.filter((file) => !fromNode.has(resolve(file)))).toEqual([]);
  });

  it('the check sees Node imports where they are', () => {
    expect(nodeImports(reachableImports('src/viz/write-plots.ts'))).toEqual([
      `${resolve('src/viz/write-plots.ts')} → node:fs/promises`,
      `${resolve('src/viz/write-plots.ts')} → node:path`,
    ]);
  });
});
