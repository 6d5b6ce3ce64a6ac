/**
 * A prettier (v3) plugin for WIT, published as `witc/prettier`: language `wit` (`*.wit`), parser `wit`, printer
 * `wit-format`. Both delegate to witc's formatter (./index.ts), so `prettier --plugin witc/prettier` and `witc fmt`
 * produce the same text. Honoured options: `printWidth` (default 100 for WIT, as `witc fmt`) and `tabWidth`.
 * A file with syntax errors makes prettier report an error (with the location of the first problem).
 */
import { builders } from 'prettier/doc';
import type { AstPath, Doc, Parser, ParserOptions, Plugin, Printer, SupportLanguage } from 'prettier';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { defaultWidth, formatText } from './index.js';

/** The tree the parser hands to the printer: the formatted text of the whole file. */
interface WitRoot {
  readonly type: 'wit-root';
  readonly formatted: string;
  readonly length: number;
}

export const languages: SupportLanguage[] = [
  {
    name: 'WIT',
    parsers: ['wit'],
    extensions: ['.wit'],
    vscodeLanguageIds: ['wit'],
  },
];

/** The error prettier reports for a file that does not parse (`loc` gives prettier its code frame). */
class WitSyntaxError extends SyntaxError {
  readonly loc: { start: { line: number; column: number } } | undefined;
  constructor(d: Diagnostic | undefined) {
    super(d ? `${d.message} (${d.code})` : 'the file could not be formatted');
    if (d?.span) {
      const p = d.span.source.position(d.span.start);
      this.loc = { start: { line: p.line, column: p.column } };
    } else this.loc = undefined;
  }
}

const witParser: Parser<WitRoot> = {
  astFormat: 'wit-format',
  parse(text: string, options: ParserOptions<WitRoot>): WitRoot {
    const path = options.filepath ?? 'input.wit';
    const r = formatText(text, path, { width: options.printWidth, indent: options.tabWidth });
    if (r.text === undefined) throw new WitSyntaxError(r.diagnostics.find((d) => d.severity === 'error') ?? r.diagnostics[0]);
    return { type: 'wit-root', formatted: r.text, length: text.length };
  },
  locStart: () => 0,
  locEnd: (node: WitRoot) => node.length,
};

const witPrinter: Printer<WitRoot> = {
  print(path: AstPath<WitRoot>): Doc {
    if (path.node.formatted === '') return '';
    const lines = path.node.formatted.replace(/\n$/, '').split('\n');
    return [builders.join(builders.hardline, lines), builders.hardline];
  },
};

export const parsers: Record<string, Parser<WitRoot>> = { wit: witParser };
export const printers: Record<string, Printer<WitRoot>> = { 'wit-format': witPrinter };

/** Prettier's default width is 80; WIT files default to the formatter's width unless the user sets one. */
export const defaultOptions = { printWidth: defaultWidth, tabWidth: 2 };

const plugin: Plugin<WitRoot> = { languages, parsers, printers, defaultOptions };
export default plugin;
