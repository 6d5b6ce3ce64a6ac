/**
 * Hostile guest memory and flat values: every bad input traps with a clear `Trap` (kind + message), nothing is read
 * outside the guest memory, and the handles table stays consistent.
 */
import { describe, expect, it } from 'vitest';
import {
  AbiContext,
  compileAbiModule,
  generateAbiModule,
  runtime,
  t,
  type AbiType,
  type ValueCodec,
} from '../../src/abi/index.js';
import { harness, trapOf } from './support.js';

/** A codec whose memory is a window [16, 16+size) of a larger buffer filled with 0x61 ('a') outside the window. */
function windowed(type: AbiType, size: number, opts: Parameters<typeof generateAbiModule>[1] = {}) {
  const buffer = new ArrayBuffer(size + 64);
  new Uint8Array(buffer).fill(0x61);
  const mem = new Uint8Array(buffer, 16, size);
  mem.fill(0);
  const cx = new AbiContext({ memory: mem, addr: opts.addr ?? 'i32' });
  const codec = compileAbiModule(generateAbiModule({ values: [{ name: 'v', type }] }, opts), cx).values.v as ValueCodec;
  return { mem, dv: new DataView(buffer, 16, size), codec, cx };
}

describe('hostile memory traps', () => {
  it('traps on a string that runs past the end instead of reading neighbouring bytes', () => {
    const { dv, codec } = windowed(t.prim('string'), 64);
    dv.setUint32(0, 60, true);
    dv.setUint32(4, 8, true); // bytes 60..68, memory is 64 bytes; the buffer continues with 'a's
    const trap = trapOf(() => codec.load(0));
    expect(trap?.kind).toBe('out_of_bounds');
    expect(trap?.message).toMatch(/exceeds memory of 64 bytes/);
  });

  it('traps on out-of-bounds and too-long lists', () => {
    const { dv, codec } = windowed(t.list(t.prim('u32')), 64);
    dv.setUint32(0, 32, true);
    dv.setUint32(4, 9, true); // 36 bytes from 32
    expect(trapOf(() => codec.load(0))?.kind).toBe('out_of_bounds');
    dv.setUint32(4, 0x4000000, true); // 2^26 * 4 bytes > 2^28 - 1
    expect(trapOf(() => codec.load(0))?.kind).toBe('list_too_long');
    dv.setUint32(0, 34, true);
    dv.setUint32(4, 1, true);
    expect(trapOf(() => codec.load(0))?.kind).toBe('misaligned_pointer');
  });

  it('checks string length before alignment before bounds', () => {
    const { dv, codec } = windowed(t.prim('string'), 64, { encoding: 'utf16' });
    dv.setUint32(0, 0xfffffff1, true); // misaligned, out of bounds and too long: too long wins
    dv.setUint32(4, 0x10000000, true);
    expect(trapOf(() => codec.load(0))?.kind).toBe('string_too_long');
    dv.setUint32(4, 1, true);
    expect(trapOf(() => codec.load(0))?.kind).toBe('misaligned_pointer');
    dv.setUint32(0, 0xfffffff0, true);
    expect(trapOf(() => codec.load(0))?.kind).toBe('out_of_bounds');
  });

  it('traps on invalid UTF-8 and UTF-16', () => {
    const u8 = windowed(t.prim('string'), 64);
    u8.dv.setUint32(0, 16, true);
    u8.dv.setUint32(4, 3, true);
    u8.mem.set([0xed, 0xa0, 0x80], 16); // an encoded surrogate
    expect(trapOf(() => u8.codec.load(0))?.kind).toBe('invalid_string_encoding');
    u8.mem.set([0xc3], 16); // truncated sequence at the end of the range
    u8.dv.setUint32(4, 1, true);
    expect(trapOf(() => u8.codec.load(0))?.kind).toBe('invalid_string_encoding');

    const u16 = windowed(t.prim('string'), 64, { encoding: 'utf16' });
    u16.dv.setUint32(0, 16, true);
    u16.dv.setUint32(4, 1, true);
    u16.dv.setUint16(16, 0xdc00, true); // lone low surrogate
    expect(trapOf(() => u16.codec.load(0))?.kind).toBe('invalid_string_encoding');
  });

  it('keeps a leading byte order mark (no BOM stripping)', () => {
    const { dv, mem, codec } = windowed(t.prim('string'), 64);
    dv.setUint32(0, 16, true);
    dv.setUint32(4, 4, true);
    mem.set([0xef, 0xbb, 0xbf, 0x41], 16);
    expect(codec.load(0)).toBe('\ufeffA');
  });

  it('reads latin1+utf16 tagged lengths', () => {
    const { dv, mem, codec } = windowed(t.prim('string'), 64, { encoding: 'latin1+utf16' });
    dv.setUint32(0, 16, true);
    dv.setUint32(4, 2, true);
    mem.set([0xe9, 0xff], 16); // Latin-1 é ÿ (not windows-1252)
    expect(codec.load(0)).toBe('éÿ');
    dv.setUint32(4, 0x80000001, true);
    dv.setUint16(16, 0x20ac, true);
    expect(codec.load(0)).toBe('€');
  });

  it('traps on bad discriminants, chars, and accepts any nonzero bool', () => {
    const v = windowed(t.variant([['a', t.prim('u8')], ['b', undefined]]), 8);
    v.mem[0] = 2;
    expect(trapOf(() => v.codec.load(0))?.kind).toBe('invalid_discriminant');
    expect(trapOf(() => v.codec.liftFlat([7, 0], 0))?.kind).toBe('invalid_discriminant');

    const e = windowed(t.enum(Array.from({ length: 300 }, (_, i) => `e${i}`)), 8);
    e.dv.setUint16(0, 300, true);
    expect(trapOf(() => e.codec.load(0))?.kind).toBe('invalid_discriminant');
    e.dv.setUint16(0, 299, true);
    expect(e.codec.load(0)).toBe('e299');

    const c = windowed(t.prim('char'), 8);
    for (const bad of [0xd800, 0xdfff, 0x110000, 0xffffffff]) {
      c.dv.setUint32(0, bad, true);
      expect(trapOf(() => c.codec.load(0))?.kind).toBe('invalid_char');
      expect(trapOf(() => c.codec.liftFlat([bad | 0], 0))?.kind).toBe('invalid_char');
    }

    const b = windowed(t.prim('bool'), 8);
    b.mem[0] = 2;
    expect(b.codec.load(0)).toBe(true);
  });

  it('traps on misaligned or out-of-bounds top-level pointers', () => {
    const { codec } = windowed(t.prim('u64'), 16);
    expect(trapOf(() => codec.load(4))?.kind).toBe('misaligned_pointer');
    expect(trapOf(() => codec.load(16))?.kind).toBe('out_of_bounds');
    expect(trapOf(() => codec.store(1n, 12))?.kind).toBe('misaligned_pointer');
  });

  it('traps on huge memory64 pointers without losing the alignment check', () => {
    const { codec } = windowed(t.prim('string'), 64, { addr: 'i64', encoding: 'utf16' });
    expect(trapOf(() => codec.liftFlat([(1n << 60n) + 1n, 1n], 0))?.kind).toBe('misaligned_pointer');
    expect(trapOf(() => codec.liftFlat([1n << 60n, 1n], 0))?.kind).toBe('out_of_bounds');
    expect(trapOf(() => codec.liftFlat([0n, -1n], 0))?.kind).toBe('string_too_long');
  });

  it('traps when realloc returns a bad pointer', () => {
    const cx = new AbiContext({ memory: new Uint8Array(64), realloc: () => 2 });
    const mod = generateAbiModule({ values: [{ name: 'v', type: t.list(t.prim('u32')) }] });
    const bad = compileAbiModule(mod, cx).values.v!;
    expect(trapOf(() => bad.lowerFlat([1], [], 0))?.kind).toBe('misaligned_pointer');
    const small = harness(t.prim('string'), {}, 16, 8);
    expect(trapOf(() => small.codec.lowerFlat('0123456789', [], 0))?.kind).toBe('out_of_bounds');
  });

  it('rejects invalid host values with a TypeError, not a trap', () => {
    const h = harness(t.record([['a', t.prim('u8')]]));
    expect(() => h.codec.store({ a: 256 }, 0)).toThrow(TypeError);
    const v = harness(t.variant([['x', undefined]]));
    expect(() => v.codec.store({ tag: 'y' }, 0)).toThrow(TypeError);
    const e = harness(t.enum(['a']));
    expect(() => e.codec.lowerFlat('b', [], 0)).toThrow(TypeError);
    const c = harness(t.prim('char'));
    for (const bad of ['', 'ab', '\ud800', 65]) expect(() => c.codec.lowerFlat(bad, [], 0)).toThrow(TypeError);
    const out: unknown[] = [];
    c.codec.lowerFlat('😀', out, 0);
    expect(out).toEqual([0x1f600]);
  });

  it('lowers missing flags as none set and ignores unknown flag bits when lifting', () => {
    const h = harness(t.flags(['a', 'b-c']));
    const out: unknown[] = [];
    h.codec.lowerFlat(undefined, out, 0);
    h.codec.lowerFlat({ bC: true }, out, 1);
    expect(out).toEqual([0, 2]);
    expect(h.codec.liftFlat([0xff], 0)).toEqual({ a: true, bC: true });
  });
});

