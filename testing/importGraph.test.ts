import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The folders of main/ as a graph (an edge where a shipped file of one imports a file of another):
// no cycle, so each folder can be read, tested and moved on top of the ones it imports. The lint
// rule (eslint.layers.mjs) holds the direction between layers; this holds it within a layer.

const root = fileURLToPath(new URL('..', import.meta.url));
const specifiers = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** main/<folder>, or null for an entry file directly in main/ and anything outside main/. */
const folderOf = (file: string) => /^main\/([^/]+)\//.exec(file)?.[1] ?? null;

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles('main')) {
    const from = folderOf(file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const [, spec] of readFileSync(path.join(root, file), 'utf8').matchAll(specifiers)) {
      const to = folderOf(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec ?? '')));
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** One cycle of folders (its path, first folder repeated last), or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (folder: string): string[] | null => {
    if (state.get(folder) === 'done') return null;
    if (state.get(folder) === 'open') return [...trail.slice(trail.indexOf(folder)), folder];
    state.set(folder, 'open');
    trail.push(folder);
    for (const next of graph.get(folder) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(folder, 'done');
    return null;
  };
  for (const folder of graph.keys()) {
    const cycle = visit(folder);
    if (cycle) return cycle;
  }
  return null;
}

describe('the folders of main/', () => {
  const graph = folderGraph();

  it('import each other without a cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('keep live and replay apart: both build on the FFmpeg and show-folder kit', () => {
    expect(graph.get('live')?.has('replay')).toBe(false);
    expect(graph.get('replay')?.has('live')).toBe(false);
    expect(graph.get('live')?.has('ffmpeg')).toBe(true);
    expect(graph.get('replay')?.has('ffmpeg')).toBe(true);
  });

  it('finds a cycle when there is one', () => {
    expect(findCycle(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a', 'b', 'c', 'a']);
  });
});
