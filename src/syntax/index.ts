/**
 * The syntax stage: text -> tokens -> AST, with diagnostics. PLACEHOLDER until the parser lands.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Source } from '../text/source.js';
import type { File } from './ast.js';

export interface ParseResult {
  readonly file: File;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ParseOptions {
  /** Stop reporting after this many syntax errors (default 100). */
  readonly maxErrors?: number;
}

/** Parses one WIT file. Never throws: problems are diagnostics, and `file` is the partial tree. */
export function parse(text: string, path: string, _options: ParseOptions = {}): ParseResult {
  const source = new Source(path, text);
  const file: File = {
    kind: 'File',
    span: { source, start: 0, end: text.length },
    source,
    package: undefined,
    items: [],
    tokens: [],
    comments: [],
  };
  return { file, diagnostics: [] };
}

export type * as ast from './ast.js';
