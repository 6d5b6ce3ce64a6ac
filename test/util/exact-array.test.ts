import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactSlice, mapExact } from '../../src/util/exact-array.js';

/** `a` has an own element at every index (no holes). */
const dense = (a: readonly unknown[]) => a.every((_, i) => i in a) && Object.keys(a).length === a.length;

describe('exactSlice and mapExact', () => {
  it('equal slice and map for every length, past the literal cases', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 }), (n, from) => {
        const src = Array.from({ length: from + n + 3 }, (_, i) => `x${i}`);
        const slice = exactSlice(src, from, n);
        expect(slice).toEqual(src.slice(from, from + n));
        const order: string[] = [];
        const mapped = mapExact(slice, (x) => {
          order.push(x);
          return `${x}!`;
        });
        expect(mapped).toEqual(slice.map((x) => `${x}!`));
        expect(order).toEqual(slice);
        expect(dense(slice) && dense(mapped)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('handles lists longer than `new Array(n)` should make (they grow instead)', () => {
    for (const n of [65536, 65537]) {
      const src = Array.from({ length: n + 1 }, (_, i) => i);
      const slice = exactSlice(src, 1, n);
      expect(slice.length).toBe(n);
      expect(slice[0]).toBe(1);
      expect(slice[n - 1]).toBe(n);
      const mapped = mapExact(slice, (x) => x * 2);
      expect(mapped.length).toBe(n);
      expect(mapped[n - 1]).toBe(2 * n);
      expect(dense(slice) && dense(mapped)).toBe(true);
    }
  });
});
