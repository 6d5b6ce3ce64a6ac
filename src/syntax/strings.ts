/**
 * String literals (used by `@external-id("…")`): scanning and decoding with wit-parser's escapes and messages.
 *
 * Escapes: `\"` `\'` `\t` `\n` `\r` `\\`, `\u{hex}` (hex digits with optional `_` separators, a Unicode scalar value)
 * and `\HH` (one raw byte; the decoded bytes must form valid UTF-8). Raw characters below U+0020 and U+007F are
 * rejected.
 */
import { rustChar } from './chars.js';

export interface StringScan {
  /** Offset just past the literal (past the closing quote, or where scanning stopped). */
  readonly end: number;
  /** The decoded value, when the literal is valid. */
  readonly value: string | undefined;
  readonly error: { readonly message: string; readonly at: number; readonly end: number } | undefined;
}

class StringError {
  constructor(
    readonly message: string,
    readonly at: number,
    readonly width: number,
  ) {}
}

/** Scans the string literal whose opening quote is at `start`. */
export function scanString(text: string, start: number): StringScan {
  const bytes: number[] = [];
  let i = start + 1;
  const n = text.length;
  const eof = (): StringError => new StringError('unexpected end of file', n, 0);
  const width = (at: number): number => (text.codePointAt(at)! > 0xffff ? 2 : 1);
  try {
    for (;;) {
      if (i >= n) throw eof();
      const cp = text.codePointAt(i)!;
      const at = i;
      i += cp > 0xffff ? 2 : 1;
      if (cp === 34) break;
      if (cp === 92) {
        if (i >= n) throw eof();
        const e = text.codePointAt(i)!;
        const eAt = i;
        i += e > 0xffff ? 2 : 1;
        const simple = simpleEscapes[e];
        if (simple !== undefined) bytes.push(simple);
        else if (e === 117) {
          // \u{…}
          if (i >= n) throw eof();
          if (text.charCodeAt(i) !== 123) throw new StringError("expected character '{'", i, width(i));
          i++;
          const r = hexNumber(text, i);
          i = r.end;
          if (r.value > 0x10ffff || (r.value >= 0xd800 && r.value <= 0xdfff)) {
            throw new StringError(`invalid unicode value 0x${r.value.toString(16)}`, eAt, 1);
          }
          pushUtf8(bytes, r.value);
          if (i >= n) throw eof();
          if (text.charCodeAt(i) !== 125) throw new StringError("expected character '}'", i, width(i));
          i++;
        } else if (isHex(e)) {
          if (i >= n) throw eof();
          const d = text.codePointAt(i)!;
          if (!isHex(d)) throw new StringError(`invalid hex digit ${rustChar(d)}`, i, width(i));
          i++;
          bytes.push(hexValue(e) * 16 + hexValue(d));
        } else throw new StringError(`invalid string escape ${rustChar(e)}`, eAt, width(eAt));
      } else if (cp < 0x20 || cp === 0x7f) {
        i = at;
        // wit-parser reads `\r\n` as one `\n` (at the `\r`).
        const shown = cp === 13 && text.charCodeAt(at + 1) === 10 ? 10 : cp;
        throw new StringError(`invalid string character ${rustChar(shown)}`, at, 1);
      } else pushUtf8(bytes, cp);
    }
  } catch (e) {
    if (!(e instanceof StringError)) throw e;
    return {
      end: skipRest(text, i),
      value: undefined,
      error: { message: e.message, at: e.at, end: e.at + e.width },
    };
  }
  const decoded = decodeUtf8(bytes);
  if (typeof decoded !== 'string') {
    return { end: i, value: undefined, error: { message: `invalid UTF-8: ${decoded.message}`, at: start, end: start + 1 } };
  }
  return { end: i, value: decoded, error: undefined };
}

const simpleEscapes: (number | undefined)[] = [];
simpleEscapes[34] = 34;
simpleEscapes[39] = 39;
simpleEscapes[116] = 9;
simpleEscapes[110] = 10;
simpleEscapes[114] = 13;
simpleEscapes[92] = 92;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : c >= 97 ? c - 87 : c - 55;
}

/** Hex digits with `_` separators (at least one digit first); stops before the first other character. */
function hexNumber(text: string, i: number): { value: number; end: number } {
  const n = text.length;
  if (i >= n) throw new StringError('unexpected end of file', n, 0);
  const first = text.codePointAt(i)!;
  if (!isHex(first)) throw new StringError(`invalid hex digit ${rustChar(first)}`, i, first > 0xffff ? 2 : 1);
  const firstAt = i;
  let value = hexValue(first);
  i++;
  let lastUnderscore = false;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 95) {
      lastUnderscore = true;
      i++;
      continue;
    }
    if (i >= n) throw new StringError('unexpected end of file', n, 0);
    if (!isHex(c)) break;
    lastUnderscore = false;
    value = value * 16 + hexValue(c);
    if (value > 0xffffffff) throw new StringError('number is too big to fit in a u32', i, 1);
    i++;
  }
  if (lastUnderscore) throw new StringError('trailing underscore in number', firstAt, 1);
  return { value, end: i };
}

function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

/** Decodes UTF-8, or describes the first error as Rust's `Utf8Error` does. */
function decodeUtf8(bytes: readonly number[]): string | { message: string } {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let cp: number;
    let min: number;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, cp, min] = [1, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, cp, min] = [2, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, cp, min] = [3, b & 0x07, 0x10000];
    else return { message: `invalid utf-8 sequence of 1 bytes from index ${i}` };
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return { message: `incomplete utf-8 byte sequence from index ${i}` };
      const c = bytes[i + k]!;
      const ok = (c & 0xc0) === 0x80 && (k !== 1 || secondByteOk(b, c));
      if (!ok) return { message: `invalid utf-8 sequence of ${k} bytes from index ${i}` };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min) return { message: `invalid utf-8 sequence of 1 bytes from index ${i}` };
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** The restricted second-byte ranges of UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
function secondByteOk(b: number, c: number): boolean {
  if (b === 0xe0) return c >= 0xa0;
  if (b === 0xed) return c <= 0x9f;
  if (b === 0xf0) return c >= 0x90;
  if (b === 0xf4) return c <= 0x8f;
  return true;
}

/** After an error: skip to just past the closing quote on this line (or stop before the newline / at the end). */
function skipRest(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) return i;
    if (c === 92) i += 2;
    else if (c === 34) return i + 1;
    else i++;
  }
  return n;
}
