/**
 * `generateHost` on its own: deterministic output, jco's naming conventions, `tsc --strict` on tricky worlds
 * (keywords, clashing names, world-level functions and resources, spilled parameters, imported resources), and a
 * host-implemented resource exercised at run time by a hand-written core module.
 */
import { resolve as resolvePath } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateHost } from '../../src/bindgen/host/index.js';
import { loadSources, selectWorld, type Resolve } from '../../src/resolve/index.js';
import { typeCheck } from '../conformance/suites/host-bindings.js';
import { importGenerated } from '../support/witc-host.js';
import { wasm } from '../support/wasm.js';
import { assemble } from './echo-core.js';
import { BUMP_MEMORY } from './wat-host.js';

const repo = resolvePath(import.meta.dirname, '../..');
const runtime = resolvePath(repo, 'src/bindgen/host/runtime.js');

function load(wit: string): Resolve {
  const r = loadSources({ '/t.wit': wit }, '/t.wit');
  if (!r.resolve) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.resolve;
}

function host(wit: string, world?: string): string {
  const r = loadSources({ '/t.wit': wit }, '/t.wit');
  const id = selectWorld(r.resolve!, r.main, world).world!;
  return [...generateHost(r.resolve!, id, { runtime }).values()][0]!;
}

const TRICKY = `package t:tricky@1.2.3;

interface types {
  record class { new: u32, %type: string }
  variant v { a(u8), b }
  record v-a { x: u8 }
  resource blob {
    constructor(init: list<u8>);
    %new: func() -> blob;
    %delete: func(at: u32);
    name: static func() -> string;
    length: static func() -> u32;
  }
  flags f { in, out }
  enum e { %default, other }
  type maybe = option<option<string>>;
}

interface api {
  use types.{class, v, blob, f, e, maybe};
  %delete: func(%class: class) -> result<v, string>;
  %new: func(b: borrow<blob>, x: maybe) -> result<_, e>;
  spill: func(a: u64, b: u64, c: u64, d: u64, e: u64, f: u64, g: u64, h: u64, i: u64, j: u64, k: u64, l: u64, m: u64, n: u64, o: u64, p: u64, q: string) -> tuple<string, u64, f>;
  take: func(b: blob) -> list<blob>;
}

world tricky {
  import types;
  import api;
  import log: func(msg: string);
  resource top { constructor(); poke: func() -> u32; }
  export api;
  export api2: interface {
    use types.{e};
    run: func(x: e) -> e;
  }
  export api: func() -> u32;
  export types2: func(x: list<tuple<string, option<u8>>>) -> option<list<s64>>;
}
`;

