/**
 * Token definitions of the WIT lexer.
 *
 * Token types are chevrotain `TokenType`s (created with `createToken`) so the chevrotain parser consumes the lexer's
 * output directly. The lexer itself is hand-written (see lexer.ts) for speed; it produces `Token` objects, which are
 * chevrotain `IToken`s with a few extra fields. Comments are tokens too (kept in `File.comments`).
 */
import { createToken, createTokenInstance, EOF, Lexer, type IToken, type TokenType } from 'chevrotain';

/**
 * A lexed token: chevrotain's `IToken` with `image`, `startOffset`, an inclusive `endOffset`, `tokenType` and
 * `tokenTypeIdx`. The lexer does not make one object per token (see `TokenList`); token objects are made on demand.
 * What the lexer knows beyond that — an identifier's kebab-case error, a string literal's decoded value — is in
 * `LexResult.payloads`.
 */
export interface Token extends IToken {
  endOffset: number;
}

const NA = Lexer.NA;

/** Category of `Id` and `ExplicitId`: what the grammar accepts as a name. */
export const Identifier = createToken({ name: 'Identifier', pattern: NA });
/** Category of the tokens that make up a semver pre-release or build part (`rc`, `1`, `-`). */
export const VersionPart = createToken({ name: 'VersionPart', pattern: NA });
/** Category of `own` and `borrow`. */
export const HandleKw = createToken({ name: 'HandleKw', pattern: NA });
/** Category of `future` and `stream`. */
export const PayloadKw = createToken({ name: 'PayloadKw', pattern: NA });
/** Category of the primitive type keywords (`u8` … `string`, `error-context`). */
export const PrimitiveKw = createToken({ name: 'PrimitiveKw', pattern: NA });
export const Id = createToken({ name: 'Id', pattern: NA, categories: [Identifier, VersionPart] });
export const ExplicitId = createToken({ name: 'ExplicitId', pattern: NA, categories: [Identifier] });
export const Integer = createToken({ name: 'Integer', pattern: NA, categories: [VersionPart] });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: NA });
export const Comment = createToken({ name: 'Comment', pattern: NA });

export const Equals = createToken({ name: 'Equals', pattern: NA });
export const Comma = createToken({ name: 'Comma', pattern: NA });
export const Colon = createToken({ name: 'Colon', pattern: NA });
export const Period = createToken({ name: 'Period', pattern: NA });
export const Semicolon = createToken({ name: 'Semicolon', pattern: NA });
export const LParen = createToken({ name: 'LParen', pattern: NA });
export const RParen = createToken({ name: 'RParen', pattern: NA });
export const LBrace = createToken({ name: 'LBrace', pattern: NA });
export const RBrace = createToken({ name: 'RBrace', pattern: NA });
export const LAngle = createToken({ name: 'LAngle', pattern: NA });
export const RAngle = createToken({ name: 'RAngle', pattern: NA });
export const RArrow = createToken({ name: 'RArrow', pattern: NA });
export const Star = createToken({ name: 'Star', pattern: NA });
export const At = createToken({ name: 'At', pattern: NA });
export const Slash = createToken({ name: 'Slash', pattern: NA });
export const Plus = createToken({ name: 'Plus', pattern: NA });
export const Minus = createToken({ name: 'Minus', pattern: NA, categories: [VersionPart] });

/** Keyword spelling -> token type. */
export const keywords = new Map<string, TokenType>();
/** Keyword spelling -> the keyword's type and its spelling (one shared string per keyword). */
export const keywordEntries = new Map<string, { readonly type: TokenType; readonly word: string }>();
function kw(word: string, categories: TokenType[] = []): TokenType {
  const name = 'Kw_' + word.replace(/-/g, '_');
  const t = createToken({ name, pattern: NA, categories });
  keywords.set(word, t);
  keywordEntries.set(word, { type: t, word });
  return t;
}

export const Use = kw('use');
export const Type = kw('type');
export const Func = kw('func');
export const U8 = kw('u8', [PrimitiveKw]);
export const U16 = kw('u16', [PrimitiveKw]);
export const U32 = kw('u32', [PrimitiveKw]);
export const U64 = kw('u64', [PrimitiveKw]);
export const S8 = kw('s8', [PrimitiveKw]);
export const S16 = kw('s16', [PrimitiveKw]);
export const S32 = kw('s32', [PrimitiveKw]);
export const S64 = kw('s64', [PrimitiveKw]);
export const F32 = kw('f32', [PrimitiveKw]);
export const F64 = kw('f64', [PrimitiveKw]);
export const Char = kw('char', [PrimitiveKw]);
export const Resource = kw('resource');
export const Own = kw('own', [HandleKw]);
export const Borrow = kw('borrow', [HandleKw]);
export const Record = kw('record');
export const Flags = kw('flags');
export const Variant = kw('variant');
export const Enum = kw('enum');
export const Bool = kw('bool', [PrimitiveKw]);
export const String_ = kw('string', [PrimitiveKw]);
export const Option_ = kw('option');
export const Result_ = kw('result');
export const Future = kw('future', [PayloadKw]);
export const Stream = kw('stream', [PayloadKw]);
export const ErrorContext = kw('error-context', [PrimitiveKw]);
export const List = kw('list');
export const Map_ = kw('map');
export const Underscore = kw('_');
export const As = kw('as');
export const From = kw('from');
export const Static = kw('static');
export const Interface = kw('interface');
export const Tuple = kw('tuple');
export const Import = kw('import');
export const Export = kw('export');
export const World = kw('world');
export const Package = kw('package');
export const Constructor = kw('constructor');
export const Async = kw('async');
export const Include = kw('include');
export const With = kw('with');

