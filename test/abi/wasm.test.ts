/**
 * Generated code against a real core module: the guest's memory (which grows inside its own cabi_realloc) and
 * realloc export. The module was assembled from this text format:
 *
 *   (memory (export "memory") 1)  (global $next (mut i32) (i32.const 1024))
 *   (data (i32.const 16) "\20\00\00\00\06\00\00\00")  (data (i32.const 32) "h\c3\a9llo")
 *   cabi_realloc: bump allocator aligned to `align`, grows memory when needed, copies min(old, new) bytes
 *   (func (export "greet") (result i32) (i32.const 16))        ;; returns a pointer to a string's (ptr, len)
 *   (func (export "strlen") (param i32 i32) (result i32) (local.get 1))
 */
import { describe, expect, it } from 'vitest';
import { AbiContext, compileAbiModule, generateAbiModule, t } from '../../src/abi/index.js';

const GUEST = '0061736d0100000001130360047f7f7f7f017f6000017f60027f7f017f03040300010205030100010607017f014180080b072a04066d656d6f727902000c636162695f7265616c6c6f6300000567726565740001067374726c656e00020a5d035101017f2300200241016b6a410020026b712104200420036a240023003f00418080046c4b044023003f00418080046c6b418080046e41016a40001a0b200420002001200320012003491bfc0a000020040b040041100b040020010b0b19020041100b0820000000060000000041200b0668c3a96c6c6f0036046e616d65022602000500036f6c6401056f6c64737a0205616c69676e03036e6577040170020200017001016e07070100046e657874';

interface Guest {
  memory: { buffer: ArrayBuffer };
  cabi_realloc(a: number, b: number, c: number, d: number): number;
  greet(): number;
  strlen(p: number, n: number): number;
}

async function instantiate(): Promise<Guest> {
  const wasm = (globalThis as unknown as {
    WebAssembly: { instantiate(b: Uint8Array): Promise<{ instance: { exports: unknown } }> };
  }).WebAssembly;
  const bytes = Uint8Array.from(GUEST.match(/../g)!.map((h) => parseInt(h, 16)));
  return (await wasm.instantiate(bytes)).instance.exports as Guest;
}

describe('a real core module', () => {
  it('lifts a spilled string result and lowers string arguments through the guest realloc', async () => {
    const g = await instantiate();
    const cx = new AbiContext({ memory: g.memory, realloc: g.cabi_realloc });
    const mod = compileAbiModule(
      generateAbiModule({
        values: [{ name: 'string', type: t.prim('string') }],
        tuples: [
          { name: 'greetResult', types: [t.prim('string')], maxFlat: 1 },
          { name: 'strlenArgs', types: [t.prim('string')], maxFlat: 16 },
        ],
      }),
      cx,
    );
    expect(mod.tuples.greetResult!.lift([g.greet()], 0)).toEqual(['héllo']);

    for (const s of ['wörld', 'x'.repeat(200_000) + '😀']) {
      const before = g.memory.buffer.byteLength;
      const args: unknown[] = [];
      expect(mod.tuples.strlenArgs!.lower([s], args)).toBe(2);
      expect(g.strlen(args[0] as number, args[1] as number)).toBe(new TextEncoder().encode(s).length);
      expect(mod.values.string!.liftFlat(args, 0)).toBe(s);
      if (s.length > 1000) expect(g.memory.buffer.byteLength).toBeGreaterThan(before);
    }
  });
});
