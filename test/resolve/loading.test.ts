/** Loading from in-memory directories: deps/, nested packages, extra package folders, several errors at once. */
import { describe, expect, it } from 'vitest';
import { loadSources, memoryHost, loadPath, selectWorld } from '../../src/resolve/index.js';
import { firstError } from './helpers.js';

describe('loading', () => {
  it('reads a directory package with deps/ (folders and single files), ignoring other files', () => {
    const r = loadSources(
      {
        'p/a.wit': 'package x:main;\ninterface a { use x:dep/d.{t}; }\n',
        'p/b.wit': 'world w { import a; import x:file/f; }\n',
        'p/deps/anything/d.wit': 'package x:dep;\ninterface d { type t = u8; }\n',
        'p/deps/single.wit': 'package x:file;\ninterface f {}\n',
        'p/deps/notes.txt': 'not wit',
      },
      'p',
    );
    expect(firstError(r)).toBeUndefined();
    const names = r.resolve!.packages.map((p) => `${p.name.namespace}:${p.name.name}`);
    // deps are appended before the package that uses them, in name order otherwise.
    expect(names).toEqual(['x:dep', 'x:file', 'x:main']);
    expect(r.main).toEqual([2]);
  });

  it('prefixes errors with wit-parser context layers for directories', () => {
    const r = loadSources({ 'p/a.wit': 'package x:main;\nworld w { import nope; }\n' }, 'p');
    expect(firstError(r)).toBe(
      'failed to resolve directory while parsing WIT for path [p]: failed to parse package: p: interface or world `nope` does not exist @2:18',
    );
  });

  it('reports independent errors of several packages and interfaces in one run', () => {
    const r = loadSources(
      {
        't.wit':
          'package a:b;\ninterface i {\n  type t = nope;\n}\ninterface j {\n  f: func(x: missing);\n  g: func(y: also-missing);\n}\npackage c:d {\n  interface k { type u = gone; }\n}\n',
      },
      't.wit',
    );
    const messages = r.diagnostics.map((d) => d.message);
    // The nested package is resolved first (wit-parser reports its error), then the root's three errors.
    expect(messages).toEqual([
      'type `gone` does not exist',
      'type `nope` does not exist',
      'name `missing` does not exist',
      'name `also-missing` does not exist',
    ]);
  });

  it('goes on after a bad type definition without repeating its error', () => {
    const r = loadSources(
      {
        't.wit':
          'package a:b;\ninterface i {\n  enum e {}\n  type m = map<e, u8>;\n  record r { a: e }\n  f: func(x: e);\n  g: func(x: missing);\n}\n',
      },
      't.wit',
    );
    // The map key, the record field and `f` name the failed enum: nothing more to say about them.
    expect(r.diagnostics.map((d) => d.message)).toEqual(['empty enum', 'name `missing` does not exist']);
  });

  it('reports every unknown type name of a scope', () => {
    const r = loadSources(
      { 't.wit': 'package a:b;\ninterface i {\n  type a = nope1;\n  record r { x: a, y: nope2 }\n  f: func(q: nope3, p: r);\n}\n' },
      't.wit',
    );
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'type `nope1` does not exist',
      'type `nope2` does not exist',
      'name `nope3` does not exist',
    ]);
  });

  it('goes on linking after an error: every function, world item and world', () => {
    const r = loadSources(
      {
        't.wit':
          'package a:b;\ninterface i {\n  resource r;\n  f: func() -> borrow<r>;\n  g: func() -> option<borrow<r>>;\n}\nworld v {\n  export x: func();\n  export X: func();\n}\nworld w {\n  import h: func() -> borrow<r>;\n  resource r;\n}\n',
      },
      't.wit',
    );
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'function `f` returns a type which contains a `borrow<T>` which is not supported',
      'function `g` returns a type which contains a `borrow<T>` which is not supported',
      'function `h` returns a type which contains a `borrow<T>` which is not supported',
      'export `X` in world `v` conflicts with export `x` (kebab-case identifiers are case-insensitive)',
    ]);
  });

  it('points at the first definition of a duplicate', () => {
    const r = loadSources({ 't.wit': 'package a:b;\ninterface i {\n  type t = u8;\n  type t = u16;\n}\n' }, 't.wit');
    const label = r.diagnostics[0]!.labels[0]!;
    expect(label.message).toBe('first defined here');
    expect(label.span.source.position(label.span.start)).toEqual({ line: 3, column: 8 });
  });

  it('suggests close names', () => {
    const r = loadSources({ 't.wit': 'package a:b;\ninterface i {\n  record point { x: u32 }\n  f: func(p: pont);\n}\n' }, 't.wit');
    expect(r.diagnostics[0]!.notes).toContain('did you mean `point`?');
    const r2 = loadSources({ 't.wit': 'package a:b;\ninterface api {}\nworld w { import apj; }\n' }, 't.wit');
    expect(r2.diagnostics[0]!.notes).toContain('did you mean `api`?');
  });

  it('loads extra package folders only when referenced, and a deps/ package wins', () => {
    const files = {
      'p/a.wit': 'package x:main;\nworld w { import wasi:demo/i; }\n',
      'p/deps/demo/d.wit': 'package wasi:demo@1.0.0;\ninterface i {}\n',
      'builtin/demo/d.wit': 'package wasi:demo@2.0.0;\ninterface i {}\n',
      'builtin/broken/b.wit': 'package wasi:broken;\ninterface {',
    };
    const r = loadPath(memoryHost(files), 'p', { packageDirs: ['builtin/demo', 'builtin/broken'] });
    expect(firstError(r)).toBeUndefined();
    expect(r.resolve!.packages.map((p) => p.name.version?.major)).toEqual([1, undefined]);
    const r2 = loadPath(memoryHost({ 'm.wit': 'package x:main;\nworld w { import wasi:demo/i; }\n', ...files }), 'm.wit', {
      packageDirs: ['builtin/demo', 'builtin/broken'],
    });
    expect(firstError(r2)).toBeUndefined();
    expect(r2.resolve!.packages[0]!.name.version?.major).toBe(2);
  });

  it('asks for extra package folders given as a function only when a reference is missing, and once', () => {
    const files = {
      'p/a.wit': 'package x:main;\nworld w { import wasi:demo/i; }\n',
      'p/deps/demo/d.wit': 'package wasi:demo@1.0.0;\ninterface i {}\n',
      'm.wit': 'package x:main;\nworld w { import wasi:demo/i; import wasi:other/o; }\n',
      'builtin/demo/d.wit': 'package wasi:demo@2.0.0;\ninterface i {}\n',
      'builtin/other/o.wit': 'package wasi:other@1.0.0;\ninterface o {}\n',
    };
    const asked: string[] = [];
    const options = {
      packageDirs: () => (asked.push('dirs'), ['builtin/demo', 'builtin/other']),
      packageDirsLabel: () => (asked.push('label'), 'the test folders'),
    };
    // deps/ has every package the root refers to: the folders are never asked for.
    const r = loadPath(memoryHost(files), 'p', options);
    expect(firstError(r)).toBeUndefined();
    expect(asked).toEqual([]);
    // Two packages come from the folders: asked for once; no "not found" note, so no label.
    const r2 = loadPath(memoryHost(files), 'm.wit', options);
    expect(firstError(r2)).toBeUndefined();
    expect(r2.resolve!.packages.map((p) => `${p.name.name}@${p.name.version?.major}`)).toEqual(['demo@2', 'other@1', 'main@undefined']);
    expect(asked).toEqual(['dirs']);
    // A package that is nowhere: the note names the folders with the label.
    asked.length = 0;
    const r3 = loadPath(memoryHost({ ...files, 'n.wit': 'package x:main;\nworld w { import wasi:gone/g; }\n' }), 'n.wit', options);
    expect(firstError(r3)).toMatch(/package 'wasi:gone' not found/);
    expect(r3.diagnostics[0]!.notes.join('\n')).toMatch(/looked in: .*the test folders/);
    expect(asked).toEqual(['dirs', 'label']);
  });

  it('says where it looked for a missing package', () => {
    const r = loadSources({ 'm.wit': 'package x:main;\nworld w { export wasi:http/handler; }\n' }, 'm.wit', { packageDirs: [] });
    const d = r.diagnostics[0]!;
    expect(d.message).toBe("package 'wasi:http' not found. known packages:\n    x:main");
    expect(d.notes.join('\n')).toMatch(/deps\//);
    expect(d.notes.join('\n')).toMatch(/--deps DIR/);
  });

  it('selects worlds', () => {
    const r = loadSources({ 'm.wit': 'package x:main;\nworld one {}\nworld two {}\n' }, 'm.wit');
    expect(selectWorld(r.resolve!, r.main).diagnostics[0]!.message).toMatch(/multiple worlds/);
    expect(selectWorld(r.resolve!, r.main, 'two').world).toBe(1);
    expect(selectWorld(r.resolve!, r.main, 'x:main/one').world).toBe(0);
    expect(selectWorld(r.resolve!, r.main, 'tow').diagnostics[0]!.notes).toContain('did you mean `two`?');
  });
});
