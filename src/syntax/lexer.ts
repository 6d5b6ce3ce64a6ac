/**
 * The WIT lexer: a hand-written scanner (for speed) that produces chevrotain-compatible tokens.
 *
 * Lexical rules follow wit-parser: a leading BOM is skipped; whitespace is space, tab, `\n` and the pair `\r\n` (a
 * lone `\r` is an error); `//` line comments and nested `/* *\/` block comments; words are lexed greedily (XID
 * characters, `_` and `-`) and then looked up as keywords; `%word` is an explicit identifier; integers are ASCII
 * digits; string literals (for `@external-id`) support the escapes of wit-parser. Problems are reported as
 * diagnostics and the scanner carries on, so the parser always gets a token stream.
 *
 * Identifier validity (kebab-case) is checked here but only recorded (`payloads`), because wit-parser reports it
 * only when the parser takes the token as a name.
 */
import { Codes } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source } from '../text/source.js';
import { isKeylikeContinue, isKeylikeStart, rustChar, validateId } from './chars.js';
import { scanString } from './strings.js';
import * as T from './tokens.js';
import { CommentList, kindToken, TokenList, type Token } from './tokens.js';
import type { TokenType } from 'chevrotain';

export interface LexResult {
  /** Significant tokens. */
  readonly tokens: TokenList;
  /** Comments. */
  readonly comments: CommentList;
  /** Forbidden code points: wit-parser checks the whole file before anything else, so these come first. */
  readonly forbidden: Diagnostic[];
  /** Other lexical errors, in source order. */
  readonly diagnostics: Diagnostic[];
  /**
   * By token index: the kebab-case error of an invalid identifier token; the decoded value of a valid string
   * literal token.
   */
  readonly payloads: ReadonlyMap<number, string>;
}

/** At most this many diagnostics are collected by the lexer (the parser bounds the total anyway). */
const MAX_LEX_ERRORS = 200;

/** Anything but printable ASCII, tab, `\n` and `\r` (every forbidden code point is among these). */
const unusualRe = /[^\t\n\r\x20-\x7e]/;
const forbiddenRe = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u0149\u0673\u0f77\u0f79\u17a3\u17a4\u17b4\u17b5\u202a-\u202e\u2066-\u2069]/g;

/** One-character token types indexed by char code. */
const single: (TokenType | undefined)[] = [];
single[61] = T.Equals;
single[44] = T.Comma;
single[58] = T.Colon;
single[46] = T.Period;
single[59] = T.Semicolon;
single[40] = T.LParen;
single[41] = T.RParen;
single[123] = T.LBrace;
single[125] = T.RBrace;
single[60] = T.LAngle;
single[62] = T.RAngle;
single[42] = T.Star;
single[64] = T.At;
single[43] = T.Plus;

/**
 * Scans a whole file. The tokens go into `into` when given (its previous contents are dropped): the parser reuses
 * one list from file to file, so that parsing a large file does not allocate (and zero) megabytes of arrays.
 */
