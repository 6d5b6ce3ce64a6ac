/**
 * The non-grammar half of the WIT parser: per-parse state, AST helpers (spans, ids, versions, docs), the item loop
 * with its error recovery, and the conversion of chevrotain's errors into diagnostics. parser.ts holds the rules.
 */
import { EmbeddedActionsParser, isRecognitionException, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { Codes } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source, Span } from '../text/source.js';
import type * as A from './ast.js';
import { AbandonItem, errorMessageProvider, FULL_SPAN, TooManyErrors } from './errors.js';
import { LazyDocs } from './lazy-docs.js';
import { parseSemver } from './semver.js';
import * as T from './tokens.js';
import { CommentList, TokenList, type Token } from './tokens.js';
import { exactSlice } from '../util/exact-array.js';

/** The `span` a node has until `own` makes it its own span. */
export const SELF = undefined as unknown as Span;

/**
 * The methods chevrotain (11.x, `GastRecorder.enableRecording`) replaces on the parser object while it records the
 * grammar: the DSL methods with their occurrence suffixes (none, 1–9) and their lower-case forms, `ACTION`,
 * `BACKTRACK` and `LA`.
 */
export const RECORDING_METHODS: readonly string[] = [
  ...['CONSUME', 'SUBRULE', 'OPTION', 'OR', 'MANY', 'MANY_SEP', 'AT_LEAST_ONE', 'AT_LEAST_ONE_SEP'].flatMap((m) =>
    ['', 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `${m}${i}`),
  ),
  ...['consume', 'subrule', 'option', 'or', 'many', 'atLeastOne', 'ACTION', 'BACKTRACK', 'LA'],
];

const U32_MAX = 4294967295;
const idIdx = T.Id.tokenTypeIdx!;
const explicitIdIdx = T.ExplicitId.tokenTypeIdx!;

export abstract class ParserBase extends EmbeddedActionsParser {
  protected source!: Source;
  /** The tokens being parsed. */
  protected list: TokenList = new TokenList();
  /**
   * chevrotain's input: per token, the shared token of its type (no positions; `list` has them). One array, reused
   * by every parse.
   */
  protected tokens: Token[] = [];
  /** Token start offsets (`list.starts`) and exclusive end offsets (`list.ends`). */
  protected starts: Int32Array = new Int32Array(0);
  protected ends: Int32Array = new Int32Array(0);
  /** Number of real tokens (chevrotain pads the token array with EOF sentinels while parsing). */
  protected tokenCount = 0;
  protected comments: CommentList = new CommentList('');
  /** The lexer's payloads by token index: identifier errors and string literal values. */
  protected payloads: ReadonlyMap<number, string> = new Map();
  /** Index of the first comment not yet behind the parser (docs lookups move forward through the file). */
  protected commentCursor = 0;
  /** Syntax errors found by the rules' actions (identifiers, versions, attributes, limits). */
  protected extra: Diagnostic[] = [];
  /** Errors wit-parser reports only after parsing the whole file (nested package placement). */
  protected late: Diagnostic[] = [];
  protected header: A.PackageDecl | undefined;
  protected topItems: A.TopLevelItem[] = [];
  protected typeDepth = 0;
  protected pkgDepth = 0;
  protected maxErrors = 100;
  protected lexErrorCount = 0;

  /**
   * `validate` runs chevrotain's grammar checks (slow; tests use it, the shared parser skips them). `direct` lets
   * `name` and `typeRef` read tokens themselves where a rule or `CONSUME` would only read them (the default); tests
   * turn it off to check that both ways give the same trees and errors.
   */
  constructor(
    validate = false,
    protected readonly direct = true,
  ) {
    super(T.allTokens, { maxLookahead: 1, skipValidations: !validate, errorMessageProvider, recoveryEnabled: false });
  }

