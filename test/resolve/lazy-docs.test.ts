/**
 * Doc text of types, functions, fields, cases and flags is computed on first read (items.ts). Reading it must give
 * the text the comments say (written out by hand here), also for items copied by `include`, and it can be set.
 */
import { describe, expect, it } from 'vitest';
import type { Resolve } from '../../src/resolve/index.js';
import { load } from './helpers.js';

const SOURCE = `package a:b;
interface i {
  /// a record
  record r {
    /// field x
    x: u8,
    y: u16,
  }
  /// a variant
  variant v {
    /// case one
    one(u8),
    two,
  }
  /// an enum
  enum e {
    /// case a
    a,
  }
  /// some flags
  flags f {
    /// flag p
    p,
  }
  /// a resource
  resource res {
    /// makes one
    constructor();
    /// a method
    m: func();
  }
  /// a function
  ///   indented
  run: func(a: r) -> v;
}
world base {
  /// a world type
  type t = u32;
  /// a world record
  record wr {
    /// a world field
    z: t,
  }
  /// a world function
  import go: func(x: wr);
}
world top {
  include base;
}
`;

function loaded(): Resolve {
  const r = load(SOURCE);
  if (!r.resolve) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.resolve;
}

function typeNamed(resolve: Resolve, name: string, owner: { world: number } | { interface: number }) {
  const t = resolve.types.find((x) => x.name === name && JSON.stringify(x.owner) === JSON.stringify(owner));
  if (!t) throw new Error(`no type ${name}`);
  return t;
}

describe('lazy doc text', () => {
  it('gives the text of every kind of item on first read', () => {
    const resolve = loaded();
    const owner = { interface: 0 };
    const r = typeNamed(resolve, 'r', owner);
    expect(r.docs).toBe('a record');
    if (r.kind.tag !== 'record') throw new Error('not a record');
    expect(r.kind.fields.map((f) => f.docs)).toEqual(['field x', undefined]);
    const v = typeNamed(resolve, 'v', owner);
    if (v.kind.tag !== 'variant') throw new Error('not a variant');
    expect([v.docs, ...v.kind.cases.map((c) => c.docs)]).toEqual(['a variant', 'case one', undefined]);
    const e = typeNamed(resolve, 'e', owner);
    if (e.kind.tag !== 'enum') throw new Error('not an enum');
    expect([e.docs, e.kind.cases[0]!.docs]).toEqual(['an enum', 'case a']);
    const f = typeNamed(resolve, 'f', owner);
    if (f.kind.tag !== 'flags') throw new Error('not flags');
    expect([f.docs, f.kind.flags[0]!.docs]).toEqual(['some flags', 'flag p']);
    expect(typeNamed(resolve, 'res', owner).docs).toBe('a resource');
    const fns = resolve.interfaces[0]!.functions;
    expect(fns.get('[constructor]res')!.docs).toBe('makes one');
    expect(fns.get('[method]res.m')!.docs).toBe('a method');
    expect(fns.get('run')!.docs).toBe('a function\n  indented');
    // Anonymous types have none.
    expect(resolve.types.filter((t) => t.name === null).map((t) => t.docs)).toEqual(resolve.types.filter((t) => t.name === null).map(() => undefined));
  });

  it('keeps the docs of items copied by include', () => {
    const resolve = loaded();
    const top = resolve.worlds.findIndex((w) => w.name === 'top');
    expect(typeNamed(resolve, 't', { world: top }).docs).toBe('a world type');
    const wr = typeNamed(resolve, 'wr', { world: top });
    expect(wr).not.toBe(typeNamed(resolve, 'wr', { world: top - 1 }));
    expect(wr.docs).toBe('a world record');
    if (wr.kind.tag !== 'record') throw new Error('not a record');
    expect(wr.kind.fields[0]!.docs).toBe('a world field');
    const go = resolve.worlds[top]!.imports.get('go')!.item;
    if (go.tag !== 'function') throw new Error('not a function');
    expect(go.func.docs).toBe('a world function');
  });

  it('can be replaced', () => {
    const resolve = loaded();
    const r = typeNamed(resolve, 'r', { interface: 0 });
    r.docs = 'other';
    expect(r.docs).toBe('other');
    r.docs = undefined;
    expect(r.docs).toBeUndefined();
  });
});