describe('generateHost', () => {
  it('is deterministic and names things as jco does', () => {
    const a = host(TRICKY);
    expect(host(TRICKY)).toBe(a);
    // Imports are keyed by unversioned interface name; exports by camelCase name.
    expect(a).toContain("'t:tricky/types': {");
    expect(a).toContain("'t:tricky/api': {");
    expect(a).toMatch(/export interface TrickyExports \{[\s\S]*'api': \{/);
    expect(a).toContain("'t:tricky/api@1.2.3': TrickyExports['api'];");
    // Core names follow the component model's conventions.
    for (const name of [
      "'t:tricky/api@1.2.3#delete'",
      "'cabi_post_t:tricky/api@1.2.3#delete'",
      "'[resource-drop]blob'",
      "'[method]blob.delete'",
      "'[static]blob.name'",
      "'[constructor]blob'",
      "'$root'",
      "'log'",
    ]) {
      expect(a).toContain(name);
    }
  });

  it('type-checks under tsc --strict (keywords, clashes, world-level items, spilled parameters)', () => {
    const dir = join(tmpdir(), `witc-host-gen-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    const resolve = load(TRICKY);
    for (const w of resolve.worlds.keys()) {
      const file = join(dir, `w${w}.ts`);
      writeFileSync(file, [...generateHost(resolve, w, { runtime }).values()][0]!);
      files.push(file);
    }
    // A consumer that uses the generated types the way jco users would.
    const consumer = join(dir, 'consumer.ts');
    writeFileSync(
      consumer,
      `import { instantiate, type TrickyImports } from './w0.js';
class Blob { constructor(public data: Uint8Array) {} delete(_at: number): void {} static name_(): string { return ''; } }
declare const imports: TrickyImports;
export async function main(bytes: Uint8Array): Promise<number> {
  const e = await instantiate(bytes, imports);
  const r: number = e.api$1();
  const out: string = e.api2.run('default');
  void out;
  void Blob;
  return r;
}
`,
    );
    const errors = typeCheck([...files, consumer]);
    expect([...errors.entries()]).toStrictEqual([]);
  });

  it('reports type errors in generated code (the check can fail)', () => {
    const dir = join(tmpdir(), `witc-host-gen-bad-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'bad.ts');
    writeFileSync(file, host(TRICKY).replace('const instance = new rt.ComponentInstance();', 'const instance: number = new rt.ComponentInstance();'));
    expect(typeCheck([file]).size).toBe(1);
  });
});

const RES_WIT = `package t:res;

interface store {
  resource blob {
    constructor(init: u32);
    get: func() -> u32;
    make: static func(n: u32) -> blob;
  }
  consume: func(b: blob) -> u32;
}

interface run {
  use store.{blob};
  run: func(n: u32) -> u32;
  peek: func(b: borrow<blob>) -> u32;
  peek-and-keep: func(b: borrow<blob>) -> u32;
}

world w {
  import store;
  export run;
}
`;

const RES_WAT = `(module
  (import "t:res/store" "[constructor]blob" (func $new (param i32) (result i32)))
  (import "t:res/store" "[method]blob.get" (func $get (param i32) (result i32)))
  (import "t:res/store" "[static]blob.make" (func $make (param i32) (result i32)))
  (import "t:res/store" "consume" (func $consume (param i32) (result i32)))
  (import "t:res/store" "[resource-drop]blob" (func $drop (param i32)))
  (func (export "t:res/run#run") (param $n i32) (result i32)
    (local $h i32) (local $v i32) (local $r i32)
    (local.set $h (call $new (local.get $n)))
    (local.set $v (call $get (local.get $h)))
    (local.set $r (call $consume (call $make (i32.add (local.get $v) (i32.const 1)))))
    (call $drop (local.get $h))
    (i32.add (local.get $r) (local.get $v)))
  (func (export "t:res/run#peek") (param $h i32) (result i32)
    (local $v i32)
    (local.set $v (call $get (local.get $h)))
    (call $drop (local.get $h))
    (local.get $v))
  (func (export "t:res/run#peek-and-keep") (param $h i32) (result i32)
    (call $get (local.get $h)))
)`;

describe('host-implemented resources at run time', () => {
  it('constructs, borrows, moves and drops host objects through the handle table', async () => {
    const r = loadSources({ '/t.wit': RES_WIT }, '/t.wit');
    const source = [...generateHost(r.resolve!, selectWorld(r.resolve!, r.main).world!, { runtime }).values()][0]!;
    const { instantiate } = await importGenerated(source, repo);
    const disposed: number[] = [];
    class Blob {
      constructor(readonly value: number) {}
      get(): number {
        return this.value;
      }
      static make(n: number): Blob {
        return new Blob(n);
      }
      [Symbol.dispose](): void {
        disposed.push(this.value);
      }
    }
    const consumed: number[] = [];
    const imports = {
      't:res/store': {
        Blob,
        consume: (b: Blob) => {
          consumed.push(b.value);
          return b.value * 10;
        },
      },
    };
    const e = (await instantiate(new wasm.Module(await assemble(RES_WAT)), imports)) as {
      run: { run(n: number): number; peek(b: Blob): number; peekAndKeep(b: Blob): number };
    };
    expect(e.run.run(5)).toBe(65);
    expect(consumed).toStrictEqual([6]);
    expect(disposed).toStrictEqual([5]);
    expect(e.run.run(41)).toBe(461);
    expect(disposed).toStrictEqual([5, 41]);
    // Borrowed arguments: lent for the call, dropped by the guest, never disposed by it.
    const mine = new Blob(7);
    expect(e.run.peek(mine)).toBe(7);
    expect(e.run.peek(mine)).toBe(7);
    expect(disposed).toStrictEqual([5, 41]);
    // A guest that keeps a borrow past the call traps.
    let error: unknown;
    try {
      e.run.peekAndKeep(mine);
    } catch (err) {
      error = err;
    }
    expect((error as { kind?: string }).kind).toBe('borrows_outstanding');
  });
});

const SPILL_WIT = `package t:spill;

world w {
  import sum: func(a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32, i: u32, j: u32, k: u32, l: u32, m: u32, n: u32, o: u32, p: u32, q: u32) -> tuple<u64, string>;
  export run: func() -> u64;
}
`;

/** The guest stores 1..17 at 64 and passes the pointer; the host's tuple comes back through the out-pointer at 256. */
const SPILL_WAT = `(module
  (import "$root" "sum" (func $sum (param i32 i32)))
${BUMP_MEMORY}  (func (export "run") (result i64)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (i32.const 64) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 17))))
    (call $sum (i32.const 64) (i32.const 256))
    ;; u64 sum plus the string's length
    (i64.add (i64.load (i32.const 256)) (i64.extend_i32_u (i32.load (i32.const 268)))))
)`;

describe('spilled import parameters and results at run time', () => {
  it('lifts 17 parameters from the guest tuple and stores the tuple result at the out-pointer', async () => {
    const r = loadSources({ '/t.wit': SPILL_WIT }, '/t.wit');
    const source = [...generateHost(r.resolve!, selectWorld(r.resolve!, r.main).world!, { runtime }).values()][0]!;
    const { instantiate } = await importGenerated(source, repo);
    const seen: number[][] = [];
    const imports = {
      sum: {
        default: (...xs: number[]) => {
          seen.push(xs);
          return [BigInt(xs.reduce((a, b) => a + b, 0)), 'héllo'];
        },
      },
    };
    const bytes = await assemble(SPILL_WAT);
    const e = (await instantiate(new wasm.Module(bytes), imports)) as { run(): bigint };
    expect(e.run()).toBe(153n + 6n);
    expect(seen).toStrictEqual([Array.from({ length: 17 }, (_, i) => i + 1)]);
    // The module may also be given as bytes or as a function returning a (promised) compiled module.
    const fromBytes = (await instantiate(bytes, imports)) as { run(): bigint };
    const fromFunction = (await instantiate(async () => new wasm.Module(bytes), imports)) as { run(): bigint };
    expect([fromBytes.run(), fromFunction.run()]).toStrictEqual([159n, 159n]);
  });
});
