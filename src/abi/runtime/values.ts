/**
 * Small scalar helpers called by generated code: NaN canonicalization, bit-casts between joined flat slots, char
 * validation, discriminant and list checks, list allocation.
 */
import type { AbiContext } from './context.js';
import { trap } from './trap.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Canonicalize NaN (`canonicalize_nan32/64`; the deterministic profile's `maybe_scramble_nan`). */
export function canonNaN(x: number): number {
  return x === x ? x : NaN;
}

/** `encode_float_as_i32` (canonical NaN), as an unsigned number. */
export function f32ToI32(x: number): number {
  if (x !== x) return 0x7fc00000;
  f32[0] = x;
  return u32[0] as number;
}

/** `decode_i32_as_float`. */
export function i32ToF32(i: number): number {
  u32[0] = i;
  return canonNaN(f32[0] as number);
}

/** `encode_float_as_i64` (canonical NaN), as an unsigned bigint. */
export function f64ToI64(x: number): bigint {
  if (x !== x) return 0x7ff8000000000000n;
  f64[0] = x;
  return u64[0] as bigint;
}

/** `decode_i64_as_float`. */
export function i64ToF64(i: bigint): number {
  u64[0] = BigInt.asUintN(64, i);
  return canonNaN(f64[0] as number);
}

/** `convert_i32_to_char`: trap unless a Unicode scalar value; the JS value is a one-char string. */
export function liftChar(i: number): string {
  if (i >= 0x110000) trap('invalid_char', `${i} is not a Unicode code point`);
  if (i >= 0xd800 && i <= 0xdfff) trap('invalid_char', `${i} is a surrogate, not a Unicode scalar value`);
  return String.fromCodePoint(i);
}

/** `char_to_i32`: the scalar value of a one-char string. */
export function charToI32(c: string): number {
  const i = typeof c === 'string' ? c.codePointAt(0) : undefined;
  if (i === undefined || (i >= 0xd800 && i <= 0xdfff) || c.length !== (i > 0xffff ? 2 : 1))
    throw new TypeError(`expected a string of one Unicode scalar value, got ${JSON.stringify(c)}`);
  return i;
}

/** The case index of an enum label. */
export function enumIndex(table: Map<string, number>, label: string): number {
  const i = table.get(label);
  if (i === undefined) throw new TypeError(`invalid enum label: ${String(label)}`);
  return i;
}

/** `trap_if(case_index >= len(cases))`. */
export function badDiscriminant(d: number, count: number): never {
  return trap('invalid_discriminant', `discriminant ${d} is out of range for ${count} cases`);
}

/** `store_list_into_range`'s allocation and checks; returns the pointer. */
export function allocList(cx: AbiContext, byteLength: number, align: number): number {
  const q = cx.realloc(0, 0, align, byteLength);
  if (q % align !== 0) trap('misaligned_pointer', `realloc returned ${q}, not aligned to ${align}`);
  if (q + byteLength > cx.u8.length)
    trap('out_of_bounds', `list of ${byteLength} bytes at ${q} exceeds memory of ${cx.u8.length} bytes`);
  return q;
}

/** `load_list_from_range`'s checks, in the spec's order. */
export function checkList(cx: AbiContext, q: number, byteLength: number, align: number, max: number): void {
  if (byteLength > max) trap('list_too_long', `list of ${byteLength} bytes exceeds the maximum of ${max}`);
  if (q % align !== 0) trap('misaligned_pointer', `list pointer ${q} is not aligned to ${align}`);
  if (q + byteLength > cx.u8.length)
    trap('out_of_bounds', `list of ${byteLength} bytes at ${q} exceeds memory of ${cx.u8.length} bytes`);
}

/** Streams and futures need the async runtime, which this layer does not provide. */
export function unsupported(kind: string): never {
  throw new TypeError(`${kind} values are not supported by the value layer`);
}

function badInt(v: unknown, what: string): never {
  throw new TypeError(`${String(v)} is not a valid ${what}`);
}

/** Validate a host value for `u8` before lowering. */
export function u8(v: number): number {
  return (v & 0xff) === v ? v : badInt(v, 'u8');
}
/** Validate a host value for `s8`. */
export function s8(v: number): number {
  return (v << 24) >> 24 === v ? v : badInt(v, 's8');
}
/** Validate a host value for `u16`. */
export function u16(v: number): number {
  return (v & 0xffff) === v ? v : badInt(v, 'u16');
}
/** Validate a host value for `s16`. */
export function s16(v: number): number {
  return (v << 16) >> 16 === v ? v : badInt(v, 's16');
}
/** Validate a host value for `u32`. */
export function u32v(v: number): number {
  return v >>> 0 === v ? v : badInt(v, 'u32');
}
/** Validate a host value for `s32`. */
export function s32(v: number): number {
  return (v | 0) === v ? v : badInt(v, 's32');
}
/** Validate a host value for `u64` (a bigint). */
export function u64v(v: bigint): bigint {
  return typeof v === 'bigint' && v >= 0n && v <= 0xffffffffffffffffn ? v : badInt(v, 'u64');
}
/** Validate a host value for `s64` (a bigint). */
export function s64(v: bigint): bigint {
  return typeof v === 'bigint' && v >= -0x8000000000000000n && v <= 0x7fffffffffffffffn ? v : badInt(v, 's64');
}
/** Validate a host value for `f32`/`f64` and canonicalize NaN. */
export function float(v: number): number {
  if (typeof v !== 'number') badInt(v, 'float');
  return v === v ? v : NaN;
}
