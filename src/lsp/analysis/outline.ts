/**
 * Per-file structure in offsets: the document outline (symbols nested as in the text), semantic tokens and folding
 * ranges. Built from the AST, the comment tokens and the symbol index's occurrences.
 */
import type * as ast from '../../syntax/ast.js';
import type { Span } from '../../text/source.js';
import type { SymbolIndex, SymbolKind, WitSymbol } from './symbols.js';

export interface OutlineNode {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly detail?: string | undefined;
  /** The whole item. */
  readonly span: Span;
  /** The name. */
  readonly selection: Span;
  readonly children: OutlineNode[];
}

/** The outline of a file: the index's definitions in this file, nested by container. */
export function outline(index: SymbolIndex, path: string): OutlineNode[] {
  const nodes = new Map<string, { node: OutlineNode; parent: string | undefined }>();
  for (const occ of index.occurrences(path)) {
    if (!occ.def) continue;
    const sym = index.symbols.get(occ.key);
    if (!sym || nodes.has(sym.key) || sym.span.source.path !== path || sym.span.start !== occ.span.start) continue;
    if (sym.kind === 'param') continue;
    const item = sym.item.start <= sym.span.start && sym.item.end >= sym.span.end ? sym.item : sym.span;
    const node: OutlineNode = { name: sym.name, kind: sym.kind, detail: detail(sym), span: item, selection: sym.span, children: [] };
    nodes.set(sym.key, { node, parent: sym.container });
  }
  const roots: OutlineNode[] = [];
  for (const { node, parent } of nodes.values()) {
    const p = parent !== undefined ? nodes.get(parent)?.node : undefined;
    if (p && p.span.start <= node.span.start && node.span.end <= p.span.end) p.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function detail(sym: WitSymbol): string | undefined {
  if (sym.kind === 'field' || sym.kind === 'param') {
    const text = sym.item.source.text.slice(sym.span.end, sym.item.end);
    return text.replace(/^\s*:\s*/, '').trim() || undefined;
  }
  return undefined;
}

// ---- semantic tokens ----------------------------------------------------------------------------------------------

/** Token types, in legend order. */
export const TOKEN_TYPES = [
  'namespace',
  'interface',
  'class',
  'type',
  'struct',
  'enum',
  'enumMember',
  'function',
  'method',
  'parameter',
  'property',
  'keyword',
  'comment',
  'string',
  'number',
  'decorator',
] as const;
/** Token modifiers, in legend order (bit i = modifier i). */
export const TOKEN_MODIFIERS = ['declaration', 'documentation', 'defaultLibrary'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];

const KIND_TOKEN: Record<SymbolKind, TokenType> = {
  package: 'namespace',
  interface: 'interface',
  world: 'class',
  'alias-type': 'type',
  record: 'struct',
  variant: 'enum',
  enum: 'enum',
  flags: 'enum',
  resource: 'class',
  function: 'function',
  method: 'method',
  constructor: 'method',
  field: 'property',
  case: 'enumMember',
  flag: 'enumMember',
  param: 'parameter',
  alias: 'type',
  import: 'interface',
};

/** One semantic token: offsets plus legend indices. */
export interface SemanticToken {
  readonly start: number;
  readonly end: number;
  readonly type: number;
  readonly modifiers: number;
}

/** Semantic tokens of a file, sorted and non-overlapping (multi-line comments are split per line by the caller). */
export function semanticTokens(index: SymbolIndex, file: ast.File): SemanticToken[] {
  const path = file.source.path;
  const out: SemanticToken[] = [];
  const ty = (t: TokenType) => TOKEN_TYPES.indexOf(t);
  const named = new Map<number, SemanticToken>();
  for (const occ of index.occurrences(path)) {
    const sym = index.symbols.get(occ.key);
    if (!sym) continue;
    const shown = sym.kind === 'alias' || sym.kind === 'import' ? (index.symbols.get(index.canonical(sym.key)) ?? sym) : sym;
    named.set(occ.span.start, { start: occ.span.start, end: occ.span.end, type: ty(KIND_TOKEN[shown.kind]), modifiers: occ.def ? 1 : 0 });
  }
  for (const t of file.tokens) {
    const start = t.startOffset;
    const end = (t.endOffset ?? start) + 1;
    const hit = named.get(start);
    if (hit) {
      out.push(hit);
      named.delete(start);
      continue;
    }
    const kind = t.tokenType.name;
    if (kind.startsWith('Kw_')) {
      const primitive = t.tokenType.CATEGORIES?.some((c) => c.name === 'PrimitiveKw') ?? false;
      out.push({ start, end, type: ty(primitive ? 'type' : 'keyword'), modifiers: primitive ? 4 : 0 });
    } else if (kind === 'StringLiteral') out.push({ start, end, type: ty('string'), modifiers: 0 });
    else if (kind === 'Integer') out.push({ start, end, type: ty('number'), modifiers: 0 });
    else if (kind === 'At') out.push({ start, end, type: ty('decorator'), modifiers: 0 });
  }
  // Names spanning several tokens (package paths `ns:pkg`).
  out.push(...named.values());
  for (const c of file.comments) {
    const doc = c.image.startsWith('///') || (c.image.startsWith('/**') && !c.image.startsWith('/**/'));
    out.push({ start: c.startOffset, end: (c.endOffset ?? c.startOffset) + 1, type: ty('comment'), modifiers: doc ? 2 : 0 });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const clean: SemanticToken[] = [];
  for (const t of out) {
    const prev = clean[clean.length - 1];
    if (prev && t.start < prev.end) continue;
    clean.push(t);
  }
  return clean;
}

// ---- folding ------------------------------------------------------------------------------------------------------

export interface Fold {
  readonly start: number;
  readonly end: number;
  readonly comment: boolean;
}

/** Folding ranges: braces of items and blocks, and runs of comments (offsets; the caller keeps multi-line ones). */
export function foldingRanges(file: ast.File): Fold[] {
  const out: Fold[] = [];
  const stack: number[] = [];
  for (const t of file.tokens) {
    if (t.tokenType.name === 'LBrace') stack.push(t.startOffset);
    else if (t.tokenType.name === 'RBrace' && stack.length > 0) out.push({ start: stack.pop()!, end: t.startOffset, comment: false });
  }
  let run: { start: number; end: number } | undefined;
  const text = file.source.text;
  for (const c of file.comments) {
    const start = c.startOffset;
    const end = (c.endOffset ?? start) + 1;
    if (run && /^\s*$/.test(text.slice(run.end, start)) && text.slice(run.end, start).split('\n').length <= 2) run.end = end;
    else {
      if (run) out.push({ ...run, comment: true });
      run = { start, end };
    }
  }
  if (run) out.push({ ...run, comment: true });
  return out;
}
