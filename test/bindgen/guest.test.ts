import { describe, expect, it } from 'vitest';
import { generateGuest } from '../../src/bindgen/guest.js';
import { guestFor, loadWit, typeCheck, rooted, mainWorlds } from './support.js';

const PROBE = `
package ex:probe@1.2.3;

interface types {
  /// A point.
  record point { x: s32, y-coord: s32, label: option<string> }
  variant shape { circle(f64), none }
  enum color { red, dark-green }
  flags perms { read, write-all }
  resource blob {
    constructor(init: list<u8>);
    read: func(n: u32) -> list<u8>;
    merge: static func(a: borrow<blob>, b: own<blob>) -> blob;
  }
  do-it: func(p: point, r: result<u32, string>) -> result<u64, color>;
  nested: func(o: option<option<u32>>) -> tuple<s64, list<f32>>;
}

interface api {
  use types.{point, blob};
  handle: func(p: point, b: borrow<blob>) -> string;
}

world w {
  import types;
  import log: func(msg: string);
  export api;
  export run: func() -> result;
}
`;

/** Type-checks generated files together with a consumer file and returns the diagnostics. */
function checkWith(files: Map<string, string>, consumer: string): string[] {
  const all = rooted(files, '/gen');
  all.set('/gen/consumer.ts', `/// <reference path="./w.d.ts" />\n${consumer}\nexport {};\n`);
  return typeCheck([all])[0]!;
}

describe('guest bindings', () => {
  const loaded = loadWit(PROBE);
  const files = guestFor(loaded);

  it('writes one module file per interface plus the world file', () => {
    expect([...files.keys()]).toEqual([
      'w.d.ts',
      'interfaces/ex-probe-api@1.2.3.d.ts',
      'interfaces/ex-probe-types@1.2.3.d.ts',
    ]);
  });

  it('declares imported interfaces as versioned ambient modules with jco-compatible shapes', () => {
    const types = files.get('interfaces/ex-probe-types@1.2.3.d.ts')!;
    expect(types).toContain("declare module 'ex:probe/types@1.2.3' {");
    expect(types).toContain('export function doIt(p: Point, r: Result<number, string>): bigint;');
    expect(types).toContain('export function nested(o: Option<number | undefined>): [bigint, Float32Array];');
    expect(types).toContain('yCoord: number;');
    expect(types).toContain('label?: string | undefined;');
    expect(types).toContain("export type Color = 'red' | 'dark-green';");
    expect(types).toContain('writeAll?: boolean;');
    expect(types).toContain('static merge(a: Blob, b: Blob): Blob;');
    expect(types).toContain('[Symbol.dispose](): void;');
    expect(types).toContain('/** A point. */');
  });

  it('declares the world exports the way componentize-js looks them up', () => {
    const world = files.get('w.d.ts')!;
    expect(world).toContain("export * as api from 'ex:probe/api@1.2.3';");
    expect(world).toContain('export function run(): void;');
    expect(world).toContain("declare module 'log' {");
    expect(world).toContain('export default function (msg: string): void;');
    const api = files.get('interfaces/ex-probe-api@1.2.3.d.ts')!;
    expect(api).not.toContain('Symbol.dispose');
  });

  it('type-checks, and a guest written against it type-checks', () => {
    const consumer = `
import { doIt, nested, Blob, type Point, type Shape, type Perms } from 'ex:probe/types@1.2.3';
import log from 'log';
import type * as World from 'ex:probe/w@1.2.3';
const p: Point = { x: 1, yCoord: 2 };
const s: Shape = { tag: 'circle', val: 1.5 };
const perms: Perms = { read: true };
const big: bigint = doIt(p, { tag: 'ok', val: 1 });
const [a, floats] = nested({ tag: 'some', val: undefined });
const b = new Blob(new Uint8Array(2));
const bytes: Uint8Array = b.read(1);
Blob.merge(b, b)[Symbol.dispose]();
log('hi');
export const api: typeof World.api = { handle: (pt: Point, blob: Blob) => String(pt.x) + String(blob) };
export function run(): void {}
void [s, perms, big, a, floats, bytes];
`;
    expect(checkWith(files, consumer)).toEqual([]);
  });

  it('rejects a guest with the wrong shape (the check can fail)', () => {
    const consumer = `
import type * as World from 'ex:probe/w@1.2.3';
export const api: typeof World.api = { handle: (n: number) => n };
`;
    expect(checkWith(files, consumer).join('\n')).toMatch(/TS2322/);
  });

  it('is deterministic', () => {
    const again = generateGuest(loaded.resolve, mainWorlds(loaded)[0]!);
    expect([...again]).toEqual([...files]);
  });
});

