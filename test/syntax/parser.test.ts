import { describe, expect, it } from 'vitest';
import type * as A from '../../src/syntax/ast.js';
import { docsContents } from '../../src/syntax/docs.js';
import { ifaceItem, parseOk, spanText, strip, typeOf } from './helpers.js';

const id = (name: string, escaped = false) => ({ kind: 'Id', name, escaped });

describe('packages and top-level items', () => {
  it('parses a header with a full semver', () => {
    const f = parseOk('package wasi:http@0.3.0-rc-2026-01-01+b.1;');
    expect(strip(f.package)).toEqual({
      kind: 'PackageDecl',
      attributes: [],
      name: {
        kind: 'PackageName',
        namespace: id('wasi'),
        name: id('http'),
        version: { kind: 'Version', text: '0.3.0-rc-2026-01-01+b.1', major: 0, minor: 3, patch: 0, pre: 'rc-2026-01-01', build: 'b.1' },
      },
    });
    expect(spanText(f.package!)).toBe('package wasi:http@0.3.0-rc-2026-01-01+b.1;');
  });

  it('parses nested package blocks and top-level use', () => {
    const f = parseOk('package a:b;\nuse x:y/z@1.0.0 as q;\npackage c:d@2.0.0 { interface i {} world w {} use i as j; }');
    expect(f.items.map((i) => i.kind)).toEqual(['TopLevelUse', 'NestedPackage']);
    const nested = f.items[1] as A.NestedPackage;
    expect(nested.items.map((i) => i.kind)).toEqual(['Interface', 'World', 'TopLevelUse']);
    expect(strip((f.items[0] as A.TopLevelUse).path)).toEqual({
      kind: 'PackagePath',
      namespace: id('x'),
      package: id('y'),
      name: id('z'),
      version: { kind: 'Version', text: '1.0.0', major: 1, minor: 0, patch: 0, pre: '', build: '' },
    });
  });

  it('treats a package header after other items as a block', () => {
    const f = parseOk('interface i {}\npackage a:b {}');
    expect(f.package).toBeUndefined();
    expect(f.items.map((i) => i.kind)).toEqual(['Interface', 'NestedPackage']);
  });

  it('accepts %-escaped keywords as names', () => {
    const f = parseOk('package test:%async;\ninterface %record { type %type = %record; }');
    expect(f.package!.name.name).toEqual(expect.objectContaining({ name: 'async', escaped: true }));
    const iface = f.items[0] as A.Interface;
    expect(strip(iface.items[0])).toEqual({
      kind: 'TypeAlias',
      attributes: [],
      name: id('type', true),
      type: { kind: 'Named', name: id('record', true) },
    });
  });
});

describe('types', () => {
  it('parses primitives and error-context', () => {
    for (const p of ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string', 'error-context']) {
      expect(strip(typeOf(p))).toEqual({ kind: 'Primitive', name: p });
    }
  });

  it('parses lists, fixed-length lists, options, tuples and maps', () => {
    expect(strip(typeOf('list<u8>'))).toEqual({ kind: 'List', element: { kind: 'Primitive', name: 'u8' } });
    const fixed = typeOf('list<u8, 4>') as A.ListType;
    expect(fixed.length?.value).toBe(4);
    expect(spanText({ span: fixed.length!.span })).toBe('4');
    expect(strip(typeOf('option<x>'))).toEqual({ kind: 'Option', inner: { kind: 'Named', name: id('x') } });
    expect((typeOf('tuple<>') as A.TupleType).types).toEqual([]);
    expect((typeOf('tuple<u8, u16,>') as A.TupleType).types).toHaveLength(2);
    expect(strip(typeOf('map<string, list<u8>>'))).toEqual({
      kind: 'Map',
      key: { kind: 'Primitive', name: 'string' },
      value: { kind: 'List', element: { kind: 'Primitive', name: 'u8' } },
    });
  });

  it('parses every result form', () => {
    expect(strip(typeOf('result'))).toEqual({ kind: 'Result' });
    expect(strip(typeOf('result<u8>'))).toEqual({ kind: 'Result', ok: { kind: 'Primitive', name: 'u8' } });
    expect(strip(typeOf('result<_, u8>'))).toEqual({ kind: 'Result', err: { kind: 'Primitive', name: 'u8' } });
    expect(strip(typeOf('result<u8, s8>'))).toEqual({
      kind: 'Result',
      ok: { kind: 'Primitive', name: 'u8' },
      err: { kind: 'Primitive', name: 's8' },
    });
  });

  it('parses futures, streams and handles', () => {
    expect(strip(typeOf('future'))).toEqual({ kind: 'Future' });
    expect(strip(typeOf('stream<u8>'))).toEqual({ kind: 'Stream', payload: { kind: 'Primitive', name: 'u8' } });
    expect(strip(typeOf('borrow<r>'))).toEqual({ kind: 'Handle', handle: 'borrow', resource: id('r') });
    expect(strip(typeOf('own<r>'))).toEqual({ kind: 'Handle', handle: 'own', resource: id('r') });
  });

  it('gives type expressions spans covering their text', () => {
    const t = typeOf('result<list<u8, 2>, option<borrow<r>>>') as A.ResultType;
    expect(spanText(t)).toBe('result<list<u8, 2>, option<borrow<r>>>');
    expect(spanText(t.err!)).toBe('option<borrow<r>>');
  });
});