  /**
   * Ends chevrotain's grammar recording (called by `performSelfAnalysis`; this replaces chevrotain's own method).
   *
   * While it records the grammar, chevrotain puts recording versions of its DSL methods (`CONSUME`, `OR1`, `LA`, …;
   * `RECORDING_METHODS`) on the parser object itself, and its `disableRecording` then deletes them so that calls
   * reach the prototype's methods again. Those deletes, on an object with hundreds of properties that chevrotain has
   * made a prototype (its `toFastProperties`), took about 3 ms in a fresh process: building the parser took 12.5 ms
   * with them and 10.3 ms without (medians of 21 processes each; parsing afterwards is as fast either way), and
   * every cold `witc check` builds the parser. Here each of those properties is pointed at the prototype's method
   * instead, so every call goes where it went after the deletes.
   * test/syntax/parser-setup.test.ts compares this with chevrotain's own method.
   */
  protected disableRecording(): void {
    this.RECORDING_PHASE = false;
    const self = this as unknown as Record<string, unknown>;
    const proto = Object.getPrototypeOf(this) as Record<string, unknown>;
    for (const key of RECORDING_METHODS) self[key] = proto[key];
  }

  /** Prepares a parse of `tokens` (chevrotain resets its own state when `input` is set). */
  protected prepare(
    source: Source,
    tokens: TokenList,
    comments: CommentList,
    payloads: ReadonlyMap<number, string>,
    maxErrors: number,
    lexErrors: number,
  ): void {
    this.source = source;
    this.payloads = payloads;
    this.commentCursor = 0;
    this.list = tokens;
    tokens.kindsInto(this.tokens);
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.tokenCount = tokens.length;
    this.comments = comments;
    this.extra = [];
    this.late = [];
    this.header = undefined;
    this.topItems = [];
    this.typeDepth = 0;
    this.pkgDepth = 0;
    this.listTop = 0;
    this.maxErrors = maxErrors;
    this.lexErrorCount = lexErrors;
    this.input = this.tokens;
  }

  /** Drops the references to the last file, so the shared parser does not keep it alive. */
  protected release(): void {
    this.input = [];
    this.listStack.fill(undefined);
    this.list = new TokenList();
    this.starts = this.ends = new Int32Array(0);
    this.comments = new CommentList('');
    this.payloads = new Map();
    this.extra = [];
    this.late = [];
    this.header = undefined;
    this.topItems = [];
  }

  // -------------------------------------------------------------------------------------------------------------
  // Spans and nodes

  protected span(start: number, end: number): Span {
    return { source: this.source, start, end };
  }

  /** From `start` to the end of the last consumed token. */
  protected spanFrom(start: number): Span {
    return { source: this.source, start, end: this.endFrom(start) };
  }

  /** The end of a span from `start` to the end of the last consumed token. */
  protected endFrom(start: number): number {
    const i = this.last();
    const end = i < 0 || i >= this.tokenCount ? start : this.ends[i]!;
    return end > start ? end : start;
  }

  /**
   * Makes `node` its own span (see ast.ts) and returns it. The node is written with `span: SELF` and its own
   * `source`, `start` and `end`; the object literal stays at the call site, so that V8 can pre-tenure each kind.
   */
  protected own<const N extends { readonly span: Span; readonly source: Source; readonly start: number; readonly end: number }>(node: N): N {
    (node as { span: Span }).span = node;
    return node;
  }

  /** The span of token `i` (the end of input past the last token). */
  protected tokSpan(i: number): Span {
    if (i < 0 || i >= this.tokenCount) return this.eofSpan();
    return { source: this.source, start: this.starts[i]!, end: this.ends[i]! };
  }

  /** Index of the last consumed token (-1 before the first). */
  protected last(): number {
    return (this as unknown as LexerState).currIdx;
  }

  /**
   * Whether an optional part that starts with a token of type `t` is there (decided on the next token, as
   * wit-parser does), in place of chevrotain's `OPTION`: no closure and no lookahead function per use. While chevrotain
   * records the grammar it is true, so the part is recorded as mandatory: only for parts that do not begin a rule
   * (the tokens that can begin a rule must stay as they are).
   */
  protected has(t: TokenType): boolean {
    return this.RECORDING_PHASE || this.LA(1).tokenType === t;
  }

  /** Goes back to just after token `mark`, dropping the errors reported after the first `reported`. */
  protected rollBack(mark: number, reported: number): void {
    (this as unknown as LexerState).importLexerState(mark);
    this.extra.length = reported;
  }

  /** Consumes the next token without checking it (the caller has looked at `LA(1)`). */
  protected consumeNext(): void {
    (this as unknown as LexerState).consumeToken();
  }