describe('handle tables', () => {
  function setup(type: AbiType) {
    const impl = {};
    const r = new runtime.ResourceType('r', impl, null);
    const other = new runtime.ResourceType('other', impl, null);
    const h = harness(type, {}, 256, 64, { r, other });
    return { ...h, r, other };
  }

  it('lowers and lifts own handles, reusing freed slots last-in first-out', () => {
    const { cx, codec } = setup(t.own('r'));
    const out: unknown[] = [];
    codec.lowerFlat(42, out, 0);
    codec.lowerFlat(43, out, 1);
    expect(out).toEqual([1, 2]);
    expect(codec.liftFlat([1], 0)).toBe(42);
    expect(cx.handles.array[1]).toBeNull();
    expect(cx.handles.free).toEqual([1]);
    codec.lowerFlat(44, out, 2);
    expect(out[2]).toBe(1);
  });

  it('traps on invalid indices, wrong types, borrows and lent handles', () => {
    const { cx, codec, r, other } = setup(t.own('r'));
    expect(trapOf(() => codec.liftFlat([0], 0))?.kind).toBe('invalid_handle_index');
    expect(trapOf(() => codec.liftFlat([99], 0))?.kind).toBe('invalid_handle_index');
    const i = cx.handles.add(new runtime.ResourceHandle(other, 1, true));
    expect(trapOf(() => codec.liftFlat([i], 0))?.kind).toBe('resource_type_mismatch');
    const j = cx.handles.add(new runtime.ResourceHandle(r, 2, false, cx.borrowScope));
    expect(trapOf(() => codec.liftFlat([j], 0))?.kind).toBe('not_an_own_handle');
    const lent = new runtime.ResourceHandle(r, 3, true);
    lent.lends = 1;
    const k = cx.handles.add(lent);
    expect(trapOf(() => codec.liftFlat([k], 0))?.kind).toBe('resource_lent');
    const ec = cx.handles.add(new runtime.ErrorContext('x'));
    expect(trapOf(() => codec.liftFlat([ec], 0))?.kind).toBe('not_a_resource_handle');
  });

  it('tracks borrows: lends on lift, num_borrows on lower, returned at the end of the call', () => {
    const { cx, codec, r } = setup(t.borrow('r'));
    const i = cx.handles.add(new runtime.ResourceHandle(r, 7, true));
    expect(codec.liftFlat([i], 0)).toBe(7);
    const h = cx.handles.get(i) as runtime.ResourceHandle;
    expect(h.lends).toBe(1);
    runtime.endLends(cx);
    expect(h.lends).toBe(0);

    const out: unknown[] = [];
    codec.lowerFlat(9, out, 0);
    expect(cx.borrowScope.numBorrows).toBe(1);
    expect(trapOf(() => runtime.endBorrowScope(cx))?.kind).toBe('borrows_outstanding');
    runtime.resourceDrop(cx, r, out[0] as number);
    expect(cx.borrowScope.numBorrows).toBe(0);
  });

  it('passes the rep through when lowering a borrow to the implementing instance', () => {
    const impl = {};
    const r = new runtime.ResourceType('r', impl, null);
    const cx = new AbiContext({ memory: new Uint8Array(16), resources: { r }, instance: impl });
    const codec = compileAbiModule(generateAbiModule({ values: [{ name: 'v', type: t.borrow('r') }] }), cx).values.v!;
    const out: unknown[] = [];
    codec.lowerFlat(77, out, 0);
    expect(out).toEqual([77]);
    expect(cx.handles.array).toEqual([null]);
  });

  it('lets bindgen wrap reps through handle hooks', () => {
    const r = new runtime.ResourceType('r', {}, null);
    const cx = new AbiContext({ memory: new Uint8Array(64), resources: { r } });
    const src = generateAbiModule(
      { values: [{ name: 'v', type: t.list(t.own('r'), 2) }] },
      { handles: { lift: (_ty, rep) => `({ rep: ${rep} })`, lower: (_ty, v) => `${v}.rep` } },
    );
    const codec = compileAbiModule(src, cx).values.v!;
    codec.store([{ rep: 5 }, { rep: 6 }], 8);
    expect((cx.handles.get(2) as runtime.ResourceHandle).rep).toBe(6);
    expect(codec.load(8)).toEqual([{ rep: 5 }, { rep: 6 }]);
    expect(cx.handles.free).toEqual([1, 2]);
  });

  it('traps when the table is full (2^28 - 1 entries)', () => {
    const table = new runtime.HandleTable();
    (table.array as unknown[]).length = runtime.MAX_TABLE_LENGTH + 1; // sparse: slots 1..2^28-1 taken
    expect(trapOf(() => table.add({}))?.kind).toBe('table_full');
    table.free.push(5);
    expect(table.add({})).toBe(5); // a freed slot is still reusable
  });

  it('runs the destructor when an owned handle is dropped', () => {
    const dropped: number[] = [];
    const r = new runtime.ResourceType('r', null, (rep) => dropped.push(rep));
    const cx = new AbiContext({ resources: { r } });
    const i = runtime.resourceNew(cx, r, 5);
    expect(runtime.resourceRep(cx, r, i)).toBe(5);
    runtime.resourceDrop(cx, r, i);
    expect(dropped).toEqual([5]);
    expect(trapOf(() => runtime.resourceDrop(cx, r, i))?.kind).toBe('invalid_handle_index');
  });
});

