/**
 * witc's host bindings on a light core module (test/bindgen-host/echo-core.ts): the same fast-check values through
 * witc and through jco's glue for the same module must give identical results; a hostile variant of the module
 * (bad pointers, lengths, discriminants, chars, UTF-8) must make witc trap with the matching `Trap` kind without
 * reading outside the memory, and the instance keeps working for well-formed calls afterwards.
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
  let witc: Api;
  let badUtf8: Api;
  beforeAll(async () => {
    witc = await witcInstance((await buildEchoComponent(HOSTILE)).core);
    badUtf8 = await witcInstance(
      (
        await buildEchoComponent({
          'echo-string': `    (i32.store8 (i32.const 200) (i32.const 0xc0))
    (i32.store8 (i32.const 201) (i32.const 0xaf))
    (i32.store (i32.const ${RET}) (i32.const 200))
    (i32.store (i32.const ${RET + 4}) (i32.const 2))
    (i32.const ${RET})`,
        })
      ).core,
    );
  }, 60_000);

  const traps = (call: () => unknown, kind: string) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    // The bindings are bundled with their own copy of the runtime, so compare the class by name.
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe(new Trap('out_of_bounds', '').name);
    expect((error as Trap).kind).toBe(kind);
  };

  it('out-of-bounds string pointer', () => traps(() => witc.echoString!('hi'), 'out_of_bounds'));
  it('list length past the maximum', () => traps(() => witc.echoStrings!(['a']), 'list_too_long'));
  it('bad variant discriminant', () => traps(() => witc.echoVar!({ tag: 'a' }), 'invalid_discriminant'));
  it('bad nested option discriminant', () => traps(() => witc.echoOpt!({ tag: 'none' }), 'invalid_discriminant'));
  it('misaligned return pointer', () =>
    traps(() => witc.echoRec!({ id: 1, score: 0, ok: true, big: 0n }), 'misaligned_pointer'));
  it('surrogate char', () => traps(() => witc.echoChar!('a'), 'invalid_char'));
  it('invalid UTF-8', () => traps(() => badUtf8.echoString!('x'), 'invalid_string_encoding'));
  it('the instance still serves well-formed calls after traps', () => {
    traps(() => witc.echoVar!({ tag: 'a' }), 'invalid_discriminant');
    expect(badUtf8.echoRec!({ id: 5, score: 2.5, ok: false, big: -1n })).toStrictEqual({
      id: 5,
      score: 2.5,
      ok: false,
      big: -1n,
    });
  });
});
