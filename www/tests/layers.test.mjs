// The page's modules stay small and one-way (issue 37, "Smaller rooms"):
// the imports of www/src/*.js are read from the source, and the test fails
// on an import cycle (naming the circle), on a module over MAX_LINES lines,
// and on a named import its module does not export.
//
//   node --test tests/layers.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

/** The most lines a page module may have: past this, it is doing more than one job. */
export const MAX_LINES = 300;

const dir = new URL('../src/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
const source = Object.fromEntries(files.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));

/** The static imports of a module's text: `{ from, names }` (names: null for a namespace, default or bare import). */
export function importsOf(text) {
  const out = [];
  const re = /^\s*import\s+(?:([\s\S]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    const clause = m[1] ?? '';
    const braces = /\{([\s\S]*)\}/.exec(clause);
    const names = braces ? braces[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter(Boolean) : null;
    out.push({ from: m[2], names });
  }
  return out;
}

/** The names a module's text exports. */
export function exportsOf(text) {
  const names = new Set();
  for (const m of text.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) for (const n of m[1].split(',')) names.add(n.trim().split(/\s+as\s+/).at(-1));
  return names;
}

/** The page modules each module imports (its local `./x.js` imports that are modules of src/). */
export function graphOf(sources) {
  return Object.fromEntries(Object.entries(sources).map(([f, text]) => [f, importsOf(text)
    .filter((i) => /^\.\/[\w-]+\.js$/.test(i.from)).map((i) => i.from.slice(2)).filter((g) => g in sources)]));
}

/** Every import cycle of `graph` (module → modules it imports), each as the list of modules around it, once. */
export function cyclesOf(graph) {
  const found = new Map();
  const state = new Map();
  const stack = [];
  const visit = (f) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph[f] ?? []) {
      if (state.get(g) === 'open') {
        const circle = stack.slice(stack.indexOf(g));
        const key = [...circle].sort().join(' ');
        if (!found.has(key)) found.set(key, [...circle, g]);
      } else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of Object.keys(graph).sort()) if (!state.has(f)) visit(f);
  return [...found.values()];
}

test('the cycle finder finds a circle and names it, and none in a one-way graph', () => {
  assert.deepEqual(cyclesOf({ 'a.js': ['b.js'], 'b.js': ['c.js'], 'c.js': ['a.js'] }), [['a.js', 'b.js', 'c.js', 'a.js']]);
  assert.deepEqual(cyclesOf({ 'a.js': ['b.js', 'c.js'], 'b.js': ['c.js'], 'c.js': [] }), []);
  assert.deepEqual(importsOf("import { a, b as c } from './x.js';\nimport * as y from './y.js';\nimport './z.css';"),
    [{ from: './x.js', names: ['a', 'b'] }, { from: './y.js', names: null }, { from: './z.css', names: null }]);
});

test('no import cycle among the page modules', () => {
  const cycles = cyclesOf(graphOf(source));
  assert.deepEqual(cycles.map((c) => c.join(' → ')), [], 'each module imports only modules below it');
});

test(`no page module is longer than ${MAX_LINES} lines`, () => {
  const long = files.map((f) => [f, source[f].split('\n').length - (source[f].endsWith('\n') ? 1 : 0)]).filter(([, n]) => n > MAX_LINES);
  assert.deepEqual(long.map(([f, n]) => `${f}: ${n} lines`), []);
});

test('every name a page module imports from another is exported there', () => {
  const missing = [];
  for (const f of files) {
    for (const i of importsOf(source[f])) {
      const target = i.from.startsWith('./') ? i.from.slice(2) : null;
      if (!target || !(target in source) || !i.names) continue;
      const exported = exportsOf(source[target]);
      for (const n of i.names) if (!exported.has(n)) missing.push(`${f} imports ${n} from ${target}`);
    }
  }
  assert.deepEqual(missing, []);
});
