/**
 * A small semantic-version parser with the validations (and error messages) of the Rust `semver` crate, which
 * wit-parser uses for package versions and `@since` / `@deprecated` gates.
 */
import { rustChar } from './chars.js';

export interface SemverParts {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: string;
  readonly build: string;
}

type Pos = 'major version number' | 'minor version number' | 'patch version number' | 'pre-release identifier' | 'build metadata';

class SemverError {
  constructor(readonly message: string) {}
}

const U64_MAX = '18446744073709551615';

/** Parses `text` as a semantic version; returns the parts or the semver crate's error message. */
export function parseSemver(text: string): SemverParts | { error: string } {
  if (text.length === 0) return { error: 'empty string, expected a semver version' };
  try {
    let pos: Pos = 'major version number';
    let [major, rest] = numeric(text, pos);
    rest = dot(rest, pos);
    pos = 'minor version number';
    let minor: number;
    [minor, rest] = numeric(rest, pos);
    rest = dot(rest, pos);
    pos = 'patch version number';
    let patch: number;
    [patch, rest] = numeric(rest, pos);
    let pre = '';
    let build = '';
    if (rest.startsWith('-')) {
      pos = 'pre-release identifier';
      [pre, rest] = identifier(rest.slice(1), pos);
    }
    if (rest.startsWith('+')) {
      pos = 'build metadata';
      [build, rest] = identifier(rest.slice(1), pos);
    }
    if (rest.length > 0) throw new SemverError(`unexpected character ${rustChar(rest.codePointAt(0)!)} after ${pos}`);
    return { major, minor, patch, pre, build };
  } catch (e) {
    if (e instanceof SemverError) return { error: e.message };
    throw e;
  }
}

function numeric(input: string, pos: Pos): [number, string] {
  let len = 0;
  while (len < input.length) {
    const c = input.charCodeAt(len);
    if (c < 48 || c > 57) break;
    if (len > 0 && input.charCodeAt(0) === 48) throw new SemverError(`invalid leading zero in ${pos}`);
    len++;
  }
  if (len === 0) {
    if (input.length > 0) {
      throw new SemverError(`unexpected character ${rustChar(input.codePointAt(0)!)} while parsing ${pos}`);
    }
    throw new SemverError(`unexpected end of input while parsing ${pos}`);
  }
  const digits = input.slice(0, len);
  if (digits.length > U64_MAX.length || (digits.length === U64_MAX.length && digits > U64_MAX)) {
    throw new SemverError(`value of ${pos} exceeds u64::MAX`);
  }
  return [Number(digits), input.slice(len)];
}

function dot(input: string, pos: Pos): string {
  if (input.startsWith('.')) return input.slice(1);
  if (input.length > 0) throw new SemverError(`unexpected character ${rustChar(input.codePointAt(0)!)} after ${pos}`);
  throw new SemverError(`unexpected end of input while parsing ${pos}`);
}

/** Dot-separated `[0-9A-Za-z-]+` segments; pre-release numeric segments may not have leading zeros. */
function identifier(input: string, pos: Pos): [string, string] {
  let acc = 0;
  let seg = 0;
  let nonDigit = false;
  for (;;) {
    const c = acc + seg < input.length ? input.charCodeAt(acc + seg) : -1;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45) {
      seg++;
      nonDigit = true;
      continue;
    }
    if (c >= 48 && c <= 57) {
      seg++;
      continue;
    }
    if (seg === 0) {
      if (acc === 0 && c !== 46) return ['', input];
      throw new SemverError(`empty identifier segment in ${pos}`);
    }
    if (pos === 'pre-release identifier' && seg > 1 && !nonDigit && input.charCodeAt(acc) === 48) {
      throw new SemverError(`invalid leading zero in ${pos}`);
    }
    acc += seg;
    if (c === 46) {
      acc++;
      seg = 0;
      nonDigit = false;
    } else return [input.slice(0, acc), input.slice(acc)];
  }
}
