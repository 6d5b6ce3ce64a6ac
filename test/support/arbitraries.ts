/**
 * fast-check arbitraries for WIT values in jco's JavaScript mapping, biased
 * towards the edges lift/lower code gets wrong: integer extremes, -0, NaN and
 * infinities, surrogate boundaries, astral and non-ASCII text.
 */
import fc from 'fast-check';

/** An integer in [min, max] that hits both ends and zero often. */
function edgyInteger(min: number, max: number): fc.Arbitrary<number> {
  const edges = [min, max, 0, 1, -1, min + 1, max - 1].filter((n) => n >= min && n <= max);
  return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

/** A bigint in [min, max] that hits both ends and zero often. */
function edgyBigInt(min: bigint, max: bigint): fc.Arbitrary<bigint> {
  const edges = [min, max, 0n, 1n, -1n, min + 1n, max - 1n, 1n << 53n, (1n << 53n) + 1n].filter((n) => n >= min && n <= max);
  return fc.oneof({ weight: 3, arbitrary: fc.bigInt({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

export const u8 = (): fc.Arbitrary<number> => edgyInteger(0, 0xff);
export const s8 = (): fc.Arbitrary<number> => edgyInteger(-0x80, 0x7f);
export const u16 = (): fc.Arbitrary<number> => edgyInteger(0, 0xffff);
export const s16 = (): fc.Arbitrary<number> => edgyInteger(-0x8000, 0x7fff);
/** `max` narrows the range (componentize-js 0.23 guests mis-lower flat `u32` results ≥ 2^31). */
export const u32 = (max = 0xffff_ffff): fc.Arbitrary<number> => edgyInteger(0, max);
export const s32 = (): fc.Arbitrary<number> => edgyInteger(-0x8000_0000, 0x7fff_ffff);
export const u64 = (): fc.Arbitrary<bigint> => edgyBigInt(0n, (1n << 64n) - 1n);
/** `min` narrows the range (componentize-js 0.23 guests trap returning a negative flat `s64`). */
export const s64 = (min = -(1n << 63n)): fc.Arbitrary<bigint> => edgyBigInt(min, (1n << 63n) - 1n);

/** Any 32-bit float as a JS number: NaN, ±Infinity, -0, subnormals included. */
export const f32 = (): fc.Arbitrary<number> => fc.float();
/** Any 64-bit float: NaN, ±Infinity, -0, subnormals included. */
export const f64 = (): fc.Arbitrary<number> => fc.double();

const CHAR_EDGES = [0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff];

/** A Unicode scalar value (never a surrogate) as a one-code-point string. */
export const char = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xd7ff }),
      fc.integer({ min: 0xe000, max: 0x10ffff }),
      fc.constantFrom(...CHAR_EDGES),
    )
    .map((cp) => String.fromCodePoint(cp));

/**
 * A well-formed string: ASCII, any scalar values (astral included), grapheme
 * clusters, or text made of {@link char} edges. `maxLength` counts units.
 *
 * Never starts with U+FEFF: the componentize-js guest decodes strings with a
 * BOM-stripping decoder, so such a string does not come back unchanged (a
 * guest defect, not a host one; U+FEFF elsewhere in a string is kept and is
 * generated).
 */
export const text = (maxLength = 40): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ maxLength }),
      fc.string({ unit: 'binary', maxLength }),
      fc.string({ unit: 'grapheme', maxLength }),
      fc.array(char(), { maxLength }).map((chars) => chars.join('')),
    )
    .map((s) => (s.startsWith('\uFEFF') ? `x${s}` : s));

/** `option<T>` for a non-nullable T: `undefined` or the value. */
export const option = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** `result<T, E>` as a `{ tag, val }` object. */
export const result = <T, E>(
  ok: fc.Arbitrary<T>,
  err: fc.Arbitrary<E>,
): fc.Arbitrary<{ tag: 'ok'; val: T } | { tag: 'err'; val: E }> =>
  fc.oneof(
    ok.map((val) => ({ tag: 'ok' as const, val })),
    err.map((val) => ({ tag: 'err' as const, val })),
  );

/** Flags: every name mapped to a boolean (the shape jco lifts). */
export const flags = <K extends string>(names: readonly K[]): fc.Arbitrary<Record<K, boolean>> =>
  fc.tuple(...names.map(() => fc.boolean())).map((bits) => {
    const out = {} as Record<K, boolean>;
    names.forEach((name, i) => (out[name] = bits[i] as boolean));
    return out;
  });

/** Reinterprets 32-bit patterns as floats: NaNs with arbitrary payloads included. */
export const f32Bits = (maxLength = 16): fc.Arbitrary<Float32Array> =>
  fc.uint32Array({ maxLength }).map((bits) => new Float32Array(bits.buffer));
