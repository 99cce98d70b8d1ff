import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * No import circles between the modules of src/server/modules: for each module, which other
 * modules its files (tests aside) import, type imports included, and any cycle in that graph.
 * The lint rule in eslint.config.js says what a module may import from another; this says that
 * two modules never need each other.
 */

const MODULES = dirname(fileURLToPath(import.meta.url));

/** An edge of the graph: a module imports another, first seen in these files. */
type Edges = Map<string, Map<string, string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The module a path is in (its first folder below src/server/modules), or none. */
function moduleOf(path: string): string | undefined {
  const inside = relative(MODULES, path);
  if (inside.startsWith('..')) return undefined;
  const [first, ...rest] = inside.split(sep);
  return rest.length > 0 ? first : undefined;
}

function moduleGraph(): Edges {
  const edges: Edges = new Map();
  for (const file of sourceFiles(MODULES)) {
    const from = moduleOf(file);
    if (!from) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = moduleOf(resolve(dirname(file), fileName));
      if (!to || to === from) continue;
      const targets = edges.get(from) ?? new Map<string, string>();
      if (!targets.has(to)) targets.set(to, `${relative(MODULES, file)} → ${fileName}`);
      edges.set(from, targets);
    }
  }
  return edges;
}

/** Every elementary cycle's modules, each once, starting from its smallest name. */
function cyclesOf(edges: Edges): string[][] {
  const cycles = new Map<string, string[]>();
  const walk = (start: string, path: string[]) => {
    for (const next of edges.get(path.at(-1) ?? start)?.keys() ?? []) {
      if (next === start) {
        const cycle = [...path];
        cycles.set(cycle.join(' → '), cycle);
      } else if (next > start && !path.includes(next)) {
        walk(start, [...path, next]);
      }
    }
  };
  for (const start of [...edges.keys()].sort()) walk(start, [start]);
  return [...cycles.values()];
}

function describeCycle(edges: Edges, cycle: string[]): string {
  const steps = cycle.map((from, i) => {
    const to = cycle[(i + 1) % cycle.length] ?? from;
    return `  ${from} → ${to} (${edges.get(from)?.get(to)})`;
  });
  return [`${[...cycle, cycle[0]].join(' → ')}:`, ...steps].join('\n');
}

function graphOf(pairs: [string, string][]): Edges {
  const edges: Edges = new Map();
  for (const [from, to] of pairs) {
    edges.set(from, (edges.get(from) ?? new Map<string, string>()).set(to, `${from}.ts`));
  }
  return edges;
}

describe('imports between server modules', () => {
  it('form no cycle', () => {
    const edges = moduleGraph();
    expect(edges.size).toBeGreaterThan(5);
    expect(cyclesOf(edges).map((cycle) => describeCycle(edges, cycle))).toEqual([]);
  });

  it('names a cycle when there is one, with a file that makes each step', () => {
    const edges = graphOf([
      ['work', 'review'],
      ['review', 'work'],
      ['review', 'ledger'],
      ['payouts', 'ledger'],
      ['ledger', 'audit'],
      ['audit', 'payouts'],
    ]);
    expect(cyclesOf(edges).map((cycle) => describeCycle(edges, cycle))).toEqual([
      'audit → payouts → ledger → audit:\n  audit → payouts (audit.ts)\n  payouts → ledger (payouts.ts)\n  ledger → audit (ledger.ts)',
      'review → work → review:\n  review → work (review.ts)\n  work → review (work.ts)',
    ]);
  });

  it('sees type imports and re-exports as imports', () => {
    const { importedFiles } = ts.preProcessFile(
      "import type { A } from '../a/a.service.js';\nexport { b } from '../b/b.js';",
      true,
      true,
    );
    expect(importedFiles.map((f) => f.fileName)).toEqual(['../a/a.service.js', '../b/b.js']);
  });
});
