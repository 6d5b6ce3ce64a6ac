import { describe, expect, it } from 'vitest';
import { lex } from '../../src/syntax/lexer.js';
import { validateId, rustChar } from '../../src/syntax/chars.js';
import { scanString } from '../../src/syntax/strings.js';
import { parseSemver } from '../../src/syntax/semver.js';
import { Source } from '../../src/text/source.js';
import { firstError, messages } from './helpers.js';

function kinds(text: string): string[] {
  return lex(new Source('t.wit', text)).tokens.toArray().map((t) => t.tokenType.name);
}

function lexErrors(text: string): string[] {
  const r = lex(new Source('t.wit', text));
  return [...r.forbidden, ...r.diagnostics].map((d) => `${d.message} @${d.span!.start}`);
}

describe('tokens', () => {
  it('gives every token its exact source text as image, also for repeated and many distinct identifiers', () => {
    // 3000 distinct names (forces the identifier table to grow) each used twice, plus prefixes of one another.
    const names = Array.from({ length: 3000 }, (_, i) => `n${i.toString(36)}-x${(i * 7919).toString(36)}`);
    const text = [...names, ...names.reverse(), 'a', 'ab', 'abc', 'ab', 'a-b', 'a'].join(' ');
    const r = lex(new Source('t.wit', text));
    expect(r.tokens.length).toBe(6006);
    for (const t of r.tokens.toArray()) {
      expect(t.tokenType.name).toBe('Id');
      expect(t.image).toBe(text.slice(t.startOffset, t.endOffset + 1));
    }
  });

  it('tells apart words of the same length whose hashes are equal', () => {
    // The word table hashes words with 32-bit FNV-1a: find two 6-letter words with the same hash (words spread over
    // all 26^6 by a multiplicative step; a pair turns up after about 40 000), then lex both, each before the other.
    const fnv = (w: string): number => {
      let h = 0x811c9dc5;
      for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 0x01000193);
      return h;
    };
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; i < 1_000_000 && !pair; i++) {
      let w = '';
      for (let k = 0, n = (i * 2654435761) % 26 ** 6; k < 6; k++, n = Math.floor(n / 26)) w += String.fromCharCode(97 + (n % 26));
      const h = fnv(w);
      const other = seen.get(h);
      if (other !== undefined && other !== w) pair = [other, w];
      else seen.set(h, w);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair!;
    expect(a).not.toBe(b);
    for (const text of [`${a} ${b} ${a} ${b}`, `${b} ${a} ${b} ${a}`]) {
      const images = lex(new Source('t.wit', text)).tokens.toArray().map((t) => t.image);
      expect(images).toEqual(text.split(' '));
    }
  });

  it('starts each file with only the keywords known (the word table is reused)', () => {
    lex(new Source('a.wit', 'alpha beta record gamma'));
    const r = lex(new Source('b.wit', 'gamma delta alpha func'));
    const tokens = r.tokens.toArray();
    expect(tokens.map((t) => t.image)).toEqual(['gamma', 'delta', 'alpha', 'func']);
    expect(tokens.map((t) => t.tokenType.name === 'Id')).toEqual([true, true, true, false]);
    // Word ids are the file's own: its first word is word 0.
    expect(r.tokens.words).toEqual(['gamma', 'delta', 'alpha']);
  });

  it('lexes punctuation, arrows and keywords', () => {
    expect(kinds('= , : . ; ( ) { } < > -> * @ / + -')).toEqual([
      'Equals', 'Comma', 'Colon', 'Period', 'Semicolon', 'LParen', 'RParen', 'LBrace', 'RBrace',
      'LAngle', 'RAngle', 'RArrow', 'Star', 'At', 'Slash', 'Plus', 'Minus',
    ]);
    expect(kinds('interface world error-context _ u8 async')).toEqual([
      'Kw_interface', 'Kw_world', 'Kw_error_context', 'Kw__', 'Kw_u8', 'Kw_async',
    ]);
  });

  it('lexes words greedily, including invalid identifiers', () => {
    expect(kinds('apple-pear foo_bar Москва a0 interfaces')).toEqual(['Id', 'Id', 'Id', 'Id', 'Id']);
    expect(kinds('%record % %a-b')).toEqual(['ExplicitId', 'ExplicitId', 'ExplicitId']);
    expect(kinds('1.22.003')).toEqual(['Integer', 'Period', 'Integer', 'Period', 'Integer']);
  });

  it('keeps comments apart and skips a BOM and CRLF', () => {
    const r = lex(new Source('t.wit', '\ufeff// a\r\n/* b /* nested */ */ x /**/ y'));
    expect(r.tokens.toArray().map((t) => t.image)).toEqual(['x', 'y']);
    expect(r.comments.toArray().map((c) => c.image)).toEqual(['// a', '/* b /* nested */ */', '/**/']);
    expect(r.diagnostics).toEqual([]);
  });

  it('ends a line comment before the carriage returns that end its line, also at the end of the file', () => {
    // `\r`s inside the comment stay part of it; those before the `\n` (or the end) are the line ending's.
    const r = lex(new Source('t.wit', '// a\r\r\n// b\rc\r\nx // d\r'));
    expect(r.comments.toArray().map((c) => c.image)).toEqual(['// a', '// b\rc', '// d']);
    expect(r.tokens.toArray().map((t) => t.image)).toEqual(['x']);
    expect(r.diagnostics).toEqual([]);
  });

  it('records identifier errors and string values as payloads', () => {
    const r = lex(new Source('t.wit', 'Foo ok "a\\u{41}"'));
    expect(r.tokens.toArray().map((_, i) => r.payloads.get(i))).toEqual(["invalid character in identifier 'o'", undefined, 'aA']);
  });

  it('uses UTF-16 offsets with an inclusive endOffset', () => {
    const r = lex(new Source('t.wit', 'é abc'));
    expect(r.tokens.at(1)).toMatchObject({ image: 'abc', startOffset: 2, endOffset: 4 });
  });
});