describe('type mapping details', () => {
  const gen = (body: string, world = '') =>
    guestFor(loadWit(`package t:t;\ninterface i {\n${body}\n}\nworld w { import i; ${world} }`)).get(
      'interfaces/t-t-i.d.ts',
    )!;

  it('maps numeric lists to typed arrays and others to Array', () => {
    const out = gen('f: func(a: list<u8>, b: list<s16>, c: list<u64>, d: list<string>, e: list<bool>, g: list<f64>);');
    expect(out).toContain(
      'f(a: Uint8Array, b: Int16Array, c: BigUint64Array, d: Array<string>, e: Array<boolean>, g: Float64Array): void;',
    );
  });
  it('nests options like jco: tagged where the inner type admits undefined', () => {
    const out = gen('f: func(a: option<option<option<u32>>>);');
    expect(out).toContain('f(a: Option<number | undefined> | undefined): void;');
  });
  it('maps results in parameters to Result and result returns to throw', () => {
    const out = gen('f: func(a: result<_, string>) -> result<string>;');
    expect(out).toContain('f(a: Result<void, string>): string;');
    expect(out).toContain('@throws');
  });
  it('maps fixed-length lists to tuples, maps to Map, char to string', () => {
    const out = gen('f: func(a: list<u8, 3>, c: char, m: map<string, u64>) -> tuple<>;');
    expect(out).toContain('f(a: [number, number, number], c: string, m: Map<string, bigint>): [];');
  });
  it('maps async functions, futures and streams to promises and async iterables', () => {
    const out = gen('f: async func(a: future<u8>, b: stream<string>) -> stream;');
    expect(out).toContain('f(a: PromiseLike<number>, b: AsyncIterable<string>): Promise<AsyncIterable<void>>;');
  });
  it('refers to types of other interfaces through import()', () => {
    const files = guestFor(
      loadWit(
        'package t:t@1.0.0;\ninterface a { record r { x: u8 } }\ninterface b { use a.{r as q}; f: func(x: q); }\nworld w { import b; }',
      ),
    );
    expect(files.get('interfaces/t-t-b@1.0.0.d.ts')).toContain("export type Q = import('t:t/a@1.0.0').R;");
  });
});

describe('exported resources', () => {
  const WIT = `package t:res;
interface api {
  resource counter {
    constructor(start: u32);
    get: func() -> u32;
    merge: static func(a: borrow<counter>, b: counter) -> counter;
  }
  resource handle {
    id: func() -> u32;
  }
  make: func() -> handle;
}
world w { export api; }`;

  const check = (impl: string) => {
    const files = rooted(guestFor(loadWit(WIT)), '/g');
    files.set('/g/c.ts', `/// <reference path="/g/w.d.ts" />\nimport type * as W from 't:res/w';\n${impl}\n`);
    return typeCheck([files])[0]!;
  };

  it('accept guest classes with their own constructors and private state', () => {
    const impl = `
class Counter { constructor(private n: number) {} get() { return this.n; } static merge(a: Counter, b: Counter) { return new Counter(a.get() + b.get()); } }
class Handle { constructor(private i: number) {} id() { return this.i; } }
export const api: typeof W.api = { Counter, Handle, make: () => new Handle(3) };`;
    expect(check(impl)).toEqual([]);
  });

  it('reject classes that miss a method', () => {
    const impl = `
class Counter { constructor(private n: number) {} static merge(a: Counter, _b: Counter) { return a; } }
class Handle { id() { return 1; } }
export const api: typeof W.api = { Counter, Handle, make: () => new Handle() };`;
    expect(check(impl).join('\n')).toMatch(/TS2322|TS2741/);
  });
});

describe('the type-check harness', () => {
  it('reports errors inside generated .d.ts files (skipLibCheck stays off)', () => {
    const bad = new Map([['/bad/x.d.ts', "declare module 'a' {\n  export function f(): Nope;\n}\n"]]);
    expect(typeCheck([bad])[0]!.join('\n')).toMatch(/TS2304/);
  });
});

describe('bad input', () => {
  it('returns no files for a world id that is not in the model', () => {
    expect(generateGuest(loadWit(PROBE).resolve, 99).size).toBe(0);
  });
});
