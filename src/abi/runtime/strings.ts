/**
 * String lifting and lowering (CanonicalABI.md, `load_string_from_range` and `store_string_into_range` with its
 * transcoding algorithms). Storing follows the spec's realloc call sequence exactly, for each source encoding a host
 * can model: a JS string is natively `utf16`; `utf8` means "its UTF-8 bytes", `latin1+utf16` chooses Latin-1 when
 * every char is below U+0100, `latin1+utf16:utf16` always uses the tagged UTF-16 form.
 */
import type { AbiContext } from './context.js';
import { trap } from './trap.js';
import { utf8Length } from '../../text/source.js';

/** `MAX_STRING_BYTE_LENGTH`. */
export const MAX_STRING_BYTE_LENGTH = 2 ** 28 - 1;

/** The source representation a host string is lowered from (see the module doc). */
export type StringSource = 'utf16' | 'utf8' | 'latin1+utf16' | 'latin1+utf16:utf16';

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16Decoder = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

function checkStringRange(cx: AbiContext, ptr: number, byteLength: number, align: number): void {
  if (byteLength > MAX_STRING_BYTE_LENGTH)
    trap('string_too_long', `string of ${byteLength} bytes exceeds the maximum of ${MAX_STRING_BYTE_LENGTH}`);
  if (ptr % align !== 0) trap('misaligned_pointer', `string pointer ${ptr} is not aligned to ${align}`);
  if (ptr + byteLength > cx.u8.length)
    trap('out_of_bounds', `string of ${byteLength} bytes at ${ptr} exceeds memory of ${cx.u8.length} bytes`);
}