export function lex(source: Source, into?: TokenList): LexResult {
  const text = source.text;
  const n = text.length;
  // Typical WIT has one token per 7-9 characters: room for one per 6 rarely needs to grow (which copies).
  const capacity = ((n / 6) | 0) + 64;
  let tokens: TokenList;
  if (into) {
    into.reset(capacity);
    tokens = into;
  } else tokens = new TokenList(capacity);
  const comments = new CommentList(text, 64);
  const diagnostics: Diagnostic[] = [];
  const payloads = new Map<number, string>();
  const words = wordTable;
  words.reset();
  const forbidden = scanForbidden(source);
  const report = (code: string, message: string, start: number, end: number): void => {
    if (diagnostics.length < MAX_LEX_ERRORS) {
      diagnostics.push(diagnostic({ code, message, span: { source, start, end } }));
    }
  };
  /** A word outside the lowercase fast path (may be an invalid identifier). */
  const word = (start: number, end: number): void => {
    const kw = keywordAt(text, start, end - start);
    if (kw !== undefined) {
      tokens.push(kindToken(kw.type), -1, start, end);
    } else {
      const image = text.slice(start, end);
      const err = validateId(image);
      if (err !== undefined) payloads.set(tokens.length, err);
      tokens.push(idKind, tokens.addWord(image), start, end);
    }
  };
  const comment = (start: number, end: number): void => {
    comments.push(start, end);
  };

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // Whitespace.
    if (c === 32 || c === 10 || c === 9) {
      i++;
      continue;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      i += 2;
      continue;
    }
    const one = singleKinds[c];
    if (one !== undefined) {
      tokens.push(one, -1, i, i + 1);
      i++;
      continue;
    }
    const start = i;
    if (c >= 97 && c <= 122) {
      // Fast path: lowercase ASCII kebab-case words (almost every identifier and keyword).
      let j = i + 1;
      let dash = false;
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let d = text.charCodeAt(j);
      while ((d >= 97 && d <= 122) || (d >= 48 && d <= 57) || (d === 45 && !dash)) {
        dash = d === 45;
        h = Math.imul(h ^ d, FNV_PRIME);
        d = text.charCodeAt(++j);
      }
      if (!dash && !isWordContinue(d, text, j)) {
        const e = words.entry(text, start, j, h, tokens);
        tokens.pushType(words.types[e]!, words.ids[e]!, start, j);
        i = j;
        continue;
      }
    }
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 0x80 && isStartAt(text, i))) {
      i = scanWord(text, i);
      word(start, i);
      continue;
    }
    if (c >= 48 && c <= 57) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      tokens.push(integerKind, tokens.addWord(text.slice(start, i)), start, i);
      continue;
    }
    let type: TokenType | undefined;
    let payload: string | undefined;
    switch (c) {
      case 47: {
        // '/'
        const d = text.charCodeAt(i + 1);
        if (d === 47) {
          // The comment runs to the line break; `\r`s that end the line are not part of its text (they are
          // skipped with it, as wit-parser's comment takes them), so a formatter's `\n` round-trips it.
          const nl = lineEnd(text, i + 2);
          let end = nl;
          while (end > i + 2 && text.charCodeAt(end - 1) === 13) end--;
          comment(start, end);
          i = nl;
          continue;
        }
        if (d === 42) {
          const end = blockCommentEnd(text, i + 2);
          if (end < 0) {
            report(Codes.UnterminatedComment, 'unterminated block comment', start, start + 1);
            i = n;
          } else i = end;
          comment(start, i);
          continue;
        }
        type = T.Slash;
        i++;
        break;
      }
      case 45:
        // '-'
        if (text.charCodeAt(i + 1) === 62) {
          type = T.RArrow;
          i += 2;
        } else {
          type = T.Minus;
          i++;
        }
        break;
      case 37:
        // '%'
        i++;
        if (i < n && isStartAt(text, i)) i = scanWord(text, i);
        type = T.ExplicitId;
        payload = validateId(text.slice(start + 1, i));
        break;
      case 34: {
        // '"'
        const r = scanString(text, i);
        if (r.error !== undefined) report(Codes.InvalidString, r.error.message, r.error.at, r.error.end);
        type = T.StringLiteral;
        payload = r.value;
        i = r.end;
        break;
      }
    }
    if (type !== undefined) {
      if (payload !== undefined) payloads.set(tokens.length, payload);
      tokens.push(kindToken(type), tokens.addWord(text.slice(start, i)), start, i);
      continue;
    }
    // Anything else: an unexpected character (forbidden code points were reported already).
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (!isForbidden(c)) report(Codes.UnexpectedCharacter, `unexpected character ${rustChar(cp)}`, i, i + width);
    i += width;
  }
  return { tokens, comments, forbidden, diagnostics, payloads };
}

const idKind = kindToken(T.Id);
const integerKind = kindToken(T.Integer);
/** The shared tokens of the one-character types, indexed by char code. */
const singleKinds: (Token | undefined)[] = single.map((t) => (t === undefined ? undefined : kindToken(t)));

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isStartAt(text: string, i: number): boolean {
  return isKeylikeStart(text.codePointAt(i)!);
}

