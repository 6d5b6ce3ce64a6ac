/**
 * The syntax stage: text -> tokens -> AST, with diagnostics.
 *
 * `parse` never throws: lexical and syntax problems are diagnostics and the returned tree is partial after errors.
 * Diagnostics come in the order wit-parser would report them, so the first one is wit-parser's error: forbidden
 * code points first (wit-parser scans the whole file before lexing), then lexical and syntax errors by position,
 * then errors wit-parser reports after parsing (nested package placement).
 */
import { Codes } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Source } from '../text/source.js';
import type { File } from './ast.js';
import { lex } from './lexer.js';
import { TokenList } from './tokens.js';
import { WitParser } from './parser.js';

export interface ParseResult {
  readonly file: File;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ParseOptions {
  /** Stop reporting after this many syntax errors (default 100). */
  readonly maxErrors?: number;
}

let shared: WitParser | undefined;
/**
 * The token list every parse lexes into (parsing is synchronous, and nothing keeps the list once a parse returns:
 * `File.tokens` lexes the file again when asked). It keeps the room of the largest file parsed so far.
 */
let pooledTokens: TokenList | undefined;

/** The parser is built once (chevrotain's grammar analysis is costly) and reused for every file. */
function parser(): WitParser {
  return (shared ??= new WitParser());
}

/** Parses one WIT file. Never throws: problems are diagnostics, and `file` is the partial tree. */
export function parse(text: string, path: string, options: ParseOptions = {}): ParseResult {
  return parseWith(parser(), text, path, options);
}

/** `parse` with a given parser (tests compare parsers built with different options). */
export function parseWith(witParser: WitParser, text: string, path: string, options: ParseOptions = {}): ParseResult {
  const source = new Source(path, text);
  const maxErrors = Math.max(1, options.maxErrors ?? 100);
  try {
    const lexed = lex(source, (pooledTokens ??= new TokenList()));
    const r = witParser.parseTokens(source, lexed.tokens, lexed.comments, lexed.payloads, {
      maxErrors,
      lexErrors: lexed.diagnostics.length + lexed.forbidden.length,
    });
    const ordered = [...lexed.forbidden, ...orderByPosition(lexed.diagnostics, r.errors), ...r.late];
    return { file: r.file, diagnostics: bound(ordered, maxErrors, r.truncated) };
  } catch (e) {
    // A bug in the parser must not take the caller down: report it as a diagnostic.
    const message = `internal error in the WIT parser: ${e instanceof Error ? e.message : String(e)}`;
    const file: File = {
      kind: 'File',
      span: { source, start: 0, end: text.length },
      source,
      package: undefined,
      items: [],
      tokens: [],
      comments: [],
    };
    return { file, diagnostics: [diagnostic({ code: Codes.UnexpectedToken, message, span: { source, start: 0, end: 0 } })] };
  }
}

/**
 * Merges lexical and syntax errors by start offset (a lexical error first on ties: wit-parser lexes a token before
 * looking at it). A syntax error at the same offset as an earlier error is a consequence of it and is dropped.
 */
function orderByPosition(lexical: readonly Diagnostic[], syntax: readonly Diagnostic[]): Diagnostic[] {
  const all = [...lexical.map((d, i) => ({ d, tier: 0, i })), ...syntax.map((d, i) => ({ d, tier: 1, i }))];
  all.sort((a, b) => a.d.span!.start - b.d.span!.start || a.tier - b.tier || a.i - b.i);
  const out: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const { d, tier } of all) {
    const start = d.span!.start;
    if (tier === 1 && seen.has(start)) continue;
    seen.add(start);
    out.push(d);
  }
  return out;
}

function bound(diagnostics: Diagnostic[], max: number, truncated: boolean): Diagnostic[] {
  if (diagnostics.length <= max && !truncated) return diagnostics;
  const kept = diagnostics.slice(0, max);
  kept.push(
    diagnostic({
      code: Codes.TooManyErrors,
      severity: 'info',
      message: `too many syntax errors: only the first ${max} are reported`,
    }),
  );
  return kept;
}

export { docsContents } from './docs.js';
export type * as ast from './ast.js';
export { printFile, typeExpr as printType, stringLiteral } from "./print.js";
