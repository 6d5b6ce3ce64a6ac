/**
 * The JSON model on small packages whose ids are worked out by hand from wit-parser's numbering rules
 * (../shared/notes/resolve-json.md §5) — not produced by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { resolveToJson } from '../../src/resolve/index.js';
import { load } from './helpers.js';

function toJson(src: string): { text: string; value: any } {
  const r = load(src);
  if (!r.resolve) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const text = resolveToJson(r.resolve);
  return { text, value: JSON.parse(text) };
}

describe('Resolve JSON', () => {
  it('numbers a resource, its self borrow, an anonymous list and a synthesised own handle', () => {
    const { value } = toJson(
      'package foo:demo;\ninterface api {\n  resource conn {\n    send: func(b: list<u8>);\n  }\n  open: func() -> conn;\n}\n',
    );
    expect(value.types).toEqual([
      { name: 'conn', kind: 'resource', owner: { interface: 0 } },
      { name: null, kind: { handle: { borrow: 0 } }, owner: null },
      { name: null, kind: { list: 'u8' }, owner: null },
      { name: null, kind: { handle: { own: 0 } }, owner: null },
    ]);
    expect(Object.keys(value.interfaces[0].functions)).toEqual(['[method]conn.send', 'open']);
    expect(value.interfaces[0].functions['[method]conn.send']).toEqual({
      name: '[method]conn.send',
      kind: { method: 0 },
      params: [
        { name: 'self', type: 1 },
        { name: 'b', type: 2 },
      ],
    });
    expect(value.interfaces[0].functions.open).toEqual({ name: 'open', kind: 'freestanding', params: [], result: 3 });
    expect(value.packages).toEqual([{ name: 'foo:demo', interfaces: { api: 0 }, worlds: {} }]);
    expect(value.worlds).toEqual([]);
  });

  it('sorts types topologically and shares anonymous types within a package', () => {
    const { value } = toJson('package a:b;\ninterface i {\n  type foo = bar;\n  type bar = u32;\n  type x = list<u8>;\n  f: func(a: list<u8>);\n}\n');
    expect(value.types.map((t: any) => t.name)).toEqual(['bar', 'foo', 'x', null]);
    expect(value.types[2].kind).toEqual({ list: 'u8' });
    // `list<u8>` in the signature is a new anonymous type (the named `x` is not anonymous).
    expect(value.types[3]).toEqual({ name: null, kind: { list: 'u8' }, owner: null });
    expect(value.interfaces[0].functions.f.params[0].type).toBe(3);
  });

  it('prints like serde_json: two spaces, empty containers inline, no trailing newline', () => {
    const { text } = toJson('package a:b;\ninterface i {}\n');
    expect(text).toBe(
      [
        '{',
        '  "worlds": [],',
        '  "interfaces": [',
        '    {',
        '      "name": "i",',
        '      "types": {},',
        '      "functions": {},',
        '      "package": 0',
        '    }',
        '  ],',
        '  "types": [],',
        '  "packages": [',
        '    {',
        '      "name": "a:b",',
        '      "interfaces": {',
        '        "i": 0',
        '      },',
        '      "worlds": {}',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('elaborates world imports: dependencies first, then the interface', () => {
    const { value } = toJson(
      'package a:b;\ninterface base { type t = u8; }\ninterface top { use base.{t}; }\nworld w {\n  import top;\n  export run: func();\n}\n',
    );
    expect(Object.keys(value.worlds[0].imports)).toEqual(['interface-0', 'interface-1']);
    expect(Object.keys(value.worlds[0].exports)).toEqual(['run']);
  });

  it('keeps docs, stability and versions', () => {
    const { value } = toJson('/// the package\npackage a:b@1.2.0;\n/// an interface\n@since(version = 1.0.0)\ninterface i {}\n');
    expect(value.packages[0].name).toBe('a:b@1.2.0');
    expect(value.packages[0].docs).toEqual({ contents: 'the package' });
    expect(value.interfaces[0].docs).toEqual({ contents: 'an interface' });
    expect(value.interfaces[0].stability).toEqual({ stable: { since: '1.0.0' } });
  });

  it('drops gated-off items and compacts ids', () => {
    const { value } = toJson('package a:b;\ninterface i {\n  @unstable(feature = off)\n  type g = u8;\n  type t = u16;\n}\n');
    expect(value.types).toEqual([{ name: 't', kind: { type: 'u16' }, owner: { interface: 0 } }]);
    expect(value.interfaces[0].types).toEqual({ t: 0 });
  });
});

describe('newer annotations', () => {
  it('imports one interface under two labels (implements)', () => {
    const { value } = toJson(
      'package a:b;\ninterface store {\n  get: func() -> option<string>;\n}\nworld w {\n  import primary: store;\n  import backup: store;\n}\n',
    );
    expect(value.worlds[0].imports).toEqual({ primary: { interface: { id: 0 } }, backup: { interface: { id: 0 } } });
    expect(value.interfaces.map((i: any) => i.name)).toEqual(['store']);
  });

  it('keeps @external-id on types, functions and world items, after the other members', () => {
    const { text, value } = toJson(
      'package a:b;\ninterface i {\n  @external-id("t-1")\n  type t = u8;\n  @external-id("f-1")\n  f: func();\n}\nworld w {\n  @external-id("imp")\n  import i;\n}\n',
    );
    expect(value.types[0]).toEqual({ name: 't', kind: { type: 'u8' }, owner: { interface: 0 }, external_id: 't-1' });
    expect(Object.keys(value.interfaces[0].functions.f)).toEqual(['name', 'kind', 'params', 'external_id']);
    expect(value.worlds[0].imports['interface-0']).toEqual({ interface: { id: 0, external_id: 'imp' } });
    expect(text).toContain('"external_id": "f-1"');
  });
});

describe('include', () => {
  it('clones world-owned types and renames resource members with `with`', () => {
    const { value } = toJson(
      'package a:b;\nworld base {\n  resource r { constructor(); m: func(); }\n  import f: func(x: r);\n}\nworld top {\n  include base with { r as s, f as g }\n}\n',
    );
    // base: r=0, borrow<r>=1 (self of m), own<r>=2 (synthesised while linking the constructor result);
    // top: the clone s=3, then own<s>=4 (via g's param), borrow<s>=5 (via m's self).
    expect(value.types.map((t: any) => [t.name, t.kind, t.owner])).toEqual([
      ['r', 'resource', { world: 0 }],
      [null, { handle: { borrow: 0 } }, null],
      [null, { handle: { own: 0 } }, null],
      ['s', 'resource', { world: 1 }],
      [null, { handle: { own: 3 } }, null],
      [null, { handle: { borrow: 3 } }, null],
    ]);
    const top = value.worlds[1];
    expect(Object.keys(top.imports)).toEqual(['s', 'g', '[constructor]s', '[method]s.m']);
    expect(top.imports['[method]s.m'].function).toEqual({
      name: '[method]s.m',
      kind: { method: 3 },
      params: [{ name: 'self', type: 5 }],
    });
    expect(top.imports.g.function.params).toEqual([{ name: 'x', type: 4 }]);
  });

  it('copies an included inline interface with clone_of', () => {
    const { value } = toJson('package a:b;\nworld base {\n  import x: interface { f: func(); }\n}\nworld top {\n  include base;\n}\n');
    expect(value.interfaces.map((i: any) => [i.name, i.clone_of])).toEqual([
      [null, undefined],
      [null, 0],
    ]);
    expect(value.worlds[1].imports).toEqual({ x: { interface: { id: 1 } } });
  });
});
