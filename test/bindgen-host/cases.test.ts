/**
 * Value shapes of witc's host bindings that src/abi's defaults do not give: payload-less variant and option cases
 * lift to `{ tag }` (src/abi's `emptyCases: 'omit'`), also for variant cases literally named `ok`/`err`, while
 * `result` cases keep `val`; `error-context` values are the runtime's `ErrorContext` objects both ways, as typed.
 */
import { describe, expect, it } from 'vitest';
import { BUMP_MEMORY, bindings, coreModule, hostSource, thrown } from './wat-host.js';

const CASES_WIT = `package t:cases;

interface api {
  variant v { ok, err(u32), none, some(string) }
  pick: func(i: u32) -> v;
  take: func(x: v) -> u32;
  maybe: func(i: u32) -> option<result>;
}

world w {
  export api;
}
`;

/** `pick(i)` returns case i (payloads 7 and ""); `take` returns the discriminant; `maybe(i)`: none, ok, err. */
const CASES_WAT = `(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (if (i32.and (i32.ne (local.get 0) (i32.const 0)) (i32.le_u (local.get 3) (local.get 1)))
      (then (return (local.get 0))))
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $p))
  (func (export "t:cases/api#pick") (param i32) (result i32)
    (i32.store8 (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (i32.const 7))
    (i32.store (i32.const 24) (i32.const 0))
    (i32.const 16))
  (func (export "t:cases/api#take") (param i32 i32 i32) (result i32) (local.get 0))
  (func (export "t:cases/api#maybe") (param i32) (result i32)
    (i32.store8 (i32.const 32) (i32.ne (local.get 0) (i32.const 0)))
    (i32.store8 (i32.const 33) (i32.sub (local.get 0) (i32.const 1)))
    (i32.const 32))
)`;

describe('payload-less cases', () => {
  it('lift to { tag } for variant cases named ok, err, none; result cases keep val', async () => {
    const b = await bindings(CASES_WIT);
    const api = (await b.instantiate(await coreModule(CASES_WAT), {})).api;
    expect(api.pick(0)).toStrictEqual({ tag: 'ok' });
    expect(Object.keys(api.pick(0))).toStrictEqual(['tag']);
    expect(api.pick(1)).toStrictEqual({ tag: 'err', val: 7 });
    expect(api.pick(2)).toStrictEqual({ tag: 'none' });
    expect(Object.keys(api.pick(2))).toStrictEqual(['tag']);
    expect(api.pick(3)).toStrictEqual({ tag: 'some', val: '' });
    // Lowering accepts the same shapes.
    expect([api.take({ tag: 'ok' }), api.take({ tag: 'err', val: 3 }), api.take({ tag: 'none' })]).toStrictEqual([
      0, 1, 2,
    ]);
    expect(api.take({ tag: 'some', val: 'abc' })).toBe(3);
    expect(api.maybe(0)).toBeUndefined();
    expect(api.maybe(1)).toStrictEqual({ tag: 'ok', val: undefined });
    expect(Object.keys(api.maybe(1))).toStrictEqual(['tag', 'val']);
    expect(api.maybe(2)).toStrictEqual({ tag: 'err', val: undefined });
  });

  it('declares payload-less variant cases without val, matching what is lifted', () => {
    const src = hostSource(CASES_WIT);
    expect(src).toMatch(/export interface VOk \{\s*tag: 'ok';\s*\}/);
    expect(src).toMatch(/export interface VNone \{\s*tag: 'none';\s*\}/);
    expect(src).toMatch(/export interface VErr \{\s*tag: 'err';\s*val: number;\s*\}/);
    // The lift code comes from src/abi with emptyCases: 'omit', not from rewriting its text.
    expect(src).toContain('case 0: return { tag: "ok" };');
    expect(src).toContain('case 2: return { tag: "none" };');
    // …and the result of `maybe` keeps `val`.
    expect(src).toContain('{ tag: "ok", val: undefined }');
  });
});

const EC_WIT = `package t:ec;

interface host {
  note: func(e: error-context) -> error-context;
}

interface api {
  pass: func(e: error-context) -> error-context;
  first: func(es: list<error-context>) -> option<error-context>;
  relay: func(e: error-context) -> error-context;
}

world w {
  import host;
  export api;
}
`;

const EC_WAT = `(module
  (import "t:ec/host" "note" (func $note (param i32) (result i32)))
${BUMP_MEMORY}  (func (export "t:ec/api#pass") (param i32) (result i32) (local.get 0))
  (func (export "t:ec/api#first") (param $p i32) (param $n i32) (result i32)
    (i32.store8 (i32.const 16) (i32.ne (local.get $n) (i32.const 0)))
    (if (local.get $n) (then (i32.store (i32.const 20) (i32.load (local.get $p)))))
    (i32.const 16))
  (func (export "t:ec/api#relay") (param i32) (result i32) (call $note (local.get 0)))
)`;

describe('error-context', () => {
  it('is typed as the runtime ErrorContext class', () => {
    const src = hostSource(EC_WIT);
    expect(src).toContain('pass(e: rt.ErrorContext): rt.ErrorContext;');
    expect(src).toContain('first(es: Array<rt.ErrorContext>): rt.ErrorContext | undefined;');
    expect(src).toContain('note(e: rt.ErrorContext): rt.ErrorContext;');
  });

  it('passes ErrorContext objects both ways (exports and imports); other values are a TypeError', async () => {
    const b = await bindings(EC_WIT);
    const seen: unknown[] = [];
    const reply = new b.rt.ErrorContext('from the host');
    const imports = {
      't:ec/host': {
        note: (e: unknown) => {
          seen.push(e);
          return reply;
        },
      },
    };
    const api = (await b.instantiate(await coreModule(EC_WAT), imports)).api;
    const a = new b.rt.ErrorContext('a');
    const c = new b.rt.ErrorContext('c');
    expect(api.pass(a)).toBe(a);
    expect(api.first([c, a])).toBe(c);
    expect(api.first([])).toBeUndefined();
    expect(api.relay(a)).toBe(reply);
    expect(seen).toStrictEqual([a]);
    expect(seen[0]).toBe(a);
    expect(thrown(() => api.pass(3))).toBeInstanceOf(TypeError);
    expect(api.pass(c)).toBe(c);
  });
});