/** Every token type, in a fixed order (the parser's vocabulary). */
export const allTokens: TokenType[] = [
  Identifier,
  VersionPart,
  HandleKw,
  PayloadKw,
  PrimitiveKw,
  Id,
  ExplicitId,
  Integer,
  StringLiteral,
  Comment,
  Equals,
  Comma,
  Colon,
  Period,
  Semicolon,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LAngle,
  RAngle,
  RArrow,
  Star,
  At,
  Slash,
  Plus,
  Minus,
  ...keywords.values(),
];

/** The text of the punctuation token types. */
const punctuationImages = new Map<TokenType, string>([
  [Equals, '='],
  [Comma, ','],
  [Colon, ':'],
  [Period, '.'],
  [Semicolon, ';'],
  [LParen, '('],
  [RParen, ')'],
  [LBrace, '{'],
  [RBrace, '}'],
  [LAngle, '<'],
  [RAngle, '>'],
  [RArrow, '->'],
  [Star, '*'],
  [At, '@'],
  [Slash, '/'],
  [Plus, '+'],
  [Minus, '-'],
]);

const punctuation = new Map<TokenType, string>([
  [Equals, "'='"],
  [Comma, "','"],
  [Colon, "':'"],
  [Period, "'.'"],
  [Semicolon, "';'"],
  [LParen, "'('"],
  [RParen, "')'"],
  [LBrace, "'{'"],
  [RBrace, "'}'"],
  [LAngle, "'<'"],
  [RAngle, "'>'"],
  [RArrow, '`->`'],
  [Star, '`*`'],
  [At, '`@`'],
  [Slash, '`/`'],
  [Plus, '`+`'],
  [Minus, '`-`'],
  [Id, 'an identifier'],
  [ExplicitId, "an '%' identifier"],
  [Identifier, 'an identifier or string'],
  [VersionPart, 'an id or integer'],
  [PrimitiveKw, 'a type'],
  [HandleKw, 'a type'],
  [PayloadKw, 'a type'],
  [Integer, 'an integer'],
  [StringLiteral, 'a string literal'],
  [Comment, 'a comment'],
]);

const keywordNames = new Map<TokenType, string>([...keywords].map(([word, t]) => [t, word]));

/** How wit-parser describes a token type in "expected X, found Y" messages (`eof` for the end of input). */
export function describeTokenType(t: TokenType): string {
  const p = punctuation.get(t);
  if (p !== undefined) return p;
  const k = keywordNames.get(t);
  if (k !== undefined) return `keyword \`${k}\``;
  return 'eof';
}

/** True for the chevrotain end-of-input token. */
export function isEof(t: IToken): boolean {
  return t.tokenType.name === 'EOF';
}

/** True for the tokens that can appear in a version's pre-release or build part (identifiers, integers, `-`). */
export function isVersionPart(t: IToken): boolean {
  const type = t.tokenType;
  return type === Id || type === Integer || type === Minus;
}

/** The end-of-input token (what chevrotain returns past the last token). */
export const eofToken: Token = createTokenInstance(EOF, '', NaN, NaN, NaN, NaN, NaN, NaN) as Token;

/**
 * One position-less token per token type, indexed by `tokenTypeIdx`: what the parser reads (chevrotain decides on
 * `tokenTypeIdx` alone). Its image is the keyword or punctuation for those types, empty for the others; its offsets
 * are -1.
 */
const kindTokens: Token[] = [];
for (const t of allTokens) {
  const word = keywordNames.get(t) ?? punctuationImages.get(t) ?? '';
  // Offsets -1, not NaN: a double in a field makes V8 box that field in every object of the same shape (comments).
  kindTokens[t.tokenTypeIdx!] = { image: word, startOffset: -1, endOffset: -1, tokenType: t, tokenTypeIdx: t.tokenTypeIdx! };
}

if (kindTokens.length > 256) throw new Error('token type indices must fit in a byte (TokenList.types)');

/** The position-less token of a type (see `kindTokens`). */
export function kindToken(t: TokenType): Token {
  return kindTokens[t.tokenTypeIdx!]!;
}

