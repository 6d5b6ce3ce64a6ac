/**
 * One case per validation rule: the first error's message and line:col must be wit-parser's (messages from
 * ../shared/notes/wit-features.md §16; positions worked out by hand from the sources below).
 */
import { describe, expect, it } from 'vitest';
import { firstError, load } from './helpers.js';

const cases: [string, string, string][] = [
  ['unknown type in typedef', 'package a:b;\ninterface i {\n  type t = nope;\n}\n', 'type `nope` does not exist @3:12'],
  ['unknown name in signature', 'package a:b;\ninterface i {\n  f: func(x: nope);\n}\n', 'name `nope` does not exist @3:14'],
  ['duplicate type', 'package a:b;\ninterface i {\n  type t = u8;\n  type t = u16;\n}\n', 'name `t` is defined more than once @4:8'],
  ['duplicate function', 'package a:b;\ninterface i {\n  f: func();\n  f: func();\n}\n', 'name `f` is defined more than once @4:3'],
  ['duplicate param', 'package a:b;\ninterface i {\n  f: func(a: u8, a: u8);\n}\n', 'param `a` is defined more than once @3:18'],
  ['type cycle', 'package a:b;\ninterface i {\n  type a = b;\n  type b = a;\n}\n', 'type `b` depends on itself @3:12'],
  ['interface cycle', 'package a:b;\ninterface x {\n  use y.{t};\n  type u = u8;\n}\ninterface y {\n  use x.{u};\n  type t = u8;\n}\n', 'interface or world `y` depends on itself @6:11'],
  ['duplicate interface', 'package a:b;\ninterface x {}\nworld x {}\n', 'duplicate item named `x` @3:7'],
  ['unknown interface import', 'package a:b;\nworld w {\n  import nope;\n}\n', 'interface or world `nope` does not exist @3:10'],
  ['world used as interface', 'package a:b;\nworld v {}\nworld w {\n  import v;\n}\n', 'name `v` is defined as a world, not an interface @4:10'],
  ['interface included', 'package a:b;\ninterface v {}\nworld w {\n  include v;\n}\n', 'name `v` is defined as an interface, not a world @4:11'],
  ['function as type', 'package a:b;\ninterface i {\n  f: func();\n  g: func(x: f);\n}\n', 'cannot use function `f` as a type @4:14'],
  ['use of a function', 'package a:b;\ninterface i {\n  f: func();\n}\ninterface j {\n  use i.{f};\n}\n', 'cannot import function `f` @6:10'],
  ['handle of non-resource', 'package a:b;\ninterface i {\n  type t = u8;\n  type h = own<t>;\n}\n', 'type `t` used in a handle must be a resource @4:16'],
  ['duplicate constructors', 'package a:b;\ninterface i {\n  resource r {\n    constructor();\n    constructor();\n  }\n}\n', 'duplicate constructors @5:5'],
  ['duplicate method', 'package a:b;\ninterface i {\n  resource r {\n    m: func();\n    m: static func();\n  }\n}\n', 'duplicate function name `m` @5:5'],
  ['constructor result not a result', 'package a:b;\ninterface i {\n  resource r {\n    constructor() -> u8;\n  }\n}\n', 'if a constructor return type is declared it must be a `result` @4:22'],
  ['constructor ok type', 'package a:b;\ninterface i {\n  resource r {\n    constructor() -> result<u8>;\n  }\n}\n', 'the `ok` type must be the resource being constructed @4:29'],
  ['empty enum', 'package a:b;\ninterface i {\n  enum e {}\n}\n', 'empty enum @3:8'],
  ['empty variant', 'package a:b;\ninterface i {\n  variant v {}\n}\n', 'empty variant @3:11'],
  ['map key', 'package a:b;\ninterface i {\n  type s = string;\n  type m = map<s, u8>;\n}\n', 'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string @4:12'],
  ['borrow in result', 'package a:b;\ninterface i {\n  resource r;\n  f: func() -> borrow<r>;\n}\n', 'function `f` returns a type which contains a `borrow<T>` which is not supported @4:3'],
  ['import twice', 'package a:b;\ninterface i {}\nworld w {\n  import i;\n  import i;\n}\n', 'interface cannot be imported more than once @5:10'],
  ['world name clash', 'package a:b;\nworld w {\n  import x: func();\n  import x: interface {}\n}\n', 'import `x` conflicts with prior func of same name @4:10'],
  ['world type clash', 'package a:b;\nworld w {\n  type x = u8;\n  import x: func();\n}\n', 'import `x` conflicts with prior type of same name @4:10'],
  ['include rename of unknown name', 'package a:b;\nworld v { import f: func(); }\nworld w {\n  include v with { g as h }\n}\n', 'no import or export kebab-name `g`. Note that an ID does not support renaming @4:11'],
  ['include shadowing', 'package a:b;\nworld v { import f: func(); }\nworld w {\n  import f: func();\n  include v;\n}\n', 'import of `f` shadows previously imported items @5:11'],
  ['case-insensitive names', 'package a:b;\nworld w {\n  export get: func();\n  export GET: func();\n}\n', 'export `GET` in world `w` conflicts with export `get` (kebab-case identifiers are case-insensitive)'],
  ['excluded type', 'package a:b;\ninterface i {\n  @unstable(feature = off)\n  type g = u8;\n  type t = g;\n}\n', 'found a reference to a type which is excluded due to its feature not being activated @5:8'],
  ['since without version', 'package a:b;\n@since(version = 1.0.0)\ninterface i {}\n', 'package [a:b] contains a feature gate with a version specifier, so it must have a version @3:11'],
  ['since too new', 'package a:b@1.0.0;\n@since(version = 2.0.0)\ninterface i {}\n', 'feature gate cannot reference unreleased version 2.0.0 of package [a:b@1.0.0] (current version 1.0.0) @3:11'],
  ['missing package header', 'interface i {}\n', 'no `package` header was found in any WIT file for this package'],
  ['unknown package', 'package a:b;\nworld w {\n  import c:d/e;\n}\n', "package 'c:d' not found. known packages:\n    a:b @3:10"],
  ['foreign interface missing', 'package a:b;\nworld w {\n  import c:d/nope;\n}\npackage c:d {\n  interface e {}\n}\n', "interface 'nope' not found in package 'c:d' @3:14"],
  // wit-parser's walk: c:d (first by name) visits e:f, which visits c:d again, whose edge to e:f closes the cycle.
  ['package cycle', 'package a:b;\npackage c:d {\n  interface x { use e:f/y.{}; }\n}\npackage e:f {\n  interface y { use c:d/x.{}; }\n}\n', 'package `e:f` creates a dependency cycle @3:21'],
  ['export elaboration conflict', 'package a:b;\ninterface x { type t = u8; }\ninterface y { use x.{t}; }\nworld w {\n  export x;\n  import y;\n  export z: interface { use y.{t}; }\n}\n', 'interface `z` transitively depends on an interface in incompatible ways @4:7'],
  // Found by differential fuzzing against jco 1.35 (wit-parser 0.259): which error comes first.
  ['constructor result naming an unknown type', 'package a:b;\ninterface i {\n  resource a {\n    constructor() -> result<b, string>;\n  }\n}\n', 'name `b` does not exist @4:29'],
  ['constructor result with an unknown error type', 'package a:b;\ninterface i {\n  resource b;\n  resource a {\n    constructor() -> result<b, nope>;\n  }\n}\n', 'name `nope` does not exist @5:32'],
  ['constructor result naming an interface', 'package a:b;\ninterface foo {\n  resource a {\n    constructor() -> foo;\n  }\n}\n', 'name `foo` does not exist @4:22'],
  ['constructor result through an alias of an alias', 'package a:b;\ninterface i {\n  resource a {\n    constructor() -> s;\n  }\n  type r = result<a, string>;\n  type s = r;\n}\n', 'if a constructor return type is declared it must be a `result` @4:22'],
  ['bad include before a repeated import', 'package a:b;\ninterface foo {}\nworld w {\n  import foo;\n  import foo;\n  include foo;\n}\n', 'name `foo` is defined as an interface, not a world @6:11'],
  ['reference to an excluded type before the excluded interface', 'package a:b;\n@unstable(feature = off)\ninterface i {\n  @unstable(feature = off)\n  type g = u32;\n  record r { f: g }\n}\n', 'found a reference to a type which is excluded due to its feature not being activated @6:14'],
  ['typedef named like an earlier use, before its unknown name', 'package a:b;\ninterface i { type x = u8; }\ninterface j {\n  use i.{x};\n  type x = nope;\n}\n', 'name `x` is defined more than once @5:8'],
  ['float32 hint', 'package a:b;\ninterface i {\n  type t = float32;\n}\n', 'type `float32` does not exist\nthe `float32` type has been renamed to `f32` and is no longer accepted, but the `WIT_REQUIRE_F32_F64=0` environment variable can be used to temporarily disable this error @3:12'],
];