describe('lexical errors', () => {
  it('reports stray characters, including a lone carriage return', () => {
    expect(lexErrors('a # b')).toEqual(["unexpected character '#' @2"]);
    expect(lexErrors('a\rb')).toEqual(["unexpected character '\\r' @1"]);
    expect(lexErrors('😀')).toEqual(["unexpected character '😀' @0"]);
  });

  it('reports unterminated block comments at their start', () => {
    expect(lexErrors('x /* a /* b */')).toEqual(['unterminated block comment @2']);
  });

  it('reports forbidden code points anywhere, first', () => {
    expect(lexErrors('// \u202e\n')).toEqual(["Input contains bidirectional override codepoint '\\u{202e}' @3"]);
    expect(lexErrors('a\u0007')).toEqual(["Control code '\\u{7}' @1"]);
    expect(lexErrors('\u0149')).toEqual(["Codepoint '\\u{149}' is discouraged by Unicode @0"]);
    expect(firstError('interface # {}\n// \u2066')).toBe("Input contains bidirectional override codepoint '\\u{2066}' @2:4");
    // After other non-ASCII text (the scan for forbidden code points starts at the first non-ASCII character).
    expect(lexErrors('// é ü\n// \u202a \u0085')).toEqual([
      "Input contains bidirectional override codepoint '\\u{202a}' @10",
      "Control code '\\u{85}' @12",
    ]);
  });

  it('validates kebab-case identifiers when the parser takes them', () => {
    expect(firstError('interface Foo {}')).toBe("invalid character in identifier 'o' @1:11");
    expect(firstError('interface foo_bar {}')).toBe("invalid character in identifier '_' @1:11");
    expect(firstError('interface a--b {}')).toBe("identifiers must have characters between '-'s @1:11");
    expect(firstError('interface % {}')).toBe("identifiers must have characters between '-'s @1:11");
    expect(firstError('interface 東京 {}')).toBe("invalid character in identifier '東' @1:11");
    // Not reported where wit-parser never takes the token as a name.
    expect(messages('world w { Foo }')).toEqual(['expected `import`, `export`, `include`, `use`, or type definition, found an identifier']);
  });
});

