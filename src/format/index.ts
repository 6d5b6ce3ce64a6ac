/**
 * The WIT formatter: one canonical layout (docs/formatting.md), lossless (every comment is kept in its place) and
 * idempotent. `formatText` refuses files with syntax errors; every result is checked before it is returned: the
 * output must lex to the input's tokens (trailing commas aside) and the input's comments, else the formatter reports
 * a bug instead of returning text.
 */
import { Codes } from '../diagnostics/codes.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { File } from '../syntax/ast.js';
import { parse } from '../syntax/index.js';
import { render } from './doc.js';
import { AstPrinter } from './printer.js';
import { FormatBug, TokenCursor } from './tokens.js';
import { losslessProblem } from './verify.js';

export { essentialTokens, losslessProblem } from './verify.js';

export interface FormatOptions {
  /** The line width long lists are broken at (default 100). */
  readonly width?: number;
  /** Spaces per indentation level (default 2). */
  readonly indent?: number;
  /** Check the output against the input's tokens and comments (default true). */
  readonly verify?: boolean;
}

export interface FormatResult {
  /** The formatted text; absent when the file was not formatted (see `diagnostics`). */
  readonly text?: string;
  /** Syntax errors of the input, or a formatter failure. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The default line width. */
export const defaultWidth = 100;

/** Formats WIT source text. Files with syntax errors are not formatted: their diagnostics say why. */
export function formatText(text: string, path: string, options: FormatOptions = {}): FormatResult {
  const { file, diagnostics } = parse(text, path);
  if (hasErrors(diagnostics)) return { diagnostics };
  return formatFile(file, options);
}

/** Formats a parsed file. The tree must come from a parse without errors. */
export function formatFile(file: File, options: FormatOptions = {}): FormatResult {
  let text: string;
  try {
    const doc = new AstPrinter(new TokenCursor(file.source.text, file.tokens, file.comments)).file(file);
    text = render(doc, { width: options.width ?? defaultWidth, indent: ' '.repeat(options.indent ?? 2) });
  } catch (e) {
    if (!(e instanceof FormatBug)) throw e;
    return failed(file, e.message);
  }
  text = text.replace(/^\n+/, '');
  if (text.length > 0) text += '\n';
  if (options.verify !== false) {
    const problem = losslessProblem(file, text);
    if (problem !== undefined) return failed(file, problem);
  }
  return { text, diagnostics: [] };
}

function failed(file: File, why: string): FormatResult {
  const message = `internal formatter error, file left unformatted: ${why}`;
  const span = { source: file.source, start: 0, end: 0 };
  return { diagnostics: [diagnostic({ code: Codes.FormatFailed, message, span })] };
}

