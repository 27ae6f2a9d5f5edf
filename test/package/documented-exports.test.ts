/**
 * Every name the package exports, from either entry, values and types alike,
 * is mentioned in the docs (docs/*.md) as code: in backticks or in a code
 * block. A new export without docs fails here, naming it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as universal from '../../src/index.js';
import * as node from '../../src/node.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/node.ts'];

/** The names each entry exports, types included, as the compiler sees them. */
function exportedNames(): Map<string, string[]> {
  const program = ts.createProgram(
    ENTRIES.map((entry) => ROOT + entry),
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true },
  );
  const checker = program.getTypeChecker();
  return new Map(
    ENTRIES.map((entry) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(ROOT + entry)!)!;
      return [entry, checker.getExportsOfModule(module).map((symbol) => symbol.name)];
    }),
  );
}

/** The code of the docs: inline `code` spans and fenced blocks. */
function documentedCode(): string {
  const folder = `${ROOT}docs/`;
  const text = readdirSync(folder)
    .filter((file) => file.endsWith('.md'))
    .map((file) => readFileSync(folder + file, 'utf8'))
    .join('\n');
  return [...text.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)].map((match) => match[0]).join('\n');
}

describe('every export is documented', () => {
  const names = exportedNames();
  const code = documentedCode();

  it('the compiler sees every runtime export of both entries (and the types besides)', () => {
    for (const [entry, runtime] of [['src/index.ts', Object.keys(universal)], ['src/node.ts', Object.keys(node)]] as const) {
      expect(runtime.length).toBeGreaterThan(100);
      expect(runtime.filter((name) => !names.get(entry)!.includes(name))).toEqual([]);
    }
    expect(names.get('src/node.ts')!.length).toBeGreaterThan(names.get('src/index.ts')!.length);
  });

  it('each exported name appears as code in docs/*.md', () => {
    const all = [...new Set([...names.values()].flat())].sort();
    const undocumented = all.filter((name) => !new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(code));
    expect(undocumented).toEqual([]);
  });
});