describe('validation rules', () => {
  for (const [name, src, expected] of cases) {
    it(name, () => {
      const r = load(src);
      expect(r.resolve).toBeUndefined();
      expect(firstError(r)).toBe(expected);
    });
  }

  it('accepts an unversioned reference when exactly one version is loaded', () => {
    const r = load('package a:b;\nworld w {\n  import c:d/e;\n}\npackage c:d@1.2.3 {\n  interface e {}\n}\n');
    expect(firstError(r)).toBeUndefined();
  });

  it('accepts references with and without the version to the same package in one package', () => {
    // Found by fuzzing: the second form used to replace the first one's placeholders, and linking threw.
    const r = load(
      'package a:b;\nworld v {\n  include c:d/w@1.2.3;\n  import c:d/e@1.2.3;\n}\nworld w {\n  include c:d/w;\n  import c:d/e;\n}\npackage c:d@1.2.3 {\n  interface e {}\n  world w { import e; }\n}\n',
    );
    expect(firstError(r)).toBeUndefined();
    // Every world (c:d's `w`, then a:b's `v` and `w`) imports interface `e` once, whichever way it was named.
    const e = r.resolve!.interfaces.findIndex((i) => i.name === 'e');
    expect(r.resolve!.worlds.map((w) => [w.name, [...w.imports.values()].map((x) => x.item)])).toEqual(
      ['w', 'v', 'w'].map((name) => [name, [expect.objectContaining({ tag: 'interface', id: e })]]),
    );
  });

  it('reports a missing world of a package named without its version', () => {
    const r = load('package a:b;\nworld v {\n  include c:d/w@1.2.3;\n}\nworld w {\n  include c:d/nope;\n}\npackage c:d@1.2.3 {\n  world w {}\n}\n');
    expect(firstError(r)).toBe("world 'nope' not found in package 'c:d@1.2.3' @6:15");
  });

  it('requires the package of a gated-off reference, but not its item (as wit-parser 0.259 does)', () => {
    const missingPackage = 'package a:b;\nworld w {\n  @unstable(feature = off)\n  import x:y/z;\n}\n';
    expect(firstError(load(missingPackage))).toBe("package 'x:y' not found. known packages:\n    a:b @4:10");
    const missingItem = 'package a:b;\nworld w {\n  @unstable(feature = off)\n  import x:y/nope;\n}\npackage x:y {\n  interface z {}\n}\n';
    expect(firstError(load(missingItem))).toBeUndefined();
  });

  it("reports breaches of spec rules that wit-parser does not check after wit-parser's own errors", () => {
    // A duplicate field (spec) and a reference to an excluded type (wit-parser, found later, while linking).
    const both = load('package a:b;\ninterface i {\n  @unstable(feature = off)\n  type g = u32;\n  record r { a: u8, a: g }\n}\n');
    expect(both.resolve).toBeUndefined();
    expect(both.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'found a reference to a type which is excluded due to its feature not being activated',
      'field `a` is defined more than once',
    ]);
    // Alone, each still fails the load.
    for (const [src, message] of [
      ['package a:b;\ninterface i {\n  record r { a: u8, a: u16 }\n}\n', 'field `a` is defined more than once'],
      ['package a:b;\ninterface i {\n  type t = list<u8, 0>;\n}\n', 'fixed-length list must have a length of at least 1'],
      ['package a:b;\ninterface i {\n  resource a {\n    constructor() -> r;\n  }\n  type r = result<a, string>;\n}\n', "a constructor's result type must be written as `result<a, …>`"],
      ['package a:b;\ninterface i {\n  type a = u8;\n  type A = u8;\n}\n', 'name `A` conflicts with `a` (kebab-case identifiers are case-insensitive)'],
      ['package a:b;\ninterface i { type g = u8; }\ninterface j {\n  type g = u16;\n  use i.{g};\n}\n', 'name `g` is defined more than once'],
    ] as const) {
      const r = load(src);
      expect(r.resolve).toBeUndefined();
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([message]);
    }
  });

  it("reports an interface's reference to an excluded type before a kept type of an excluded interface", () => {
    const src =
      'package a:b;\n@unstable(feature = off)\ninterface i {\n  @unstable(feature = on)\n  type t = u32;\n}\ninterface j {\n  @unstable(feature = off)\n  resource r {\n    @unstable(feature = on)\n    y: func();\n  }\n}\n';
    expect(firstError(load(src, { features: ['on'] }))).toBe('found a reference to a type which is excluded due to its feature not being activated @11:5');
  });

  it('rejects an unversioned reference when two versions are loaded', () => {
    const r = load(
      'package a:b;\nworld w {\n  import c:d/e;\n}\npackage c:d@1.0.0 {\n  interface e {}\n}\npackage c:d@2.0.0 {\n  interface e {}\n}\n',
    );
    expect(firstError(r)).toMatch(/^package 'c:d' not found/);
  });

  it('enables features on request', () => {
    const src = 'package a:b;\ninterface i {\n  @unstable(feature = x)\n  type g = u8;\n  type t = g;\n}\n';
    expect(firstError(load(src, { features: ['x'] }))).toBeUndefined();
    expect(firstError(load(src, { allFeatures: true }))).toBeUndefined();
  });
});

