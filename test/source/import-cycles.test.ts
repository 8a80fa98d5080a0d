/**
 * The widget's source has no import circle, type-only imports included: a module that needs a
 * name from a module that needs it back is two modules that should be three.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\./.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Each file's imports of other files in the set (static, type-only and dynamic alike). */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\?.*$/, '')))
      .filter((target) => known.has(target));
    graph.set(file, targets);
  }
  return graph;
}

/** One circle through `graph`, as a list of files that ends where it starts, or `null`. */
function findCircle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): string[] | null => {
    if (onPath.has(file)) return [...path.slice(path.indexOf(file)), file];
    if (done.has(file)) return null;
    path.push(file);
    onPath.add(file);
    for (const target of graph.get(file) ?? []) {
      const circle = visit(target);
      if (circle) return circle;
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return null;
  };
  for (const file of graph.keys()) {
    const circle = visit(file);
    if (circle) return circle;
  }
  return null;
}

describe('src/', () => {
  it('has no import circle', () => {
    const circle = findCircle(importGraph(sourceFiles(join(ROOT, 'src'))));
    expect(circle?.map((file) => relative(ROOT, file)) ?? null).toBeNull();
  });

  it('is read whole: the check sees the worker client and what it imports', () => {
    const graph = importGraph(sourceFiles(join(ROOT, 'src')));
    const client = graph.get(join(ROOT, 'src/worker/client/client.ts'))?.map((file) => relative(ROOT, file));
    expect(client).toContain('src/worker/client/watchdog-client.ts');
    expect(client).toContain('src/worker/client/slot-jobs.ts');
  });
});