describe('growing memory', () => {
  it('re-reads the views when realloc grows a WebAssembly.Memory mid-lowering', () => {
    const wasm = (globalThis as unknown as {
      WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer; grow(n: number): number } };
    }).WebAssembly;
    const memory = new wasm.Memory({ initial: 1, maximum: 64 });
    let next = 16;
    let grows = 0;
    // A conforming realloc: a fresh block each time, keeping min(old, new) bytes of the old block.
    const realloc = (o: number, os: number, a: number, n: number) => {
      const p = Math.ceil(next / a) * a;
      next = p + n;
      while (next > memory.buffer.byteLength) {
        memory.grow(1);
        grows++;
      }
      new Uint8Array(memory.buffer).copyWithin(p, o, o + Math.min(os, n));
      return p;
    };
    const cx = new AbiContext({ memory, realloc });
    const type = t.list(t.record([['s', t.prim('string')], ['n', t.prim('u32')]]));
    const codec = compileAbiModule(generateAbiModule({ values: [{ name: 'v', type }] }), cx).values.v!;
    const value = Array.from({ length: 200 }, (_, i) => ({ s: `${i}:${'é'.repeat(300)}`, n: i }));
    const out: unknown[] = [];
    codec.lowerFlat(value, out, 0);
    expect(grows).toBeGreaterThan(0);
    expect(codec.liftFlat(out, 0)).toEqual(value);
  });
});