describe('spec rules that wit-parser leaves to the binary validator', () => {
  const spec: [string, string, string][] = [
    ['duplicate record field', 'package a:b;\ninterface i {\n  record r { x: u8, x: u16 }\n}\n', 'field `x` is defined more than once @3:21'],
    ['case-insensitive enum cases', 'package a:b;\ninterface i {\n  enum e { ok, OK }\n}\n', 'case `OK` conflicts with case `ok` (kebab-case identifiers are case-insensitive) @3:16'],
    ['too many flags', `package a:b;\ninterface i {\n  flags f { ${Array.from({ length: 33 }, (_, i) => `g${i}`).join(', ')} }\n}\n`, 'flags `f` has 33 flags, but at most 32 are allowed @3:'],
    ['zero-length list', 'package a:b;\ninterface i {\n  type t = list<u8, 0>;\n}\n', 'fixed-length list must have a length of at least 1 @3:21'],
    ['case-insensitive names in an interface', 'package a:b;\ninterface i {\n  type foo = u8;\n  FOO: func();\n}\n', 'name `FOO` conflicts with `foo` (kebab-case identifiers are case-insensitive) @4:3'],
  ];
  for (const [name, src, expected] of spec) {
    it(name, () => {
      const got = firstError(load(src));
      if (expected.endsWith(':')) expect(got?.startsWith(expected)).toBe(true);
      else expect(got).toBe(expected);
    });
  }
});
