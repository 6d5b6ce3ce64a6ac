/**
 * Property: for generated interfaces whose names are drawn mostly from JS/TS keywords, globals and built-in member
 * names, the guest declarations type-check with zero errors and declare one TypeScript item per WIT item.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateGuest } from '../../src/bindgen/guest.js';
import { loadSources } from '../../src/resolve/index.js';
import { rooted, typeCheck } from './support.js';

/** Names that are hostile in TypeScript. Every name is written `%name` in the WIT, so WIT keywords are fine too. */
const HOSTILE = [
  'delete',
  'new',
  'class',
  'default',
  'arguments',
  'eval',
  'await',
  'yield',
  'undefined',
  'global-this',
  'this',
  'constructor',
  'name',
  'length',
  'prototype',
  'caller',
  'call',
  'apply',
  'then',
  'proto',
  'object',
  'array',
  'map',
  'promise',
  'uint8-array',
  'symbol',
  'error',
  'disposable',
  'async-iterable',
  'promise-like',
  'get',
  'set',
  'result',
  'option',
  'void',
  'null',
  'true',
  'in',
  'of',
  'let',
  'static',
  'enum',
  'interface',
  'package',
];
const word = fc.oneof(fc.constantFrom(...HOSTILE), fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z][a-z0-9]{0,4}){0,2}$/));
const names = (min: number, max: number) =>
  fc
    .uniqueArray(word, { minLength: min, maxLength: max, selector: (n) => n.toLowerCase() })
    .map((ns) => ns.map((n) => `%${n}`));

const TYPES = [
  'u8',
  's64',
  'string',
  'list<u8>',
  'option<string>',
  'option<option<u32>>',
  'tuple<u32, char>',
  'result<u64, string>',
  'list<list<f32>>',
];
const ty = fc.constantFrom(...TYPES);

interface Spec {
  typeNames: string[];
  fields: { name: string; type: string }[];
  cases: string[];
  funcs: { name: string; params: { name: string; type: string }[]; result: string }[];
  methods: string[];
  statics: string[];
}

const spec: fc.Arbitrary<Spec> = fc
  .record({
    // Types and functions share one namespace in a WIT interface.
    itemNames: names(6, 11),
    fieldNames: names(1, 5),
    cases: names(1, 5),
    memberNames: names(0, 6),
    paramNames: names(0, 4),
    types: fc.array(ty, { minLength: 16, maxLength: 16 }),
    statics: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  })
  .map((r) => ({
    typeNames: r.itemNames.slice(0, 5),
    fields: r.fieldNames.map((name, i) => ({ name, type: r.types[i]! })),
    cases: r.cases,
    funcs: r.itemNames.slice(5).map((name, i) => ({
      name,
      params: r.paramNames.map((p, j) => ({ name: p, type: r.types[(i + j) % 16]! })),
      result: r.types[(i + 7) % 16]!,
    })),
    methods: r.memberNames.filter((_, i) => !r.statics[i]),
    statics: r.memberNames.filter((_, i) => r.statics[i]),
  }));

function witOf(s: Spec): string {
  const [rec, vari, en, fl, res] = s.typeNames as [string, string, string, string, string];
  const params = (ps: Spec['funcs'][number]['params']) => ps.map((p) => `${p.name}: ${p.type}`).join(', ');
  return [
    'package prop:gen;',
    'interface i {',
    `  record ${rec} { ${s.fields.map((f) => `${f.name}: ${f.type}`).join(', ')} }`,
    `  variant ${vari} { ${s.cases.map((c, k) => (k % 2 ? c : `${c}(${rec})`)).join(', ')} }`,
    `  enum ${en} { ${s.cases.join(', ')} }`,
    `  flags ${fl} { ${s.cases.join(', ')} }`,
    `  resource ${res} {`,
    ...s.methods.map((m) => `    ${m}: func(x: ${rec}) -> ${vari};`),
    ...s.statics.map((m) => `    ${m}: static func() -> ${res};`),
    '  }',
    ...s.funcs.map((f) => `  ${f.name}: func(${params(f.params)}) -> ${f.result};`),
    '}',
    'world w { import i; export i2: interface { use i.{' +
      `${rec}, ${res}` +
      '}; run: func(r: ' +
      rec +
      ') -> ' +
      res +
      '; } }',
  ].join('\n');
}

describe('guest declarations for hostile generated interfaces', () => {
  it('type-check with zero errors and keep one declaration per item', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const text = witOf(s);
        const loaded = loadSources({ '/p.wit': text }, '/p.wit');
        if (!loaded.resolve)
          throw new Error(`fixture rejected:\n${text}\n${loaded.diagnostics.map((d) => d.message).join('\n')}`);
        const world = loaded.resolve.packages[loaded.main[0]!]!.worlds.get('w')!;
        const files = generateGuest(loaded.resolve, world);
        const iface = files.get('interfaces/prop-gen-i.d.ts')!;
        // One `export function` or renamed export per WIT function; one class member per resource function.
        const exported = (iface.match(/^ {2}export function |^ {2}export \{ /gm) ?? []).length;
        expect(exported).toBe(s.funcs.length);
        const members = (iface.match(/^ {4}(static )?[A-Za-z_$][\w$]*\(.*\): /gm) ?? []).length;
        expect(members).toBe(s.methods.length + s.statics.length);
        expect(typeCheck([rooted(files, '/g')])[0], text).toEqual([]);
      }),
      { numRuns: 25, seed: 5 },
    );
  }, 120_000);
});
