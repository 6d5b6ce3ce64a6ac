/**
 * witc's host bindings on a light core module (test/bindgen-host/echo-core.ts): the same fast-check values through
 * witc and through jco's glue for the same module must give identical results; a hostile variant of the module
 * (bad pointers, lengths, discriminants, chars, UTF-8) must make witc trap with the matching `Trap` kind without
 * reading outside the memory; afterwards that instance is locked down (`instance_trapped`) while other instances of
 * the module keep working, and a host value that does not fit its WIT type is a `TypeError` that does not trap.
 */
import { resolve as resolvePath } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as A from '../support/arbitraries.js';
import { importGenerated } from '../support/witc-host.js';
import { Trap } from '../../src/bindgen/host/runtime.js';
import { generateHost } from '../../src/bindgen/host/index.js';
import { loadSources, selectWorld } from '../../src/resolve/index.js';
import { wasm } from '../support/wasm.js';
import { buildEchoComponent, ECHO_WIT, type EchoComponent } from './echo-core.js';

type Api = Record<string, (v: any) => any>;
const repo = resolvePath(import.meta.dirname, '../..');

async function witcInstance(core: Uint8Array): Promise<Api> {
  return (await witcExports(core)).api as Api;
}

async function witcExports(core: Uint8Array): Promise<Record<string, unknown>> {
  const loaded = loadSources({ '/bench.wit': ECHO_WIT }, '/bench.wit');
  const world = selectWorld(loaded.resolve!, loaded.main).world!;
  const runtime = resolvePath(repo, 'src/bindgen/host/runtime.ts');
  const source = [...generateHost(loaded.resolve!, world, { runtime }).values()][0]!;
  const { instantiate } = await importGenerated(source, repo);
  return (await instantiate(new wasm.Module(core), {})) as Record<string, unknown>;
}

const rec = fc.record({ id: A.u32(), score: A.f64(), ok: fc.boolean(), big: A.s64() }).map((r) => ({ ...r }));
const variant = fc.oneof(
  fc.constant({ tag: 'a' }),
  A.u32().map((val) => ({ tag: 'b', val })),
  A.text().map((val) => ({ tag: 'c', val })),
);
const opt = fc.oneof(
  fc.constant({ tag: 'none' }),
  A.option(A.u32()).map((val) => ({ tag: 'some', val })),
);

describe('witc host bindings on the echo module, compared with jco', () => {
  let witc: Api;
  let jco: Api;
  beforeAll(async () => {
    const built: EchoComponent = await buildEchoComponent();
    witc = await witcInstance(built.core);
    jco = (await built.jcoInstantiate(() => new wasm.Module(built.core), {})).api as Api;
  }, 60_000);

  const same = (name: string, arb: fc.Arbitrary<unknown>, expected: (v: any) => unknown = (v) => v) =>
    it(name, () => {
      fc.assert(
        fc.property(arb, (v) => {
          const ours = witc[name]!(v);
          expect(ours).toStrictEqual(expected(v));
          expect(ours).toStrictEqual(jco[name]!(v));
        }),
        { numRuns: 200 },
      );
    });
  same('echoRec', rec);
  same('echoVar', variant);
  same('echoOpt', opt);
  same('echoStrings', fc.array(A.text(), { maxLength: 30 }));
  same('echoString', A.text(300));
  same('echoChar', A.char());

  it('exports an interface under its camelCase name and, like jco, its full name', async () => {
    const built = await buildEchoComponent();
    const ours = await witcExports(built.core);
    const theirs = (await built.jcoInstantiate(() => new wasm.Module(built.core), {})) as Record<string, unknown>;
    expect(Object.keys(ours).sort()).toStrictEqual(Object.keys(theirs).sort());
    expect(ours['witc:bench/api']).toBe(ours.api);
  });

  it('strings that make the guest grow its memory come back intact', () => {
    const big = 'é😀ж'.repeat(60_000);
    expect(witc.echoString!(big)).toBe(big);
    expect(witc.echoStrings!([big, 'x', big])).toStrictEqual([big, 'x', big]);
  });
});

