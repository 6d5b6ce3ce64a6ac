/** String lowering follows the spec's realloc sequences (worked out by hand from CanonicalABI.md here). */
import { describe, expect, it } from 'vitest';
import { t } from '../../src/abi/index.js';
import { harness } from './support.js';

const H = 1024; // heap base of the test allocator (shrinking reallocs stay in place)

function lower(s: string, opts: Parameters<typeof harness>[1]) {
  const h = harness(t.prim('string'), opts);
  const out: unknown[] = [];
  h.codec.lowerFlat(s, out, 0);
  return { out, reallocs: h.reallocs, mem: h.mem };
}

describe('string lowering realloc sequences', () => {
  it('utf16 source to utf8: optimistic ASCII, then worst case 3×, then shrink', () => {
    const { out, reallocs, mem } = lower('aé', { encoding: 'utf8' });
    // allocate 2 bytes; at 'é' grow to 6 bytes (moves to H+2), write 3 bytes, shrink to 3 in place
    expect(reallocs).toEqual([
      [0, 0, 1, 2, H],
      [H, 2, 1, 6, H + 2],
      [H + 2, 6, 1, 3, H + 2],
    ]);
    expect(out).toEqual([H + 2, 3]);
    expect([...mem.subarray(H + 2, H + 5)]).toEqual([0x61, 0xc3, 0xa9]);
  });

  it('pure ASCII needs a single allocation of the exact size', () => {
    const long = 'x'.repeat(100);
    const { out, reallocs } = lower(long, { encoding: 'utf8' });
    expect(reallocs).toEqual([[0, 0, 1, 100, H]]);
    expect(out).toEqual([H, 100]);
  });

  it('utf8 source to utf8 copies exactly its UTF-8 length', () => {
    const { out, reallocs } = lower('é😀', { encoding: 'utf8', stringSource: 'utf8' });
    expect(reallocs).toEqual([[0, 0, 1, 6, H]]);
    expect(out).toEqual([H, 6]);
  });

  it('utf8 source to utf16: worst case 2× the UTF-8 bytes, then shrink to the UTF-16 size', () => {
    const { out, reallocs } = lower('é', { encoding: 'utf16', stringSource: 'utf8' });
    // 2 UTF-8 bytes -> allocate 4, one code unit -> shrink to 2
    expect(reallocs).toEqual([
      [0, 0, 2, 4, H],
      [H, 4, 2, 2, H],
    ]);
    expect(out).toEqual([H, 1]);
  });

  it('latin1+utf16: inflates to tagged UTF-16 at the first char above U+00FF', () => {
    const { out, reallocs, mem } = lower('aĀ', { encoding: 'latin1+utf16' });
    expect(reallocs).toEqual([
      [0, 0, 2, 2, H],
      [H, 2, 2, 4, H + 2],
    ]);
    expect(out).toEqual([H + 2, (2 | 0x80000000) >>> 0]);
    expect([...mem.subarray(H + 2, H + 6)]).toEqual([0x61, 0, 0x00, 0x01]);
  });

  it('latin1+utf16: Latin-1 text stays one byte per char', () => {
    const { out, reallocs } = lower('é!', { encoding: 'latin1+utf16', addr: 'i64' });
    expect(reallocs).toEqual([[0, 0, 2, 2, H]]);
    expect(out).toEqual([BigInt(H), 2n]);
  });

  it('latin1+utf16 from a tagged UTF-16 source deflates Latin-1 text', () => {
    const { out, reallocs } = lower('ab', { encoding: 'latin1+utf16', stringSource: 'latin1+utf16:utf16' });
    expect(reallocs).toEqual([
      [0, 0, 2, 4, H],
      [H, 4, 1, 2, H],
    ]);
    expect(out).toEqual([H, 2]);
  });
});