  /** Start offset of the next token (`LA(1)`), or the end of the text at the end of input. */
  protected nextStart(): number {
    const i = this.last() + 1;
    if (i < this.tokenCount) return this.starts[i]!;
    // During chevrotain's grammar recording (while the parser is built) there is no source yet.
    return this.source === undefined ? 0 : this.source.text.length;
  }

  /**
   * chevrotain records each syntax error with the token it failed on (`LA(1)`) and the one before it; its input
   * holds position-less tokens, so they are replaced by full tokens here.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const e = error as IRecognitionException & { previousToken?: IToken };
    const i = this.last();
    e.token = this.list.at(i + 1);
    if ('previousToken' in e) e.previousToken = this.list.at(i);
    return (EmbeddedActionsParser.prototype as unknown as SaveError).SAVE_ERROR.call(this, error);
  }

  protected eofSpan(): Span {
    const n = this.source.text.length;
    return { source: this.source, start: n, end: n };
  }

  /** The comments between the last consumed token and the next one (`LA(1)`), as docs. */
  protected docsNext(): A.Docs | undefined {
    if (this.RECORDING_PHASE) return undefined;
    const comments = this.comments;
    const starts = comments.starts;
    const count = comments.length;
    const i = this.last();
    const from = i < 0 ? 0 : this.ends[i]!;
    const to = i + 1 < this.tokenCount ? this.starts[i + 1]! : this.source.text.length + 1;
    let s = this.commentCursor;
    if (s > 0 && starts[s - 1]! >= from) s = firstCommentFrom(starts, count, from);
    while (s < count && starts[s]! < from) s++;
    let e = s;
    while (e < count && starts[e]! < to) e++;
    this.commentCursor = s;
    if (e <= s) return undefined;
    return new LazyDocs(this.span(starts[s]!, comments.ends[e - 1]!), comments, s, e);
  }

  /** Consumes an identifier (`foo` or `%foo`), checking it is kebab-case where wit-parser checks it. */
  protected name(idx: number): A.Id {
    if (this.direct && !this.RECORDING_PHASE) {
      // The usual case, read without chevrotain's CONSUME (which is there for the grammar and for the error).
      const k = this.LA(1).tokenTypeIdx;
      if (k === idIdx || k === explicitIdIdx) {
        this.consumeNext();
        return this.makeId(this.last());
      }
    }
    this.consume(idx, T.Identifier);
    return this.RECORDING_PHASE ? (undefined as never) : this.makeId(this.last());
  }

  /** The identifier node of token `i`. */
  protected makeId(i: number): A.Id {
    const escaped = this.tokens[i]!.tokenType === T.ExplicitId;
    const start = this.starts[i]!;
    if (this.payloads.size > 0) {
      const error = this.payloads.get(i);
      if (error !== undefined) this.report(Codes.InvalidIdentifier, error, this.pointSpan(start));
    }
    const image = this.list.image(i);
    return this.own({ kind: 'Id', span: SELF, source: this.source, start, end: this.ends[i]!, name: escaped ? image.slice(1) : image, escaped });
  }

  protected makePath(first: A.Id, rest: { pkg: A.Id; name: A.Id; version: A.Version | undefined } | undefined): A.UsePath {
    if (rest === undefined) return { kind: 'LocalPath', span: first.span, name: first };
    const end = (rest.version ?? rest.name).span.end;
    return {
      kind: 'PackagePath',
      span: this.span(first.span.start, end),
      namespace: first,
      package: rest.pkg,
      name: rest.name,
      version: rest.version,
    };
  }

  /** The version whose first token starts at `start` and whose last token was just consumed. */
  protected makeVersion(start: number): A.Version {
    const span = this.spanFrom(start);
    const text = this.source.text.slice(span.start, span.end);
    const parts = parseSemver(text);
    if ('error' in parts) {
      this.report(Codes.InvalidVersion, parts.error, span);
      return { kind: 'Version', span, text, major: 0, minor: 0, patch: 0, pre: '', build: '' };
    }
    return { kind: 'Version', span, text, ...parts };
  }

  /** The length of `list<T, N>`, token `i`. */
  protected listLength(i: number): { value: number; span: Span } {
    const span = this.tokSpan(i);
    const digits = this.list.image(i).replace(/^0+(?=.)/, '');
    if (digits.length > 10 || Number(digits) > U32_MAX) {
      this.report(Codes.InvalidListSize, 'invalid list size: number too large to fit in target type', span);
    }
    return { value: Number(digits), span };
  }

