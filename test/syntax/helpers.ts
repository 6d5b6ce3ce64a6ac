/**
 * Helpers for the syntax tests: parse snippets and compare trees without positions.
 */
import { renderReference } from '../../src/diagnostics/render.js';
import { parse } from '../../src/syntax/index.js';
import type * as A from '../../src/syntax/ast.js';

/**
 * A deep copy of `node` without spans, sources, tokens, comments and docs (for structural comparisons). Leaves that
 * are their own span also carry `start` and `end`, which are positions too.
 */
export function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'span' || k === 'source' || k === 'start' || k === 'end' || k === 'tokens' || k === 'comments' || k === 'docs' || k === 'keyword') continue;
    if (v === undefined) continue;
    out[k] = strip(v);
  }
  return out;
}

/** Parses and asserts there are no diagnostics; returns the file. */
export function parseOk(text: string): A.File {
  const r = parse(text, 'test.wit');
  if (r.diagnostics.length > 0) {
    throw new Error(`unexpected diagnostics:\n${r.diagnostics.map(renderReference).join('\n')}`);
  }
  return r.file;
}

/** The first interface item of `interface i { <body> }`. */
export function ifaceItem(body: string): A.InterfaceItem {
  const file = parseOk(`interface i {\n${body}\n}`);
  return (file.items[0] as A.Interface).items[0]!;
}

/** The type of `type t = <type>;`. */
export function typeOf(type: string): A.TypeExpr {
  return (ifaceItem(`type t = ${type};`) as A.TypeAlias).type;
}

/** Messages of the diagnostics of `text`. */
export function messages(text: string): string[] {
  return parse(text, 'test.wit').diagnostics.map((d) => d.message);
}

/** "message @line:col" (col = UTF-8 byte column) of the first diagnostic. */
export function firstError(text: string): string {
  const d = parse(text, 'test.wit').diagnostics[0];
  if (!d) return 'none';
  if (!d.span) return d.message;
  return `${d.message} @${d.span.source.position(d.span.start).line}:${d.span.source.byteColumn(d.span.start)}`;
}

/** The source text covered by a node's span. */
export function spanText(node: { span: { source: { text: string }; start: number; end: number } }): string {
  return node.span.source.text.slice(node.span.start, node.span.end);
}
