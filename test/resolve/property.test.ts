/**
 * Properties over generated packages: random worlds with uses, includes and gates never make the resolver throw;
 * ungated ones always resolve cleanly with every id in range; random mutations of them never throw either.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadSources, resolveToJson, type Resolve } from '../../src/resolve/index.js';

interface Gen {
  interfaces: { types: { kind: number; ref: number }[]; funcs: number; uses: number[]; gate: number }[];
  worlds: { imports: number[]; exports: number[]; includes: number[]; funcs: number; gate: number }[];
}

const gates = ['', '@unstable(feature = on)\n', '@unstable(feature = off)\n', '@since(version = 0.1.0)\n'];

const genArb = fc.record({
  interfaces: fc.array(
    fc.record({
      types: fc.array(fc.record({ kind: fc.nat(6), ref: fc.nat(10) }), { maxLength: 5 }),
      funcs: fc.nat(3),
      uses: fc.array(fc.nat(10), { maxLength: 3 }),
      gate: fc.nat(3),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  worlds: fc.array(
    fc.record({
      imports: fc.array(fc.nat(10), { maxLength: 3 }),
      exports: fc.array(fc.nat(10), { maxLength: 3 }),
      includes: fc.array(fc.nat(10), { maxLength: 2 }),
      funcs: fc.nat(2),
      gate: fc.nat(3),
    }),
    { maxLength: 4 },
  ),
});

/** Renders a generated package. With `gated` false no gates are written, so the package must be valid. */
function render(g: Gen, gated: boolean): string {
  const out = ['package gen:pkg@0.2.0;', ''];
  const typeNames: string[][] = [];
  g.interfaces.forEach((iface, i) => {
    const names: string[] = [];
    const lines: string[] = [];
    // Uses only point at earlier interfaces (no cycles) and at their first type, if any.
    const used = new Set<number>();
    for (const u of iface.uses) {
      if (i === 0) break;
      const j = u % i;
      if (used.has(j) || typeNames[j]!.length === 0) continue;
      used.add(j);
      const alias = `u${j}`;
      lines.push(`  use i${j}.{${typeNames[j]![0]} as ${alias}};`);
      names.push(alias);
    }
    iface.types.forEach((t, k) => {
      const name = `t${k}`;
      const prev = names.length > 0 ? names[t.ref % names.length]! : 'u8';
      const gate = gated ? gates[(t.ref + k) % gates.length]! : '';
      const body = [
        `type ${name} = list<${prev}>;`,
        `record ${name} { a: ${prev}, b: option<string> }`,
        `enum ${name} { x, y }`,
        `variant ${name} { none, some(${prev}) }`,
        `resource ${name} { constructor(); m: func(v: ${prev}) -> ${prev}; s: static func() -> ${name}; }`,
        `flags ${name} { f1, f2 }`,
        `type ${name} = tuple<${prev}, result<${prev}, string>>;`,
      ][t.kind]!;
      lines.push(`  ${gate}${body}`);
      if (!gate.includes('off')) names.push(name);
    });
    for (let f = 0; f < iface.funcs; f++) {
      const arg = names.length > 0 ? names[f % names.length]! : 'u32';
      lines.push(`  f${f}: func(p: ${arg}) -> option<${arg}>;`);
    }
    typeNames.push(names);
    out.push(`${gated ? gates[iface.gate]! : ''}interface i${i} {`, ...lines, '}', '');
  });
  const n = g.interfaces.length;
  g.worlds.forEach((w, i) => {
    const lines: string[] = [];
    const imported = new Set<number>();
    for (const x of w.imports) if (!imported.has(x % n)) (imported.add(x % n), lines.push(`  import i${x % n};`));
    const exported = new Set<number>();
    for (const x of w.exports) if (!exported.has(x % n) && !imported.has(x % n)) (exported.add(x % n), lines.push(`  export i${x % n};`));
    for (let f = 0; f < w.funcs; f++) lines.push(`  export w${i}f${f}: func();`);
    if (i > 0) for (const x of new Set(w.includes.map((v) => v % i))) lines.push(`  include w${x};`);
    out.push(`${gated ? gates[w.gate]! : ''}world w${i} {`, ...lines, '}', '');
  });
  return out.join('\n');
}

function idsInRange(r: Resolve): boolean {
  const t = r.types.length;
  const ok = (x: unknown) => typeof x !== 'number' || (x >= 0 && x < t);
  for (const ty of r.types) {
    const k = ty.kind as unknown as Record<string, unknown>;
    for (const v of Object.values(k)) {
      if (Array.isArray(v)) {
        for (const e of v) if (!ok(typeof e === 'object' && e !== null ? (e as { type?: unknown }).type : e)) return false;
      } else if (!ok(v)) return false;
    }
  }
  for (const iface of r.interfaces) for (const id of iface.types.values()) if (!ok(id)) return false;
  return true;
}

describe('generated packages', () => {
  it('ungated packages resolve cleanly', () => {
    fc.assert(
      fc.property(genArb, (g) => {
        const src = render(g, false);
        const r = loadSources({ 'g.wit': src }, 'g.wit');
        // Worlds that export an interface another world imported through an include may legitimately conflict;
        // everything else must be clean.
        const errors = r.diagnostics.filter((d) => !/incompatible ways|shadows/.test(d.message));
        if (errors.length > 0) throw new Error(`${errors[0]!.message}\n${src}`);
        if (r.resolve) {
          expect(idsInRange(r.resolve)).toBe(true);
          JSON.parse(resolveToJson(r.resolve));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gated packages never throw', () => {
    fc.assert(
      fc.property(genArb, fc.boolean(), (g, all) => {
        const r = loadSources({ 'g.wit': render(g, true) }, 'g.wit', { features: ['on'], allFeatures: all });
        if (r.resolve) JSON.parse(resolveToJson(r.resolve));
      }),
      { numRuns: 150 },
    );
  });

  it('mutations never throw', () => {
    fc.assert(
      fc.property(genArb, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(4)), { minLength: 1, maxLength: 4 }), (g, edits) => {
        let src = render(g, true);
        for (const [pos, other, op] of edits) {
          const i = pos % (src.length + 1);
          const j = other % (src.length + 1);
          const words = ['interface', 'world', 'use', 'include', 'import', 'export', 'own<t0>', 'borrow<t1>', '}', ';', 'i0', 't0'];
          if (op === 0) src = src.slice(0, i) + src.slice(i + 1);
          else if (op === 1) src = src.slice(0, i) + src.slice(j, j + 8) + src.slice(i);
          else if (op === 2) src = src.slice(0, i) + ` ${words[other % words.length]} ` + src.slice(i);
          else if (op === 3) src = src.slice(0, Math.min(i, j)) + src.slice(Math.max(i, j));
          else src = src.replace(/i(\d)/, `i${other % 9}`);
        }
        const r = loadSources({ 'g.wit': src }, 'g.wit', { features: ['on'] });
        expect(Array.isArray(r.diagnostics)).toBe(true);
        if (r.resolve) JSON.parse(resolveToJson(r.resolve));
      }),
      { numRuns: 300 },
    );
  });
});
