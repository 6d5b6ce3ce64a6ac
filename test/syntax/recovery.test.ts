import { describe, expect, it } from 'vitest';
import type * as A from '../../src/syntax/ast.js';
import { parse } from '../../src/syntax/index.js';

describe('error recovery', () => {
  it('reports independent errors and keeps the items around them', () => {
    const text = `package a:b;
interface i {
  good1: func();
  bad: func(a: u8 b: u8);
  good2: func();
  record r { a: u32 b: u32 }
  type t = u8;
}
world w {
  import ;
  export e;
}
interface j {}
`;
    const r = parse(text, 'r.wit');
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "expected ')', found an identifier",
      "expected '}', found an identifier",
      "expected an identifier or string, found ';'",
    ]);
    expect(r.file.package?.name.name.name).toBe('b');
    expect(r.file.items.map((i) => i.kind)).toEqual(['Interface', 'World', 'Interface']);
    const i = r.file.items[0] as A.Interface;
    expect(i.items.map((x) => ('name' in x ? x.name.name : x.kind))).toEqual(['good1', 'good2', 't']);
    const w = r.file.items[1] as A.World;
    expect(w.items.map((x) => x.kind)).toEqual(['Export']);
  });

  it('recovers inside nested bodies: resources and inline interfaces', () => {
    const text = `world w {
  import x: interface {
    f: func() -> ;
    g: func();
  }
  resource r {
    async constructor();
    m: func();
  }
}`;
    const r = parse(text, 'r.wit');
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "expected a type, found ';'",
      'expected `constructor` or identifier, found keyword `async`',
    ]);
    const w = r.file.items[0] as A.World;
    const inline = (w.items[0] as A.Import).item as A.ExternInterface;
    expect(inline.items.map((x) => (x as A.FuncItem).name.name)).toEqual(['g']);
    const res = w.items[1] as A.Resource;
    // Only the stray `async` is skipped: the constructor after it is kept.
    expect(res.members?.map((m) => (m.kind === 'Method' ? m.name.name : m.kind))).toEqual(['Constructor', 'm']);
  });

  it('gives the lists after a failed item only their own members', () => {
    // Lists are collected on one stack shared by nested lists; an item abandoned halfway through its lists must
    // not leave members behind for the next item's lists.
    const text = `interface i {
  f: func(a: u8, b: tuple<u8, u16, ;
  g: func(c: u32, d: tuple<u64, s8>) -> tuple<string, char>;
  record r { x: tuple<u8, tuple<u16, bad bad>>, }
  record s { y: u8, z: list<tuple<u8, u8>, 2> }
}
interface j {
  w: func(p1: u8, p2: u8, p3: u8, p4: u8, p5: u8, p6: u8, p7: u8, p8: u8, p9: u8, p10: u8);
}`;
    const r = parse(text, 'r.wit');
    expect(r.diagnostics).toHaveLength(2);
    const [i, j] = r.file.items as A.Interface[];
    expect(i!.items.map((x) => ('name' in x ? x.name.name : x.kind))).toEqual(['g', 's']);
    const g = (i!.items[0] as A.FuncItem).func;
    expect(g.params.map((p) => p.name.name)).toEqual(['c', 'd']);
    expect((g.params[1]!.type as A.TupleType).types.map((t) => (t as A.PrimitiveType).name)).toEqual(['u64', 's8']);
    expect((g.result as A.TupleType).types.map((t) => (t as A.PrimitiveType).name)).toEqual(['string', 'char']);
    const s = i!.items[1] as A.Record;
    expect(s.fields.map((f) => f.name.name)).toEqual(['y', 'z']);
    const inner = ((s.fields[1]!.type as A.ListType).element as A.TupleType).types;
    expect(inner).toHaveLength(2);
    // Longer than the literal copies: built item by item.
    expect((j!.items[0] as A.FuncItem).func.params.map((p) => p.name.name)).toEqual(
      Array.from({ length: 10 }, (_, k) => `p${k + 1}`),
    );
  });

  it('reports the error at the end of input only once', () => {
    const r = parse('interface i {\n  record r {', 'r.wit');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['expected an identifier or string, found eof']);
  });

  it('skips stray tokens at the top level', () => {
    const r = parse('} ; 42 interface i {}', 'r.wit');
    expect(r.diagnostics[0]!.message).toBe("expected `world`, `interface` or `use`, found '}'");
    expect(r.file.items.map((i) => i.kind)).toEqual(['Interface']);
  });
});

describe('hints', () => {
  it('suggests escaping keywords used as names', () => {
    const d = parse('interface i { type option = u32; }', 'h.wit').diagnostics[0]!;
    expect(d.notes).toEqual(['to use a keyword as a name, escape it: `%option`']);
  });
  it('explains kebab-case', () => {
    expect(parse('interface Foo {}', 'h.wit').diagnostics[0]!.notes[0]).toMatch(/kebab-case/);
  });
});

describe('nesting limits', () => {
  it('rejects the 101st nested type at its first token', () => {
    // (Whether wit-parser accepts exactly 100 nested lists is not covered by its tests; 99 certainly parse.)
    const ok = `interface i { type t = ${'list<'.repeat(99)}u8${'>'.repeat(99)}; }`;
    expect(parse(ok, 'n.wit').diagnostics).toEqual([]);
    const deep = `interface i { type t = ${'list<'.repeat(101)}u8${'>'.repeat(101)}; }`;
    const d = parse(deep, 'n.wit').diagnostics[0]!;
    expect(d.message).toBe('type nesting too deep');
    expect(d.span!.start).toBe(deep.indexOf('list<') + 100 * 'list<'.length);
    expect(d.span!.end - d.span!.start).toBe(4);
  });

  it('rejects the 101st nested package block at its keyword', () => {
    const nest = (n: number) => `package a:b;\n${'package a:c {\n'.repeat(n)}${'}\n'.repeat(n)}`;
    expect(parse(nest(100), 'n.wit').diagnostics.map((d) => d.message)).not.toContain('package nesting too deep');
    const d = parse(nest(101), 'n.wit').diagnostics.find((x) => x.message === 'package nesting too deep')!;
    expect(d.span!.source.position(d.span!.start)).toEqual({ line: 102, column: 1 });
  });
});

describe('versions', () => {
  it('needs an id or integer after `-` and `+`', () => {
    expect(parse('package a:b@1.0.0-list;', 'v.wit').diagnostics[0]!.message).toBe('expected an id or integer, found keyword `list`');
    expect(parse('package a:b@1.0.0+;', 'v.wit').diagnostics[0]!.message).toBe("expected an id or integer, found ';'");
  });
  it('stops before `.{` in use paths', () => {
    expect(parse('interface i { use a:b/c@1.0.0-rc.1.{x}; }', 'v.wit').diagnostics).toEqual([]);
  });
});