describe('type definitions', () => {
  it('parses records, flags, variants and enums with trailing commas', () => {
    expect(strip(ifaceItem('record r { a: u8, b: string, }'))).toMatchObject({
      kind: 'Record',
      fields: [{ kind: 'Field', name: id('a') }, { kind: 'Field', name: id('b') }],
    });
    expect(strip(ifaceItem('flags f { a, b }'))).toMatchObject({ kind: 'Flags', flags: [{ name: id('a') }, { name: id('b') }] });
    expect(strip(ifaceItem('variant v { a, b(u8), }'))).toEqual({
      kind: 'Variant',
      attributes: [],
      name: id('v'),
      cases: [
        { kind: 'VariantCase', name: id('a') },
        { kind: 'VariantCase', name: id('b'), type: { kind: 'Primitive', name: 'u8' } },
      ],
    });
    expect(strip(ifaceItem('enum e { x }'))).toMatchObject({ kind: 'Enum', cases: [{ kind: 'EnumCase', name: id('x') }] });
    expect((ifaceItem('record r {}') as A.Record).fields).toEqual([]);
  });

  it('parses resources with constructors, methods, statics and async', () => {
    expect((ifaceItem('resource r;') as A.Resource).members).toBeUndefined();
    const r = ifaceItem(`resource r {
      constructor(a: u32) -> result<r, string>;
      m: func(x: u8) -> u8;
      s: static func();
      sa: static async func();
      am: async func();
    }`) as A.Resource;
    expect(r.members!.map((m) => (m.kind === 'Method' ? `${m.name.name}:${m.static}:${m.func.async}` : 'ctor'))).toEqual([
      'ctor',
      'm:false:false',
      's:true:false',
      'sa:true:true',
      'am:false:true',
    ]);
    const ctor = r.members![0] as A.Constructor;
    expect(spanText({ span: ctor.keyword })).toBe('constructor');
    expect(ctor.params.map((p) => p.name.name)).toEqual(['a']);
    expect(ctor.result?.kind).toBe('Result');
  });

  it('parses functions and use statements', () => {
    const f = ifaceItem('f: async func(a: u8, b: string,) -> result;') as A.FuncItem;
    expect(f.func.async).toBe(true);
    expect(f.func.params.map((p) => p.name.name)).toEqual(['a', 'b']);
    expect(spanText(f)).toBe('f: async func(a: u8, b: string,) -> result;');
    const u = ifaceItem('use a:b/c@1.0.0.{x, y as z,};') as A.Use;
    expect(u.names.map((n) => `${n.name.name}/${n.as?.name ?? ''}`)).toEqual(['x/', 'y/z']);
    expect(u.path.kind).toBe('PackagePath');
    expect((ifaceItem('use i.{};') as A.Use).names).toEqual([]);
  });
});