/** Lift a UTF-8 string of `units` bytes at `ptr`. */
export function liftUtf8(cx: AbiContext, ptr: number, units: number): string {
  checkStringRange(cx, ptr, units, 1);
  const u8 = cx.u8;
  if (units <= 32) {
    // Short-string fast path: ASCII needs no decoder call.
    let s = '';
    for (let i = ptr, end = ptr + units; i < end; i++) {
      const b = u8[i] as number;
      if (b >= 0x80) return decodeOrTrap(utf8Decoder, u8, ptr, units, 'UTF-8');
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decodeOrTrap(utf8Decoder, u8, ptr, units, 'UTF-8');
}

/** Lift a UTF-16LE string of `units` code units at `ptr`. */
export function liftUtf16(cx: AbiContext, ptr: number, units: number, align = 2): string {
  const byteLength = 2 * units;
  checkStringRange(cx, ptr, byteLength, align);
  const u8 = cx.u8;
  if (units <= 16) {
    let s = '';
    for (let i = ptr, end = ptr + byteLength; i < end; i += 2) {
      const c = (u8[i] as number) | ((u8[i + 1] as number) << 8);
      if (c >= 0xd800 && c <= 0xdfff) return decodeOrTrap(utf16Decoder, u8, ptr, byteLength, 'UTF-16');
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decodeOrTrap(utf16Decoder, u8, ptr, byteLength, 'UTF-16');
}

/** Lift a `latin1+utf16` string from its pointer and tagged length (tag already split off by the caller). */
export function liftLatin1Utf16(cx: AbiContext, ptr: number, units: number, utf16: boolean): string {
  if (utf16) return liftUtf16(cx, ptr, units);
  checkStringRange(cx, ptr, units, 2);
  const u8 = cx.u8;
  let s = '';
  for (let i = ptr, end = ptr + units; i < end; i += 4096) {
    s += String.fromCharCode.apply(null, u8.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  }
  return s;
}

function decodeOrTrap(d: typeof utf8Decoder, u8: Uint8Array, ptr: number, byteLength: number, what: string): string {
  try {
    return d.decode(u8.subarray(ptr, ptr + byteLength));
  } catch {
    return trap('invalid_string_encoding', `${byteLength} bytes at ${ptr} are not valid ${what}`);
  }
}

/** UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, as TextEncoder writes them). */
export { utf8Length };

let scratch = new Uint8Array(256);

/**
 * Copy the leading ASCII code units of `s` to `u8` at `ptr` (nothing past them) and return how many there were
 * (`s.length` when the whole string is ASCII). Long strings are encoded natively into a scratch buffer first.
 */
function copyAsciiPrefix(s: string, u8: Uint8Array, ptr: number): number {
  const n = s.length;
  if (n <= 64) {
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return i;
      u8[ptr + i] = c;
    }
    return n;
  }
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, 2 * scratch.length));
  const { read, written } = encoder.encodeInto(s, scratch.subarray(0, n));
  let i = 0;
  if (read === n) i = n; // n code units in n bytes: all ASCII
  else while (i < written && (scratch[i] as number) < 0x80) i++;
  u8.set(scratch.subarray(0, i), ptr);
  return i;
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function checkAlloc(cx: AbiContext, ptr: number, align: number, size: number): void {
  if (ptr % align !== 0) trap('misaligned_pointer', `realloc returned ${ptr}, not aligned to ${align}`);
  if (ptr + size > cx.u8.length)
    trap('out_of_bounds', `realloc returned ${ptr}: ${size} bytes there exceed memory of ${cx.u8.length} bytes`);
}

function writeUtf16(cx: AbiContext, s: string, from: number, ptr: number): void {
  const u8 = cx.u8;
  for (let i = from, p = ptr + 2 * from; i < s.length; i++, p += 2) {
    const c = s.charCodeAt(i);
    u8[p] = c & 0xff;
    u8[p + 1] = c >>> 8;
  }
}

/** `store_string_copy`: exact-size copy (utf8→utf8, utf16→utf16, latin1→utf16 or →latin1). */
function storeCopy(cx: AbiContext, s: string, units: number, unitSize: 1 | 2, align: 1 | 2, latin1: boolean): number {
  const byteLength = unitSize * units;
  const ptr = cx.realloc(0, 0, align, byteLength);
  checkAlloc(cx, ptr, align, byteLength);
  if (unitSize === 2) writeUtf16(cx, s, 0, ptr);
  else if (latin1) {
    const u8 = cx.u8;
    for (let i = 0; i < s.length; i++) u8[ptr + i] = s.charCodeAt(i);
  } else encoder.encodeInto(s, cx.u8.subarray(ptr, ptr + byteLength));
  cx.len = units;
  cx.tagged = false;
  return ptr;
}

/** `store_string_to_utf8` (from utf16 or latin1 sources): optimistic ASCII copy, then worst case, then shrink. */
function storeToUtf8(cx: AbiContext, s: string, units: number, worstCase: number): number {
  let ptr = cx.realloc(0, 0, 1, units);
  if (ptr + units > cx.u8.length) trap('out_of_bounds', `string of ${units} bytes at ${ptr} exceeds memory`);
  let u8 = cx.u8;
  // The spec copies code points one by one until the first non-ASCII one; copying the ASCII prefix in one go writes
  // exactly the same bytes.
  const i = copyAsciiPrefix(s, u8, ptr);
  if (i < s.length) {
    ptr = cx.realloc(ptr, units, 1, worstCase);
    if (ptr + worstCase > cx.u8.length) trap('out_of_bounds', `string of ${worstCase} bytes at ${ptr} exceeds memory`);
    u8 = cx.u8;
    const { written } = encoder.encodeInto(s.slice(i), u8.subarray(ptr + i, ptr + worstCase));
    const total = i + written;
    if (worstCase > total) {
      ptr = cx.realloc(ptr, worstCase, 1, total);
      if (ptr + total > cx.u8.length) trap('out_of_bounds', `string of ${total} bytes at ${ptr} exceeds memory`);
    }
    cx.len = total;
    cx.tagged = false;
    return ptr;
  }
  cx.len = units;
  cx.tagged = false;
  return ptr;
}

/** `store_utf8_to_utf16`: worst-case allocation, then shrink. */
function storeUtf8ToUtf16(cx: AbiContext, s: string, units: number): number {
  const worstCase = 2 * units;
  let ptr = cx.realloc(0, 0, 2, worstCase);
  checkAlloc(cx, ptr, 2, worstCase);
  writeUtf16(cx, s, 0, ptr);
  const len = 2 * s.length;
  if (len < worstCase) {
    ptr = cx.realloc(ptr, worstCase, 2, len);
    checkAlloc(cx, ptr, 2, len);
  }
  cx.len = s.length;
  cx.tagged = false;
  return ptr;
}

/** `store_string_to_latin1_or_utf16`: optimistic Latin-1, inflating in place to UTF-16 on the first wide char. */
function storeToLatin1OrUtf16(cx: AbiContext, s: string, units: number): number {
  let ptr = cx.realloc(0, 0, 2, units);
  checkAlloc(cx, ptr, 2, units);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x100) {
      cx.u8[ptr + n] = c;
      n++;
      continue;
    }
    const worstCase = 2 * units;
    ptr = cx.realloc(ptr, units, 2, worstCase);
    checkAlloc(cx, ptr, 2, worstCase);
    const u8 = cx.u8;
    for (let j = n - 1; j >= 0; j--) {
      u8[ptr + 2 * j] = u8[ptr + j] as number;
      u8[ptr + 2 * j + 1] = 0;
    }
    writeUtf16(cx, s, n, ptr);
    const len = 2 * s.length;
    if (worstCase > len) {
      ptr = cx.realloc(ptr, worstCase, 2, len);
      checkAlloc(cx, ptr, 2, len);
    }
    cx.len = s.length;
    cx.tagged = true;
    return ptr;
  }
  if (n < units) {
    ptr = cx.realloc(ptr, units, 2, n);
    checkAlloc(cx, ptr, 2, n);
  }
  cx.len = n;
  cx.tagged = false;
  return ptr;
}

/** `store_probably_utf16_to_latin1_or_utf16`: UTF-16 copy, deflated to Latin-1 when every char fits. */
function storeProbablyUtf16(cx: AbiContext, s: string, units: number): number {
  const byteLength = 2 * units;
  let ptr = cx.realloc(0, 0, 2, byteLength);
  checkAlloc(cx, ptr, 2, byteLength);
  writeUtf16(cx, s, 0, ptr);
  if (!isLatin1(s)) {
    cx.len = s.length;
    cx.tagged = true;
    return ptr;
  }
  const u8 = cx.u8;
  for (let i = 0; i < s.length; i++) u8[ptr + i] = u8[ptr + 2 * i] as number;
  ptr = cx.realloc(ptr, byteLength, 1, s.length);
  if (ptr + s.length > cx.u8.length) trap('out_of_bounds', `string of ${s.length} bytes at ${ptr} exceeds memory`);
  cx.len = s.length;
  cx.tagged = false;
  return ptr;
}

/** Store a JS string as UTF-8 (dst `utf8`), from the given source representation. Sets `cx.len`. */
export function lowerToUtf8(cx: AbiContext, s: string, src: StringSource): number {
  if (typeof s !== 'string') throw new TypeError('expected a string');
  switch (src) {
    case 'utf8':
      return storeCopy(cx, s, utf8Length(s), 1, 1, false);
    case 'latin1+utf16':
      if (isLatin1(s)) return storeToUtf8(cx, s, s.length, 2 * s.length);
      return storeToUtf8(cx, s, s.length, 3 * s.length);
    default:
      return storeToUtf8(cx, s, s.length, 3 * s.length);
  }
}

/** Store a JS string as UTF-16 (dst `utf16`). Sets `cx.len`. */
export function lowerToUtf16(cx: AbiContext, s: string, src: StringSource): number {
  if (typeof s !== 'string') throw new TypeError('expected a string');
  if (src === 'utf8') return storeUtf8ToUtf16(cx, s, utf8Length(s));
  return storeCopy(cx, s, s.length, 2, 2, false);
}

/** Store a JS string as `latin1+utf16`. Sets `cx.len` and `cx.tagged`. */
export function lowerToLatin1Utf16(cx: AbiContext, s: string, src: StringSource): number {
  if (typeof s !== 'string') throw new TypeError('expected a string');
  switch (src) {
    case 'utf8':
      return storeToLatin1OrUtf16(cx, s, utf8Length(s));
    case 'utf16':
      return storeToLatin1OrUtf16(cx, s, s.length);
    case 'latin1+utf16':
      if (isLatin1(s)) return storeCopy(cx, s, s.length, 1, 2, true);
      return storeProbablyUtf16(cx, s, s.length);
    case 'latin1+utf16:utf16':
      return storeProbablyUtf16(cx, s, s.length);
  }
}
