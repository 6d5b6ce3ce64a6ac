/**
 * Character-level helpers shared by the lexer: identifier classes, kebab-case validation, and the way wit-parser
 * (Rust) prints a character in messages.
 */

// Made on first use: building these Unicode classes cost 0.8 ms of every cold start (measured in CPU profiles of
// `witc check`), and ASCII words never need them.
let xidStart: RegExp | undefined;
let xidContinue: RegExp | undefined;

/** Can this code point start a word token (identifier or keyword)? Mirrors wit-parser's "keylike start". */
export function isKeylikeStart(cp: number): boolean {
  if (cp < 0x80) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || cp === 95;
  return (xidStart ??= /^\p{XID_Start}$/u).test(String.fromCodePoint(cp));
}

/** Can this code point continue a word token? (XID_Continue or `-`.) */
export function isKeylikeContinue(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95 || cp === 45;
  }
  return (xidContinue ??= /^\p{XID_Continue}$/u).test(String.fromCodePoint(cp));
}

/**
 * Validates a kebab-case identifier (without its `%`) the way wit-parser does and returns the error message, or
 * undefined when valid. Segments are split on `-`; each is non-empty and either all-lowercase-or-digits or
 * all-uppercase-or-digits; the first character of the first segment is an ASCII letter.
 */
export function validateId(id: string): string | undefined {
  if (id.length === 0) return "identifiers must have characters between '-'s";
  let segStart = true;
  let first = true;
  let upper = 0; // 0 unknown, 1 upper, 2 lower
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c === 45) {
      if (segStart) return "identifiers must have characters between '-'s";
      segStart = true;
      first = false;
      upper = 0;
      continue;
    }
    if (segStart) {
      segStart = false;
      if (first && !((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return invalidChar(id, i);
    }
    if (c >= 48 && c <= 57) continue;
    if (c >= 65 && c <= 90) {
      if (upper === 2) return invalidChar(id, i);
      upper = 1;
    } else if (c >= 97 && c <= 122) {
      if (upper === 1) return invalidChar(id, i);
      upper = 2;
    } else return invalidChar(id, i);
  }
  if (segStart) return "identifiers must have characters between '-'s";
  return undefined;
}

function invalidChar(id: string, i: number): string {
  return `invalid character in identifier ${rustChar(id.codePointAt(i)!)}`;
}

/** Characters that Rust's `{:?}` escapes (built on first use, like the XID classes: 0.5 ms at load). */
let escapedInDebug: RegExp | undefined;

/** A character as Rust's `{:?}` prints it: `'x'`, `'\n'`, `'\u{202e}'`. */
export function rustChar(cp: number): string {
  switch (cp) {
    case 0:
      return "'\\0'";
    case 9:
      return "'\\t'";
    case 10:
      return "'\\n'";
    case 13:
      return "'\\r'";
    case 39:
      return "'\\''";
    case 92:
      return "'\\\\'";
  }
  const s = String.fromCodePoint(cp);
  if ((escapedInDebug ??= /^[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Mn}\p{Me}]$/u).test(s)) return `'\\u{${cp.toString(16)}}'`;
  return `'${s}'`;
}
