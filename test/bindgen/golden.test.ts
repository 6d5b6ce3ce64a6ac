/**
 * Golden files: the guest bindings of every example in wit-examples/ (including the end-to-end guest's world,
 * wit-examples/greeter) and of the hostile corpus, committed under
 * golden/bindgen/<example>/<world>/. Any difference fails; regenerate with `npm run golden:update`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForCli } from '../../src/cli/load.js';
import { generateGuest } from '../../src/bindgen/guest.js';
import { fileStem } from '../../src/bindgen/ts/names.js';

const root = join(import.meta.dirname, '../..');
const goldenRoot = join(root, 'golden/bindgen');
const update = process.env.WITC_UPDATE_GOLDEN === '1';

/** Inputs: every entry of wit-examples/ (files and package directories) and the hostile corpus. */
function inputs(): { name: string; path: string }[] {
  const list: { name: string; path: string }[] = [];
  const examples = join(root, 'wit-examples');
  if (existsSync(examples)) {
    for (const e of readdirSync(examples, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() || e.name.endsWith('.wit'))
        list.push({ name: e.name.replace(/\.wit$/, ''), path: join(examples, e.name) });
    }
  }
  const hostile = join(root, 'test/bindgen/hostile');
  for (const f of readdirSync(hostile)
    .filter((f) => f.endsWith('.wit'))
    .sort()) {
    list.push({ name: `hostile-${f.replace(/\.wit$/, '')}`, path: join(hostile, f) });
  }
  return list;
}

/** Generated files of every world of the input's main packages, keyed by path under golden/bindgen/<name>/. */
function generate(path: string): Map<string, string> {
  // The same loading as `witc bindgen` with default flags.
  const loaded = loadForCli(path, { deps: [], features: [], allFeatures: false, builtinWit: true });
  if (!loaded.resolve) throw new Error(`${path}: ${loaded.diagnostics.map((d) => d.message).join('\n')}`);
  const out = new Map<string, string>();
  for (const pkg of loaded.main) {
    for (const [worldName, id] of loaded.resolve.packages[pkg]!.worlds) {
      for (const [p, text] of generateGuest(loaded.resolve, id)) out.set(`${fileStem(worldName)}/${p}`, text);
    }
  }
  return out;
}

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const HINT = 'golden files are out of date: run `npm run golden:update` and review the diff';

describe('golden guest bindings', () => {
  for (const input of inputs()) {
    it(`${input.name} matches golden/bindgen/${input.name}`, () => {
      const dir = join(goldenRoot, input.name);
      const actual = generate(input.path);
      if (update) {
        rmSync(dir, { recursive: true, force: true });
        for (const [p, text] of actual) {
          mkdirSync(dirname(join(dir, p)), { recursive: true });
          writeFileSync(join(dir, p), text);
        }
        return;
      }
      const expected = readTree(dir);
      expect([...actual.keys()].sort(), HINT).toEqual([...expected.keys()].sort());
      for (const [p, text] of actual) expect(text, `${HINT} (${input.name}/${p})`).toBe(expected.get(p));
    });
  }

  it('has no golden folders for inputs that no longer exist', () => {
    const names = new Set(inputs().map((i) => i.name));
    const stale = existsSync(goldenRoot) ? readdirSync(goldenRoot).filter((n) => !names.has(n)) : [];
    if (update) for (const n of stale) rmSync(join(goldenRoot, n), { recursive: true, force: true });
    else expect(stale, HINT).toEqual([]);
  });
});
