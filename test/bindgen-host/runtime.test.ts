/**
 * The host runtime's string codecs against the platform's: `liftUtf8` (with its JavaScript transcoder for long
 * non-ASCII text) must decode exactly what a fatal `TextDecoder` decodes and trap on exactly what it rejects;
 * `lowerToUtf8` must write `TextEncoder`'s bytes into an allocation of exactly that length.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbiContext, Trap, liftUtf8, lowerToUtf8 } from '../../src/bindgen/host/runtime.js';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeOrNull(bytes: Uint8Array): string | null {
  try {
    return fatal.decode(bytes);
  } catch {
    return null;
  }
}

/** Runs `liftUtf8` over `bytes` placed at offset 8 of a memory; `null` when it traps with invalid_string_encoding. */
function lift(bytes: Uint8Array): string | null {
  const mem = new Uint8Array(bytes.length + 16);
  mem.set(bytes, 8);
  try {
    return liftUtf8(new AbiContext({ memory: mem }), 8, bytes.length);
  } catch (e) {
    if (e instanceof Trap && e.kind === 'invalid_string_encoding') return null;
    throw e;
  }
}

/** Byte strings biased to long, non-ASCII-led, sometimes broken UTF-8. */
const utf8ish = fc
  .tuple(
    fc.string({ unit: 'binary', minLength: 20, maxLength: 120 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([s, edits, cut]) => {
    const bytes = new TextEncoder().encode('é' + s);
    for (const [at, b] of edits) if (bytes.length > 0) bytes[at % bytes.length] = b;
    return bytes.subarray(0, Math.max(0, bytes.length - cut));
  });

describe('host runtime strings', () => {
  it('liftUtf8 agrees with a fatal TextDecoder on valid and invalid UTF-8', () => {
    fc.assert(
      fc.property(utf8ish, (bytes) => {
        expect(lift(bytes)).toBe(decodeOrNull(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('liftUtf8 rejects overlong forms, surrogates, code points past U+10FFFF and truncation in long text', () => {
    const pad = new TextEncoder().encode('ж'.repeat(40));
    for (const bad of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98],
      [0xff],
    ]) {
      const bytes = new Uint8Array([...pad, ...bad]);
      expect(decodeOrNull(bytes)).toBeNull();
      expect(lift(bytes)).toBeNull();
    }
    const astral = new TextEncoder().encode('😀é\u{10ffff}a'.repeat(30));
    expect(lift(astral)).toBe('😀é\u{10ffff}a'.repeat(30));
  });

  it('lowerToUtf8 writes TextEncoder bytes into an allocation of exactly the written length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const mem = new Uint8Array(4096);
        const blocks: [number, number][] = [];
        let next = 8;
        const realloc = (old: number, oldSize: number, _align: number, size: number) => {
          if (old !== 0 && size <= oldSize) {
            blocks.push([old, size]);
            return old;
          }
          const p = next;
          next += size;
          if (old !== 0) mem.copyWithin(p, old, old + oldSize);
          blocks.push([p, size]);
          return p;
        };
        const cx = new AbiContext({ memory: mem, realloc });
        const p = lowerToUtf8(cx, s, 'utf8');
        const expected = new TextEncoder().encode(s);
        expect(cx.len).toBe(expected.length);
        expect(Array.from(mem.subarray(p, p + cx.len))).toStrictEqual(Array.from(expected));
        expect(blocks[blocks.length - 1]).toStrictEqual([p, expected.length]);
      }),
      { numRuns: 500 },
    );
  });
});