describe('worlds', () => {
  const world = (body: string) => (parseOk(`world w {\n${body}\n}`).items[0] as A.World).items;

  it('distinguishes paths, functions, inline interfaces and labels', () => {
    const items = world(`
      import a;
      import a:b/c@1.0.0;
      import f: async func() -> u8;
      import i: interface { g: func(); }
      import lbl: iface;
      import lbl2: ns:pkg/iface@2.0.0;
      import x:y;
      export e;
    `);
    const kinds = items.map((i) => (i.kind === 'Import' || i.kind === 'Export' ? `${i.kind}:${i.item.kind}` : i.kind));
    expect(kinds).toEqual([
      'Import:ExternPath',
      'Import:ExternPath',
      'Import:ExternFunc',
      'Import:ExternInterface',
      'Import:ExternImplements',
      'Import:ExternImplements',
      'Import:ExternImplements',
      'Export:ExternPath',
    ]);
    const lbl2 = (items[5] as A.Import).item as A.ExternImplements;
    expect(lbl2.label.name).toBe('lbl2');
    expect(lbl2.path.kind).toBe('PackagePath');
    // wit-parser reads `import x:y;` as label `x` implementing local `y`.
    const xy = (items[6] as A.Import).item as A.ExternImplements;
    expect([xy.label.name, xy.path.kind]).toEqual(['x', 'LocalPath']);
  });

  it('parses include with renames (no semicolon after the braces)', () => {
    const items = world('include a:b/c with { x as y, z as q, }\ninclude d;');
    const inc = items[0] as A.Include;
    expect(inc.with.map((n) => `${n.name.name}->${n.as.name}`)).toEqual(['x->y', 'z->q']);
    expect((items[1] as A.Include).with).toEqual([]);
  });

  it('parses world-level types and use', () => {
    const items = world('use i.{t};\ntype a = u8;\nresource r;\nrecord x {}\nflags f {}\nvariant v { a }\nenum e { a }');
    expect(items.map((i) => i.kind)).toEqual(['Use', 'TypeAlias', 'Resource', 'Record', 'Flags', 'Variant', 'Enum']);
  });
});

describe('attributes', () => {
  it('parses gates and external ids on items', () => {
    const f = parseOk(`
      @since(version = 1.2.3)
      @deprecated(version = 2.0.0)
      interface i {
        @unstable(feature = fancy-thing)
        @external-id("ns:\\u{41}")
        f: func();
      }`);
    const i = f.items[0] as A.Interface;
    expect(strip(i.attributes)).toMatchObject([
      { kind: 'Since', version: { text: '1.2.3' } },
      { kind: 'Deprecated', version: { text: '2.0.0' } },
    ]);
    expect(strip(i.items[0]!.attributes)).toEqual([
      { kind: 'Unstable', feature: id('fancy-thing') },
      { kind: 'ExternalId', value: 'ns:A' },
    ]);
    expect(spanText(i.attributes[0]!)).toBe('@since(version = 1.2.3)');
  });
});

describe('docs', () => {
  it('attaches every comment before an item (not those after its attributes)', () => {
    const f = parseOk(`// header docs
package a:b;

/// one
/* two */
@since(version = 1.0.0)
// dropped
interface i {
  /** field docs */
  record r {
    // a doc
    a: u8, // trailing, belongs to b
    b: u8,
  }
}`);
    expect(docsContents(f.package!.docs)).toBe('header docs');
    const i = f.items[0] as A.Interface;
    expect(docsContents(i.docs)).toBe(' one\n* two */');
    const r = i.items[0] as A.Record;
    expect(docsContents(r.docs)).toBe('field docs');
    expect(r.fields.map((x) => docsContents(x.docs))).toEqual(['a doc', 'trailing, belongs to b']);
  });

  it('gives the first item the docs when there is no header', () => {
    const f = parseOk('// x\ninterface i {}');
    expect(docsContents((f.items[0] as A.Interface).docs)).toBe('x');
  });
});

describe('tokens and trivia', () => {
  it('keeps every significant token and every comment', () => {
    const f = parseOk('// c\ninterface i { /* d */ }');
    expect(f.tokens.map((t) => t.image)).toEqual(['interface', 'i', '{', '}']);
    expect(f.comments.map((t) => t.image)).toEqual(['// c', '/* d */']);
  });

  it("gives a file's tokens after other files were parsed (the parser reuses its token list)", () => {
    const first = parseOk('interface first { f: func(a: u8) -> string; }');
    const second = parseOk('/// d\nworld w { import x; export y: func(); }');
    expect(first.tokens.map((t) => t.image).join(' ')).toBe('interface first { f : func ( a : u8 ) -> string ; }');
    expect(first.tokens[1]).toMatchObject({ image: 'first', startOffset: 10, endOffset: 14 });
    expect(second.tokens.map((t) => t.image).join(' ')).toBe('world w { import x ; export y : func ( ) ; }');
    expect(second.comments.map((t) => t.image)).toEqual(['/// d']);
  });
});

describe('grammar', () => {
  it("passes chevrotain's grammar validations", async () => {
    const { WitParser } = await import('../../src/syntax/parser.js');
    expect(() => new WitParser(true)).not.toThrow();
  });
});
