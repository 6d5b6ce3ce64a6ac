/**
 * The hostile corpus (test/bindgen/hostile/*.wit): every world's guest declarations compile under --strict
 * (plus exactOptionalPropertyTypes and noUncheckedIndexedAccess), and every item is reachable under the name
 * docs/bindings.md promises — checked by type-checking a consumer that uses those names.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateGuest } from '../../src/bindgen/guest.js';
import { loadDisk, mainWorlds, rooted, typeCheck } from './support.js';

const dir = join(import.meta.dirname, 'hostile');
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.wit'))
  .sort();

/** Consumers written by hand from the naming rules; each must type-check against the generated declarations. */
const consumers: Record<string, string> = {
  'reserved.wit': `
import * as def from 'hostile:reserved/default@0.1.0';
import { delete as del, new as mk } from 'hostile:reserved/default@0.1.0';
import * as cls from 'hostile:reserved/class@0.1.0';
import exp from 'export';
import type * as World from 'hostile:reserved/delete@0.1.0';
del();
const n: number = mk(1, 'x', true, -1);
const s: string = def.constructor();
def.arguments(); def.eval(); def.await(); def.yield(); def.undefined(); def.globalThis(); def.proto();
def.instanceof(1, 2, 3);
const o: cls.Object_ = { constructor: 1, proto: 'p', class: true, prototype: 2 };
const pr: cls.Promise_ = { then: 1 };
const u: cls.Uint8Array_ = { length: 1 };
const e: cls.Error_ = { message: 'm' };
const m: cls.Map_ = { key: 'k' };
const r: cls.Result = { tag: 'err', val: 'x' };
const op: cls.Option = 'some';
const st: cls.Set_ = { has: true, add: false, delete: true };
const u8v: cls.Uint8 = { tag: 'array', val: 1 } satisfies cls.Uint8Array_$1;
const pl: cls.Async = { tag: 'iterable', val: 'x' } satisfies cls.AsyncIterable_;
const realBytes: Uint8Array = new Uint8Array(1);
const f = new cls.Function_('n');
const c: number = f.constructor_();
const nm: string = cls.Function_.name_();
const len: number = cls.Function_.length_();
cls.Function_.prototype_(); cls.Function_.caller_(); cls.Function_.arguments_();
const key: string = f.call(1).key;
f[Symbol.dispose]();
const [bytes, oo, rr] = cls.useAll(o, pr, u, { dispose: 1 }, { x: 1 }, e, m, { x: 2 }, r, op, st, f);
const bs: Uint8Array = bytes;
const oo2: cls.Option$1<number | undefined> | undefined = oo;
const rr2: cls.Result$1<bigint, string> = rr;
const ret: Uint8Array = cls.returnsResult();
const ex: string = exp('i');
type Exports = typeof World;
const guest: Pick<Exports, 'eval' | 'arguments'> = { eval() {}, arguments: () => 1 };
const newImpl: Exports['new'] = { delete: (x: cls.Object_) => ({ key: String(x.proto) }) };
void [u8v, pl, realBytes, n, s, c, nm, len, key, bs, oo2, rr2, ret, ex, guest, newImpl];
`,
  'collisions.wit': `
import type * as C from 'hostile:collide/clash';
import type * as W from 'hostile:collide/clash-world';
const ab: C.AB = { xY: 1 };
const fl: C.F = { readAll: true };
const sh: C.Shape = { tag: 'circle', val: 1 } satisfies C.ShapeCircle$1;
const sc: C.ShapeCircle = { r: 1 };
const it: C.Item = { tag: 'shape', val: sh } satisfies C.ItemShape$1;
const is: C.ItemShape = { s: sh };
const opt: C.Option = { o: 1 };
const res: C.Result = 'ok';
const nested: C.Option$1<number | undefined> = { tag: 'some', val: undefined };
const outer: C.Result$1<number | undefined, undefined> = { tag: 'ok', val: 1 };
type Impl = typeof W;
const impl: Pick<Impl, 'clashTwo' | 'clashTwo$1' | 'another'> = {
  clashTwo: { f() {} },
  clashTwo$1() {},
  another: { clash() {} },
};
const clash: Impl['clash'] = { getIt: (x: C.AB) => (x.xY > 0 ? opt : opt), nested: () => undefined };
void [ab, fl, it, is, res, nested, outer, impl, clash, sc];
`,
  'types.wit': `
import * as all from 'hostile:types/all';
import type * as W from 'hostile:types/types-world';
import useLocal from 'use-local';
const rec: all.Rec = {
  b: { tag: 'none' }, d: { tag: 'some', val: undefined }, e: ['a', undefined], f: [], g: [1, 2n, 'c'],
  h: { tag: 'ok', val: undefined }, i: { tag: 'err', val: undefined }, j: { tag: 'err', val: 's' },
  k: [new Uint8Array(1)], l: new BigUint64Array(1), m: new BigInt64Array(1), n: new Float32Array(1),
  o: new Float64Array(1), p: [true], q: [1],
};
const o3: all.Option<number | undefined> | undefined = all.o3(undefined);
const wr: W.WorldRec = useLocal({ x: [1, undefined] });
const run: typeof W.run = async (x) => ({ tag: 'some', val: x });
void [rec, o3, wr, run];
`,
  'world-level.wit': `
import type * as W from 'hostile:world-level/w';
import f from 'f';
import dflt from 'default';
declare const r: W.R;
const m: number = r.m();
const pair: W.Pair = f(r);
dflt();
const impl: Pick<typeof W, 'g' | 'delete'> = { g: () => 1, delete() {} };
void [m, pair, impl];
`,
};

describe('hostile corpus', () => {
  for (const file of corpus) {
    it(`${file}: every world compiles under --strict and its names are reachable`, () => {
      const loaded = loadDisk(join(dir, file), [], true);
      const worlds = mainWorlds(loaded);
      expect(worlds.length).toBeGreaterThan(0);
      const groups = worlds.map((id, i) => {
        const files = rooted(generateGuest(loaded.resolve, id), `/w${i}`);
        const consumer = consumers[file];
        if (consumer !== undefined && i === 0) {
          const refs = [...files.keys()].map((p) => `/// <reference path="${p}" />`).join('\n');
          files.set(`/w${i}/consumer.ts`, `${refs}\n${consumer}\nexport {};\n`);
        }
        return files;
      });
      expect(typeCheck(groups).flat()).toEqual([]);
    });
  }

  it('has a reachability consumer for the main hostile files', () => {
    for (const f of Object.keys(consumers)) expect(corpus).toContain(f);
  });
});