/** End of a word starting at `i` (whose first character is a valid start). */
function scanWord(text: string, i: number): number {
  const n = text.length;
  i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c === 45 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95) {
      i++;
      continue;
    }
    if (c < 0x80) break;
    const cp = text.codePointAt(i)!;
    if (!isKeylikeContinue(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Does the character at `j` (code `d`) continue a word beyond the lowercase fast path? */
function isWordContinue(d: number, text: string, j: number): boolean {
  if (d < 0x80) return (d >= 65 && d <= 90) || d === 95 || d === 45 || (d >= 48 && d <= 57) || (d >= 97 && d <= 122);
  return d === d && isKeylikeContinue(text.codePointAt(j)!);
}

/** Keywords by length and first character, so that most identifiers are rejected without building a string. */
const keywordTable = new Map<number, { readonly type: TokenType; readonly word: string }[]>();
for (const [word, entry] of T.keywordEntries) {
  const key = word.length * 128 + word.charCodeAt(0);
  const list = keywordTable.get(key) ?? [];
  list.push(entry);
  keywordTable.set(key, list);
}

function keywordAt(text: string, start: number, len: number): { readonly type: TokenType; readonly word: string } | undefined {
  const c = text.charCodeAt(start);
  if (c >= 128 || len > 13) return undefined;
  const list = keywordTable.get(len * 128 + c);
  if (list === undefined) return undefined;
  for (const e of list) if (text.startsWith(e.word, start)) return e;
  return undefined;
}

/** The offset of the first `\n` at or after `i`, or the end of the text. */
function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** End (exclusive) of a nested block comment whose body starts at `i`, or -1 when unterminated. */
function blockCommentEnd(text: string, i: number): number {
  const n = text.length;
  let depth = 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (c === 42 && text.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

function isForbidden(c: number): boolean {
  forbiddenRe.lastIndex = 0;
  return forbiddenRe.test(String.fromCharCode(c));
}

/** wit-parser rejects some code points anywhere in the file (even in comments) before lexing. */
function scanForbidden(source: Source): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = source.text;
  // Most files are printable ASCII, tabs and line breaks: find the first other character (a faster scan), and look
  // for forbidden code points only from there.
  const first = text.search(unusualRe);
  if (first < 0) return out;
  forbiddenRe.lastIndex = first;
  let m: RegExpExecArray | null;
  while ((m = forbiddenRe.exec(text)) !== null && out.length < MAX_LEX_ERRORS) {
    const cp = m[0].charCodeAt(0);
    const esc = `\\u{${cp.toString(16)}}`;
    const message =
      (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
        ? `Input contains bidirectional override codepoint '${esc}'`
        : cp <= 0x9f
          ? `Control code '${esc}'`
          : `Codepoint '${esc}' is discouraged by Unicode`;
    out.push(
      diagnostic({
        code: Codes.ForbiddenCodepoint,
        message,
        span: { source, start: m.index, end: m.index + 1 },
      }),
    );
  }
  forbiddenRe.lastIndex = 0;
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of `text[start, end)` (the lexer's fast path computes the same hash while scanning). */
function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
  return h;
}

const keywordList = [...T.keywordEntries.values()];
const keywordHashes = keywordList.map((k) => hashRange(k.word, 0, k.word.length));

/**
 * The words of one file: an open-addressing hash table keyed by the characters, seeded with the keywords. A word
 * is looked up without building a string, so a keyword or a repeated identifier costs no allocation and every token
 * of one name shares one image string.
 *
 * Entries are columns of typed arrays (entry `e`: its hash, length, token type, word id in the file's `TokenList`,
 * and the offset of its first occurrence, -1 for the keywords, which come first), and the one table is reused by
 * every lex (lexing is synchronous): a file leaves no per-word objects or grown tables behind for the collector
 * (about 0.5 MB per lex of synth.wit's 4 000 distinct words).
 */
class WordTable {
  /** Per slot, entry index + 1 (0: empty). The length is a power of two. */
  private slots = new Int32Array(256);
  private hashes = new Int32Array(256);
  private lens = new Int32Array(256);
  private ats = new Int32Array(256);
  /** Word ids (-1 for keywords: their type gives their text). */
  readonly ids = new Int32Array(256);
  /** Token type indices. */
  readonly types = new Uint8Array(256);
  private count = 0;

  /** Empties the table for another file, keeping its room; the keywords are put back. */
  reset(): void {
    this.slots.fill(0);
    this.count = 0;
    for (const k of keywordList) {
      const e = this.count++;
      this.hashes[e] = keywordHashes[e]!;
      this.lens[e] = k.word.length;
      this.ats[e] = -1;
      this.ids[e] = -1;
      this.types[e] = k.type.tokenTypeIdx!;
      this.place(e);
    }
  }

  /**
   * The entry of the word `text[start, end)` whose hash is `h`; a new word is added as an identifier, with its image
   * added to `list`.
   */
  entry(text: string, start: number, end: number, h: number, list: TokenList): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const len = end - start;
    let slot = h & mask;
    for (let s = slots[slot]!; s !== 0; s = slots[slot]!) {
      const e = s - 1;
      if (this.hashes[e] === h && this.lens[e] === len && this.same(text, start, len, e)) return e;
      slot = (slot + 1) & mask;
    }
    const e = this.count++;
    if (e === this.ids.length) this.growEntries();
    const image = text.slice(start, end);
    this.hashes[e] = h;
    this.lens[e] = len;
    this.ats[e] = start;
    this.ids[e] = list.addWord(image);
    this.types[e] = idIdx;
    slots[slot] = e + 1;
    if (this.count * 2 > slots.length) this.growSlots();
    return e;
  }

  /** Is `text[start, start + len)` the word of entry `e`? Compared character by character (faster than `startsWith`). */
  private same(text: string, start: number, len: number, e: number): boolean {
    const at = this.ats[e]!;
    if (at < 0) {
      const word = keywordList[e]!.word;
      for (let k = 0; k < len; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
      return true;
    }
    for (let k = 0; k < len; k++) if (text.charCodeAt(at + k) !== text.charCodeAt(start + k)) return false;
    return true;
  }

  private place(e: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = this.hashes[e]! & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = e + 1;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.count; e++) this.place(e);
  }

  private growEntries(): void {
    const n = this.ids.length * 2;
    this.hashes = grownInts(this.hashes, n);
    this.lens = grownInts(this.lens, n);
    this.ats = grownInts(this.ats, n);
    (this as { ids: Int32Array<ArrayBuffer> }).ids = grownInts(this.ids, n);
    const types = new Uint8Array(n);
    types.set(this.types);
    (this as { types: Uint8Array<ArrayBuffer> }).types = types;
  }
}

function grownInts(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

const idIdx = T.Id.tokenTypeIdx!;
/** The one word table (see `WordTable`). */
const wordTable = new WordTable();