  /** Checks the key of `@since(version = …)` / `@unstable(feature = …)`. */
  protected attrKey(id: A.Id, expected: string): void {
    if (this.RECORDING_PHASE) return;
    if (id.name !== expected) this.abandon(Codes.InvalidAttribute, `expected \`${expected}\`, found \`${id.name}\``, id.span);
  }

  private pointSpan(offset: number): Span {
    const cp = this.source.text.codePointAt(offset);
    return this.span(offset, cp === undefined ? offset : offset + (cp > 0xffff ? 2 : 1));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Errors

  protected report(code: string, message: string, span: Span): void {
    this.extra.push(diagnostic({ code, message, span, notes: hintsFor(message, undefined) }));
  }

  /** Reports an error and abandons the current item (wit-parser stops at its first error; we resume after it). */
  protected abandon(code: string, message: string, span: Span): never {
    this.report(code, message, span);
    throw new AbandonItem();
  }

  private errorCount(): number {
    return this.errors.length + this.extra.length + this.lexErrorCount;
  }

  /**
   * Parses items until `end` (or the end of input when `end` is undefined). Each item gets the comments before it as
   * docs and its start offset; an error in an item is recorded and the parser resumes after the item.
   */
  protected bodyLoop(
    end: TokenType | undefined,
    sync: ReadonlySet<number>,
    body: (docs: A.Docs | undefined, start: number) => void,
  ): void {
    const REC = this.RECORDING_PHASE;
    for (;;) {
      const la = this.LA(1);
      if (!REC && (end === undefined ? T.isEof(la) : la.tokenType === end)) break;
      const state = this.last();
      const top = this.listTop;
      try {
        body(REC ? undefined : this.docsNext(), REC ? 0 : this.nextStart());
      } catch (e) {
        this.listTop = top;
        if (REC || !this.recover(e, state, sync)) {
          if (REC) throw e;
          break;
        }
      }
      if (REC) break;
    }
  }

  /**
   * Skips the rest of a failed item: to just past its `;` or its closing brace, or to the next token that starts an
   * item (`sync`), or to the `}` that closes the enclosing body. Returns false at the end of input.
   */
  protected recover(e: unknown, state: number, sync: ReadonlySet<number>): boolean {
    if (e instanceof TooManyErrors) throw e;
    if (!(e instanceof AbandonItem) && !(e instanceof Error && isRecognitionException(e))) throw e;
    this.typeDepth = 0;
    if (this.errorCount() >= this.maxErrors) throw new TooManyErrors();
    const toks = this.tokens;
    const count = this.tokenCount;
    const itemStart = state + 1;
    const pos = this.last() + 1;
    if (pos >= count) return false;
    let depth = 0;
    for (let k = itemStart; k < pos; k++) depth += braceDelta(toks[k]!);
    let j = pos;
    if (pos <= itemStart) {
      // The item failed on its first token: always skip that token.
      const t0 = toks[pos]!.tokenType;
      j = pos + 1;
      if (t0 === T.Semicolon || t0 === T.RBrace) return this.resumeAt(j);
      if (t0 === T.LBrace) depth = 1;
    }
    for (; j < count; j++) {
      const t = toks[j]!.tokenType;
      if (t === T.LBrace) depth++;
      else if (t === T.RBrace) {
        if (depth <= 0) break;
        depth--;
        if (depth === 0) {
          j++;
          break;
        }
      } else if (depth <= 0) {
        if (t === T.Semicolon) {
          j++;
          break;
        }
        if (sync.has(t.tokenTypeIdx!)) break;
      }
    }
    return this.resumeAt(j);
  }

  private resumeAt(j: number): boolean {
    (this as unknown as LexerState).importLexerState(j - 1);
    return true;
  }

  /** chevrotain's recorded errors as diagnostics. */
  protected parserDiagnostics(): Diagnostic[] {
    return this.errors.filter((e) => e.name !== 'NotAllInputParsedException').map((e) => this.toDiagnostic(e));
  }

  private toDiagnostic(e: IRecognitionException): Diagnostic {
    const full = e.message.startsWith(FULL_SPAN);
    const message = full ? e.message.slice(FULL_SPAN.length) : e.message;
    const tok = e.token;
    const span = T.isEof(tok) || Number.isNaN(tok.startOffset) ? this.eofSpan() : full ? this.span(tok.startOffset, tok.endOffset! + 1) : this.pointSpan(tok.startOffset);
    return diagnostic({ code: Codes.UnexpectedToken, message, span, notes: hintsFor(message, tok) });
  }

  // -------------------------------------------------------------------------------------------------------------
  // DSL helpers (each called at most once per rule, so chevrotain's occurrence indices stay unique)

  /** The parts after `-` or `+` in a version: identifiers, integers and `-`, separated by `.`. */
  protected versionParts(idx: number): void {
    const REC = this.RECORDING_PHASE;
    this.consume(idx, T.VersionPart);
    for (;;) {
      const dotted = this.LA(1).tokenType === T.Period && T.isVersionPart(this.LA(2));
      if (REC || dotted) this.consume(idx + 2, T.Period);
      if (REC || dotted || T.isVersionPart(this.LA(1))) this.consume(idx + 1, T.VersionPart);
      else break;
      if (REC) break;
    }
  }

  /**
   * `item, item, … end` with an optional trailing comma (wit-parser's `parse_list_trailer`); the opening token was
   * consumed by the caller. `item` receives the comments before the element as docs.
   */
  protected listTail<N>(end: TokenType, idx: number, item: (docs: A.Docs | undefined) => N): N[] {
    const REC = this.RECORDING_PHASE;
    const base = this.listTop;
    for (;;) {
      const docs = REC ? undefined : this.docsNext();
      if (REC || this.LA(1).tokenType === end) {
        this.consume(idx, end);
        if (!REC) break;
      }
      const node = item(docs);
      if (!REC) this.pushItem(node);
      if (REC || this.LA(1).tokenType === T.Comma) {
        this.consume(idx, T.Comma);
        if (!REC) continue;
      }
      this.consume(idx + 1, end);
      break;
    }
    return this.takeList(base);
  }

  /**
   * Items of the lists being read, a nested list above the list that contains it. Lists are collected here and
   * copied out at their exact length: an array grown by `push` gets its elements from the young generation, where
   * they survive and are copied by the next scavenge, while the copy is allocated where V8 allocates the list.
   */
  private readonly listStack: unknown[] = [];
  /** The top of `listStack` (entries above it are stale). An abandoned item resets it (`bodyLoop`). */
  protected listTop = 0;

  protected pushItem(node: unknown): void {
    this.listStack[this.listTop++] = node;
  }

  /** The items above `base` as an array of their exact length (off the stack). */
  protected takeList<N>(base: number): N[] {
    const n = this.listTop - base;
    this.listTop = base;
    return exactSlice(this.listStack as N[], base, n);
  }
}

/** Short advice attached to some errors (shown by the human renderer, not part of the wit-parser message). */
function hintsFor(message: string, found: IToken | undefined): string[] {
  const kw = /^expected an identifier or string, found keyword `([^`]+)`$/.exec(message);
  if (kw) return [`to use a keyword as a name, escape it: \`%${kw[1]}\``];
  if (message.startsWith('invalid character in identifier') || message.startsWith('identifiers must have')) {
    return ['names are kebab-case: words of lowercase letters and digits (or all uppercase) joined by single `-`'];
  }
  if (message === "expected a type, found '('" && found) {
    return ['a function has at most one result type: use a tuple or a record to return several values'];
  }
  if (message === "expected '{', found ';'" && found) {
    return ['only the first `package …;` of a file is its header; further packages need a `{ … }` block'];
  }
  if (message.startsWith('unknown attribute')) return ['the attributes are @since, @unstable, @deprecated and @external-id'];
  if (message.endsWith('nesting too deep')) return ['the limit is 100 levels'];
  return [];
}

/** Index of the first comment starting at or after `offset` (binary search; comments are in source order). */
function firstCommentFrom(starts: Int32Array, count: number, offset: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** chevrotain's token-position accessors (public at runtime, missing from its type declarations). */
interface LexerState {
  currIdx: number;
  consumeToken(): void;
  importLexerState(state: number): void;
}

/** chevrotain's error recording (public at runtime, missing from its type declarations). */
interface SaveError {
  SAVE_ERROR(error: IRecognitionException): IRecognitionException;
}

function braceDelta(t: IToken): number {
  return t.tokenType === T.LBrace ? 1 : t.tokenType === T.RBrace ? -1 : 0;
}