const RET = 16;
const HOSTILE: Record<string, string> = {
  'echo-string': `    (i32.store (i32.const ${RET}) (i32.const 0xfffffff0))
    (i32.store (i32.const ${RET + 4}) (i32.const 32))
    (i32.const ${RET})`,
  'echo-strings': `    (i32.store (i32.const ${RET}) (i32.const 64))
    (i32.store (i32.const ${RET + 4}) (i32.const 0x10000000))
    (i32.const ${RET})`,
  'echo-var': `    (i32.store8 (i32.const ${RET}) (i32.const 7))
    (i32.const ${RET})`,
  'echo-rec': `    (i32.const ${RET + 1})`,
  'echo-char': `    (i32.const 0xd800)`,
  'echo-opt': `    (i32.store8 (i32.const ${RET}) (i32.const 1))
    (i32.store8 (i32.const ${RET + 4}) (i32.const 2))
    (i32.const ${RET})`,
};

describe('witc host bindings against a hostile guest', () => {
  let hostile: Uint8Array;
  let badUtf8Core: Uint8Array;
  beforeAll(async () => {
    hostile = (await buildEchoComponent(HOSTILE)).core;
    badUtf8Core = (
      await buildEchoComponent({
        'echo-string': `    (i32.store8 (i32.const 200) (i32.const 0xc0))
    (i32.store8 (i32.const 201) (i32.const 0xaf))
    (i32.store (i32.const ${RET}) (i32.const 200))
    (i32.store (i32.const ${RET + 4}) (i32.const 2))
    (i32.const ${RET})`,
      })
    ).core;
  }, 60_000);

  /** The error `call` throws (fails the test when it returns). */
  const thrown = (call: () => unknown): unknown => {
    try {
      call();
    } catch (e) {
      return e;
    }
    throw new Error('expected the call to throw');
  };
  const traps = (call: () => unknown, kind: string): Trap => {
    const error = thrown(call);
    // The bindings are bundled with their own copy of the runtime, so compare the class by name.
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe(new Trap('out_of_bounds', '').name);
    expect((error as Trap).kind).toBe(kind);
    return error as Trap;
  };
  // Each trap locks its instance down, so every case runs on a fresh instance.
  const fresh = () => witcInstance(hostile);
  const cases: [string, (api: Api) => unknown, string][] = [
    ['out-of-bounds string pointer', (api) => api.echoString!('hi'), 'out_of_bounds'],
    ['list length past the maximum', (api) => api.echoStrings!(['a']), 'list_too_long'],
    ['bad variant discriminant', (api) => api.echoVar!({ tag: 'a' }), 'invalid_discriminant'],
    ['bad nested option discriminant', (api) => api.echoOpt!({ tag: 'none' }), 'invalid_discriminant'],
    ['misaligned return pointer', (api) => api.echoRec!({ id: 1, score: 0, ok: true, big: 0n }), 'misaligned_pointer'],
    ['surrogate char', (api) => api.echoChar!('a'), 'invalid_char'],
  ];
  for (const [name, call, kind] of cases)
    it(name, async () => {
      const api = await fresh();
      traps(() => call(api), kind);
    });
  it('invalid UTF-8', async () => {
    const api = await witcInstance(badUtf8Core);
    traps(() => api.echoString!('x'), 'invalid_string_encoding');
  });

  it('after a trap every later call throws instance_trapped naming it; other instances are unaffected', async () => {
    const api = await witcInstance(badUtf8Core);
    const first = traps(() => api.echoString!('x'), 'invalid_string_encoding');
    // Well-formed calls (this function works on a healthy instance) and the trapping one alike.
    for (const call of [
      () => api.echoRec!({ id: 5, score: 2.5, ok: false, big: -1n }),
      () => api.echoString!('x'),
      () => api.echoChar!('a'),
    ]) {
      const later = traps(call, 'instance_trapped');
      expect(later.cause).toBe(first);
      expect(later.message).toContain('trapped earlier');
      expect(later.message).toContain(first.message);
    }
    const other = await witcInstance(badUtf8Core);
    expect(other.echoRec!({ id: 5, score: 2.5, ok: false, big: -1n })).toStrictEqual({
      id: 5,
      score: 2.5,
      ok: false,
      big: -1n,
    });
  });

  it("a host value that does not fit the WIT type is a TypeError that leaves the instance usable", async () => {
    const api = await witcInstance(badUtf8Core);
    expect(thrown(() => api.echoRec!({ id: -1, score: 0, ok: true, big: 0n }))).toBeInstanceOf(TypeError);
    expect(thrown(() => api.echoVar!({ tag: 'nope' }))).toBeInstanceOf(TypeError);
    expect(api.echoChar!('é')).toBe('é');
  });
});