describe('validateId', () => {
  it('accepts kebab-case with acronyms and digit segments', () => {
    for (const ok of ['apple', 'apple-pear', 'a0', 'APPLE', 'is-XML', 'apple-PEAR-grape', 'apple-0', 'a0-000-3d4a-54FF', 'bool']) {
      expect(validateId(ok), ok).toBeUndefined();
    }
  });
  it('rejects everything else with wit-parser messages', () => {
    expect(validateId('')).toBe("identifiers must have characters between '-'s");
    expect(validateId('0')).toBe("invalid character in identifier '0'");
    expect(validateId('0a')).toBe("invalid character in identifier '0'");
    expect(validateId('-a')).toBe("identifiers must have characters between '-'s");
    expect(validateId('a-')).toBe("identifiers must have characters between '-'s");
    expect(validateId('Apple')).toBe("invalid character in identifier 'p'");
    expect(validateId('applE')).toBe("invalid character in identifier 'E'");
    expect(validateId('a0-000-3d4A-54Ff')).toBe("invalid character in identifier 'A'");
    expect(validateId('apple\u200cpear')).toBe("invalid character in identifier '\\u{200c}'");
  });
  it('prints characters like Rust Debug', () => {
    expect(rustChar(0x27)).toBe("'\\''");
    expect(rustChar(0x5c)).toBe("'\\\\'");
    expect(rustChar(0x41)).toBe("'A'");
  });
});

describe('string literals', () => {
  const value = (s: string) => scanString(s, 0);
  it('decodes every escape', () => {
    expect(value('"a\\"b\\\'\\t\\n\\r\\\\"').value).toBe('a"b\'\t\n\r\\');
    expect(value('"\\u{41}\\u{1_F6_00}"').value).toBe('A😀');
    expect(value('"\\c3\\a9"').value).toBe('é');
    expect(value('"é"').end).toBe(3);
  });
  it('reports malformed literals', () => {
    const err = (s: string) => value(s).error?.message;
    expect(err('"abc')).toBe('unexpected end of file');
    expect(err('"a\\qb"')).toBe("invalid string escape 'q'");
    expect(err('"\\u{zz}"')).toBe("invalid hex digit 'z'");
    expect(err('"\\u{41_}"')).toBe('trailing underscore in number');
    expect(err('"\\u{110000}"')).toBe('invalid unicode value 0x110000');
    expect(err('"\\u{d800}"')).toBe('invalid unicode value 0xd800');
    expect(err('"\\u{123456789}"')).toBe('number is too big to fit in a u32');
    expect(err('"\\u{41"')).toBe("expected character '}'");
    expect(err('"\\u41"')).toBe("expected character '{'");
    expect(err('"\\4g"')).toBe("invalid hex digit 'g'");
    expect(err('"\\ff"')).toBe('invalid UTF-8: invalid utf-8 sequence of 1 bytes from index 0');
    expect(err('"\\c3"')).toBe('invalid UTF-8: incomplete utf-8 byte sequence from index 0');
    expect(err('"a\tb"')).toBe("invalid string character '\\t'");
    expect(err('"a\r\nb"')).toBe("invalid string character '\\n'");
  });
  it('are reported by the lexer with a position', () => {
    expect(firstError('@external-id("\\q") interface i {}')).toBe("invalid string escape 'q' @1:16");
  });
});

describe('semver', () => {
  it('parses full versions', () => {
    expect(parseSemver('1.0.1-a.b+c.0')).toEqual({ major: 1, minor: 0, patch: 1, pre: 'a.b', build: 'c.0' });
    expect(parseSemver('1.0.1--')).toMatchObject({ pre: '-' });
    expect(parseSemver('1.0.0-11-a')).toMatchObject({ pre: '11-a' });
  });
  it('reports the semver crate messages', () => {
    expect(parseSemver('01.0.0')).toEqual({ error: 'invalid leading zero in major version number' });
    expect(parseSemver('1.00.0')).toEqual({ error: 'invalid leading zero in minor version number' });
    expect(parseSemver('1.0.0-01')).toEqual({ error: 'invalid leading zero in pre-release identifier' });
    expect(parseSemver('1.0.0-a..b')).toEqual({ error: 'empty identifier segment in pre-release identifier' });
    expect(parseSemver('1.0.0 ')).toEqual({ error: "unexpected character ' ' after patch version number" });
    expect(parseSemver('99999999999999999999.0.0')).toEqual({ error: 'value of major version number exceeds u64::MAX' });
    expect(firstError('package a:b@1.0.01;')).toBe('invalid leading zero in patch version number @1:13');
  });
});