/**
 * The significant tokens of a file, stored compactly: a file of 2.5 MB has over 300 000 tokens, and one object per
 * token is most of the cost of lexing it (allocation, then garbage collection of memory that stays alive). Token `i`
 * is `types[i]` (its `tokenTypeIdx`), `starts[i]` / `ends[i]` (UTF-16 offsets, end exclusive) and its text,
 * `image(i)`: the keyword or punctuation for those types, otherwise `words[wordIds[i]]` (one string per distinct
 * word of the file).
 */
export class TokenList {
  /** The distinct texts of the tokens whose text is not fixed by their type. */
  readonly words: string[] = [];
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** Per token, an index into `words`, or -1 when the text is fixed by the type. */
  wordIds: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.types = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.wordIds = new Int32Array(capacity);
  }

  /** Empties the list for another file, keeping its arrays when they have room for `capacity` tokens. */
  reset(capacity: number): void {
    this.length = 0;
    this.words.length = 0;
    if (this.starts.length < capacity) {
      this.types = new Uint8Array(capacity);
      this.starts = new Int32Array(capacity);
      this.ends = new Int32Array(capacity);
      this.wordIds = new Int32Array(capacity);
    }
  }

  /** Appends a token (`end` exclusive) whose text is `words[wordId]`, or fixed by its type when `wordId` is -1. */
  push(kind: Token, wordId: number, start: number, end: number): void {
    this.pushType(kind.tokenTypeIdx, wordId, start, end);
  }

  /** `push` with the token type index instead of the type's token. */
  pushType(typeIdx: number, wordId: number, start: number, end: number): void {
    const i = this.length;
    if (i === this.starts.length) this.grow();
    this.types[i] = typeIdx;
    this.wordIds[i] = wordId;
    this.starts[i] = start;
    this.ends[i] = end;
    this.length = i + 1;
  }

  /** Adds a word; returns its id. */
  addWord(word: string): number {
    return this.words.push(word) - 1;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const types = new Uint8Array(n);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const wordIds = new Int32Array(n);
    types.set(this.types);
    starts.set(this.starts);
    ends.set(this.ends);
    wordIds.set(this.wordIds);
    this.types = types;
    this.starts = starts;
    this.ends = ends;
    this.wordIds = wordIds;
  }

  /** The shared, position-less token of token `i`'s type (see `kindToken`). */
  kind(i: number): Token {
    return kindTokens[this.types[i]!]!;
  }

  /**
   * The parser's input: the shared token of each token's type, in `into` (one array reused from file to file, so
   * that a parse does not allocate and then keep an array as long as the file has tokens).
   */
  kindsInto(into: Token[]): Token[] {
    const n = this.length;
    const types = this.types;
    into.length = n;
    for (let i = 0; i < n; i++) into[i] = kindTokens[types[i]!]!;
    return into;
  }

  /** The text of token `i`. */
  image(i: number): string {
    const w = this.wordIds[i]!;
    return w < 0 ? this.kind(i).image : this.words[w]!;
  }

  /** Token `i` as an object (the end-of-input token past the last one). */
  at(i: number): Token {
    if (i < 0 || i >= this.length) return eofToken;
    const kind = this.kind(i);
    return { image: this.image(i), startOffset: this.starts[i]!, endOffset: this.ends[i]! - 1, tokenType: kind.tokenType, tokenTypeIdx: kind.tokenTypeIdx };
  }

  /** Every token as an object. */
  toArray(): Token[] {
    const out = new Array<Token>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }
}

/**
 * The comments of a file, stored like `TokenList`: offsets in typed arrays, token objects (and their text) made
 * on demand. Most comments are docs that a check never reads.
 */
export class CommentList {
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(
    /** The file's text. */
    readonly text: string,
    capacity = 16,
  ) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Appends a comment (`end` exclusive). */
  push(start: number, end: number): void {
    const i = this.length;
    if (i === this.starts.length) {
      const starts = new Int32Array(i * 2);
      const ends = new Int32Array(i * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[i] = start;
    this.ends[i] = end;
    this.length = i + 1;
  }

  /** Comment `i` as a token. */
  at(i: number): Token {
    const start = this.starts[i]!;
    const end = this.ends[i]!;
    return { image: this.text.slice(start, end), startOffset: start, endOffset: end - 1, tokenType: Comment, tokenTypeIdx: commentIdx };
  }

  /** Comments `from` (inclusive) to `to` (exclusive) as tokens. */
  range(from: number, to: number): Token[] {
    const out = new Array<Token>(to - from);
    for (let i = from; i < to; i++) out[i - from] = this.at(i);
    return out;
  }

  /** Every comment as a token. */
  toArray(): Token[] {
    return this.range(0, this.length);
  }
}

const commentIdx = Comment.tokenTypeIdx!;
