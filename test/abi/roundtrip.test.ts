/**
 * Property tests: for random types and values, store→load and lowerFlat→liftFlat give the value back (NaNs come back
 * as NaN, every encoding and address type).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/abi/index.js';
import { typeArb, valueArb } from './arbitraries.js';
import { harness } from './support.js';

/** Structural view for comparison: typed arrays as arrays, Maps as entry arrays, NaN as a marker. */
function plain(v: unknown): unknown {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v;
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Map) return [...v].map(plain);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, plain);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const config = fc.record({
  addr: fc.constantFrom('i32' as const, 'i64' as const),
  encoding: fc.constantFrom('utf8' as const, 'utf16' as const, 'latin1+utf16' as const),
  stringSource: fc.constantFrom('utf16' as const, 'utf8' as const, 'latin1+utf16' as const, 'latin1+utf16:utf16' as const),
});

const typeAndValue = typeArb.chain((ty) => fc.tuple(fc.constant(ty), valueArb(ty)));

describe('round trips over generated code', () => {
  it('store then load gives the value back', () => {
    fc.assert(
      fc.property(typeAndValue, config, ([ty, v], opts) => {
        const h = harness(ty, opts, 1 << 18);
        h.codec.store(v, 64);
        expect(plain(h.codec.load(64))).toEqual(plain(v));
      }),
      { numRuns: 300 },
    );
  });

  it('lowerFlat then liftFlat gives the value back', () => {
    fc.assert(
      fc.property(typeAndValue, config, ([ty, v], opts) => {
        const h = harness(ty, opts, 1 << 18);
        const flat: unknown[] = [];
        h.codec.lowerFlat(v, flat, 0);
        expect(plain(h.codec.liftFlat(flat, 0))).toEqual(plain(v));
      }),
      { numRuns: 300 },
    );
  });

  it('stores NaN as the canonical bit pattern', () => {
    const h = harness(t.tuple([t.prim('f32'), t.prim('f64')]));
    const weird32 = new Float32Array(new Uint32Array([0xffc12345]).buffer)[0] as number;
    const weird64 = new Float64Array(new BigUint64Array([0xfff0000000000001n]).buffer)[0] as number;
    h.codec.store([weird32, weird64], 8);
    const dv = new DataView(h.mem.buffer);
    expect(dv.getUint32(8, true)).toBe(0x7fc00000);
    expect(dv.getBigUint64(16, true)).toBe(0x7ff8000000000000n);
  });
});
