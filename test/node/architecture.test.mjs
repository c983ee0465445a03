// The import graph of src/ (by top-level folder) against the table in docs/architecture.md:
// an import the table does not allow fails, so the drawing cannot drift from the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

/** folder → the folders its files import (relative imports, static, dynamic and type-only). */
export function importGraph() {
  const walk = (d) => readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
  const graph = new Map();
  for (const file of walk(src)) {
    const from = relative(src, file).split('/')[0];
    if (from.endsWith('.ts')) continue; // the entries at src/ (index.ts) may import anything
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = relative(src, resolve(dirname(file), m[1])).split('/')[0];
      if (to === from || to.startsWith('..') || to.includes('.')) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      graph.get(from).set(to, relative(root, file));
    }
  }
  return graph;
}

/** folder → allowed folders, from the table "| `folder/` | `a/`, `b/` … |" of docs/architecture.md. */
export function documentedGraph() {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const allowed = new Map();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1].startsWith('`')) continue;
    const folders = [...cells[1].matchAll(/`([a-z0-9-]+)\//g)].map((m) => m[1]);
    const targets = new Set([...cells[2].matchAll(/`([a-z0-9-]+)\//g)].map((m) => m[1]));
    targets.add('protocol'); // the wire schemas: a leaf every layer may use (said above the table)
    for (const f of folders) allowed.set(f, targets);
  }
  return allowed;
}

/** The imports of `graph` that `allowed` does not permit, as "from/ → to/ (file)"; folders missing from the table too. */
export function violations(graph, allowed) {
  const wrong = [];
  for (const [from, targets] of graph) {
    if (!allowed.has(from)) wrong.push(`src/${from}/ is not in the table`);
    else for (const [to, file] of targets) if (!allowed.get(from).has(to)) wrong.push(`${from}/ → ${to}/ (${file})`);
  }
  return wrong;
}

test('every import between the folders of src/ is one the architecture table allows', () => {
  const allowed = documentedGraph();
  assert.ok(allowed.size >= 12, `the table was read (${allowed.size} folders)`);
  assert.deepEqual(violations(importGraph(), allowed), [], 'imports the table does not allow');
});

test('the check can fail: an upward import and a folder the table lacks are both reported', () => {
  const allowed = documentedGraph();
  const graph = new Map([
    ['core', new Map([['protocol', 'src/core/a.ts'], ['components', 'src/core/b.ts']])],
    ['newfolder', new Map([['core', 'src/newfolder/c.ts']])],
  ]);
  assert.deepEqual(violations(graph, allowed), ['core/ → components/ (src/core/b.ts)', 'src/newfolder/ is not in the table']);
  // and the real graph is read: core/backend.ts imports the protocol
  assert.ok(importGraph().get('core')?.has('protocol'));
});
