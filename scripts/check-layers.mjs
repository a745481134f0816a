#!/usr/bin/env node
/**
 * `npm run lint:layers`: the dependency rules of .dependency-cruiser.cjs (floors, foreign repositories, file
 * cycles) and, on top, no cycle between modules (src/<module>/…): dependency-cruiser sees cycles between files,
 * a module cycle can exist without one. Exits 1 and lists every violation. `node scripts/check-layers.mjs DIR`
 * checks another tree with the same rules (the test plants violations in a copy).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const require = createRequire(import.meta.url);
const root = resolve(process.argv[2] ?? process.cwd());
process.chdir(root);
const config = require(resolve(import.meta.dirname, '..', '.dependency-cruiser.cjs'));

const { output } = await cruise(
  ['src'],
  { ...config.options, tsConfig: undefined, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'json' },
  {},
  { tsConfig: extractTSConfig(resolve(root, 'tsconfig.json')) },
);
const result = typeof output === 'string' ? JSON.parse(output) : output;

const problems = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`);

// modules: src/<module>/... ; the composition files at src/ are not a module
const moduleOf = (file) => /^src\/([^/]+)\//.exec(file)?.[1] ?? null;
const edges = new Map();
for (const m of result.modules) {
  const from = moduleOf(m.source);
  if (!from) continue;
  for (const d of m.dependencies) {
    const to = moduleOf(d.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
  }
}
// Tarjan's strongly connected components: any component of two or more modules is a cycle
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
const visit = (v) => {
  state.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!state.has(w)) {
      visit(w);
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low);
    } else if (state.get(w).onStack) state.get(v).low = Math.min(state.get(v).low, state.get(w).index);
  }
  if (state.get(v).low === state.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component);
  }
};
for (const v of edges.keys()) if (!state.has(v)) visit(v);
for (const component of cycles) {
  const members = new Set(component);
  const links = component.flatMap((a) => [...(edges.get(a) ?? [])].filter(([b]) => members.has(b)).map(([b, via]) => `${a} → ${b} (${via})`));
  problems.push(`no-module-cycle: ${component.join(', ')}: ${links.join('; ')}`);
}

if (problems.length) {
  console.error(`Dependency rules (ARCHITECTURE.md §3.6) broken ${problems.length} ${problems.length === 1 ? 'time' : 'times'}:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`Dependency rules hold: ${result.summary.totalCruised} files, ${result.summary.totalDependenciesCruised} imports, ${edges.size} modules, no cycle.`);
