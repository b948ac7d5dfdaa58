// The shape of the code, checked from its imports: no module imports itself
// through others (no circles), and no layer imports a layer above it. The
// layers, from the bottom: leaves with no project imports, the profile, the
// search index, the replies, the bot core, the ask engine and the transports'
// building blocks, the commands, the Discord client, and the command line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/paths.js';

/** Each folder or top-level file of src/ (and commands/) with its layer; a higher layer may import a lower one. */
const LAYERS: [prefix: string, layer: number][] = [
  ['src/characters.ts', 0],
  ['src/paths.ts', 0],
  ['src/secrets.ts', 0],
  ['src/edit-distance.ts', 0],
  ['src/log.ts', 1],
  ['src/profile/', 2],
  ['src/config.ts', 3],
  ['src/signals.ts', 3],
  ['src/search/', 3],
  ['src/store/', 3],
  ['src/replies/', 4],
  ['src/bot/', 5],
  ['src/resume/', 5],
  ['src/ask/', 6],
  ['src/community/', 6],
  ['src/http/', 6],
  ['src/terminal/', 6],
  ['src/preview/', 8],
  ['src/deploy/', 6],
  ['src/insights/', 6],
  ['commands/', 7],
  ['src/discord/', 8],
  ['src/cli/', 9],
  ['src/cli.ts', 9],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The project files `file` imports (static imports, re-exports and import() with a literal). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]!);
  return specifiers.map((specifier) => relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

function layerOf(file: string): number | undefined {
  return LAYERS.find(([prefix]) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix))?.[1];
}

const files = [...sourceFiles('src'), ...sourceFiles('commands')];
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Every circle of imports, each as the path that closes it. */
function circles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  it('reads the imports it checks', () => {
    expect(graph.get('src/cli/start.ts')).toContain('src/cli/types.ts');
    expect(graph.get('commands/projects.ts')).toContain('src/bot/types.ts');
  });

  it('gives every file of src/ and commands/ a layer', () => {
    expect(files.filter((file) => layerOf(file) === undefined)).toEqual([]);
  });

  it('has no circles', () => {
    expect(circles().map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('has no import from a lower layer to a higher one', () => {
    const upward = files.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((target) => graph.has(target) && layerOf(target)! > layerOf(file)!)
        .map((target) => `${file} (layer ${layerOf(file)}) → ${target} (layer ${layerOf(target)})`),
    );
    expect(upward).toEqual([]);
  });
});
