/**
 * Questions about a position, answered in offsets from a `SymbolIndex`: hover text, definition, references and
 * rename (with validation of the new name).
 */
import type { Span } from '../../text/source.js';
import type { SymbolIndex, WitSymbol } from './symbols.js';

const KIND_LABEL: Record<WitSymbol['kind'], string> = {
  package: 'package',
  interface: 'interface',
  world: 'world',
  'alias-type': 'type',
  record: 'record',
  variant: 'variant',
  enum: 'enum',
  flags: 'flags',
  resource: 'resource',
  function: 'function',
  method: 'method',
  constructor: 'constructor',
  field: 'field',
  case: 'case',
  flag: 'flag',
  param: 'parameter',
  alias: 'use',
  import: 'import',
};

/** Longest signature shown in a hover, in lines. */
const MAX_LINES = 24;

/** Markdown for the symbol under `offset`, with the span it applies to. */
export function hover(index: SymbolIndex, path: string, offset: number): { markdown: string; span: Span } | undefined {
  const occ = index.at(path, offset);
  if (!occ) return undefined;
  const sym = index.symbols.get(occ.key);
  if (!sym) return undefined;
  const parts: string[] = [];
  let shown = sym;
  if (sym.kind === 'alias' || sym.kind === 'import') {
    const target = index.symbols.get(index.canonical(sym.key));
    parts.push('```wit\n' + signature(sym) + '\n```');
    if (target && target !== sym) shown = target;
  }
  parts.push('```wit\n' + signature(shown) + '\n```');
  const where = location(index, shown);
  if (where) parts.push(where);
  if (shown.docs) parts.push(shown.docs);
  return { markdown: parts.join('\n\n'), span: occ.span };
}

/** The item's text without its docs, trimmed to `MAX_LINES` lines, or a short form for containers. */
export function signature(sym: WitSymbol): string {
  const text = sym.item.source.text;
  switch (sym.kind) {
    case 'package':
      return `package ${sym.name}`;
    case 'interface':
    case 'world':
      return `${sym.kind} ${sym.name}`;
    case 'constructor':
    case 'field':
    case 'case':
    case 'flag':
    case 'param':
      return clip(text.slice(sym.span.start, sym.item.end));
    default:
      break;
  }
  const start = lineStartOf(text, sym.span.start, sym.item.start);
  return clip(text.slice(start, sym.item.end));
}

/** Start of the item's code: the line of its name, but not before the item itself. */
function lineStartOf(text: string, offset: number, min: number): number {
  let i = offset;
  while (i > min && text[i - 1] !== '\n') i--;
  while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function clip(s: string): string {
  const lines = s.replace(/\s+$/, '').split(/\r?\n/);
  const indent = Math.min(...lines.slice(1).filter((l) => l.trim()).map((l) => l.length - l.trimStart().length), 99);
  const body = lines.map((l, i) => (i === 0 || indent === 99 ? l : l.slice(Math.min(indent, l.length - l.trimStart().length))));
  return body.length > MAX_LINES ? body.slice(0, MAX_LINES).join('\n') + '\n  …' : body.join('\n');
}

function location(index: SymbolIndex, sym: WitSymbol): string | undefined {
  if (sym.kind === 'package') return undefined;
  const chain: string[] = [];
  let c = sym.container;
  while (c !== undefined) {
    const s = index.symbols.get(c);
    if (!s || s.kind === 'package') break;
    chain.unshift(`${KIND_LABEL[s.kind]} \`${s.name}\``);
    c = s.container;
  }
  const pkg = sym.pkg.startsWith('(') ? sym.pkg : `\`${sym.pkg}\``;
  return `*${KIND_LABEL[sym.kind]}*${chain.length ? ` in ${chain.join(' in ')}` : ''} — package ${pkg}`;
}

/** The definition of the name under `offset` (aliases are followed to what they name). */
export function definition(index: SymbolIndex, path: string, offset: number): Span | undefined {
  const occ = index.at(path, offset);
  if (!occ) return undefined;
  const key = occ.def ? index.canonical(occ.key) : occ.key;
  const sym = index.symbols.get(key);
  return sym?.span;
}

/** Every occurrence of the symbol under `offset` (the declaration included when asked). */
export function references(index: SymbolIndex, path: string, offset: number, includeDeclaration: boolean): Span[] {
  const occ = index.at(path, offset);
  if (!occ) return [];
  return index
    .references(occ.key)
    .filter((o) => includeDeclaration || !o.def)
    .map((o) => o.span);
}

/** A WIT identifier: kebab-case words, each all lowercase or all uppercase, a letter first; `%` escapes keywords. */
const KEBAB = /^%?[a-z][a-z0-9]*(-([a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$|^%?[A-Z][A-Z0-9]*(-([a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$/;

const KEYWORDS = new Set(
  (
    'use type func u8 u16 u32 u64 s8 s16 s32 s64 f32 f64 char resource own borrow record flags variant enum bool ' +
    'string option result future stream error-context list map _ as from static interface tuple import export world ' +
    'package constructor async include with'
  ).split(' '),
);

export type RenameResult = { edits: { span: Span; text: string }[] } | { error: string };

/** The span that can be renamed at `offset`, or why not. */
export function prepareRename(index: SymbolIndex, path: string, offset: number): { span: Span; name: string } | { error: string } {
  const occ = index.at(path, offset);
  if (!occ) return { error: 'nothing to rename here' };
  const sym = index.symbols.get(occ.key);
  if (!sym) return { error: 'nothing to rename here' };
  if (sym.kind === 'package') return { error: 'packages cannot be renamed here (their name is their identity for dependents)' };
  if (sym.kind === 'constructor') return { error: 'constructors have no name' };
  return { span: occ.span, name: sym.name };
}

/**
 * Edits that rename the symbol under `offset` to `newName`, after checking the name and clashes in its scope.
 * `readOnly` tells which files must not be edited (built-in packages): a symbol with an occurrence there is refused.
 */
export function rename(index: SymbolIndex, path: string, offset: number, newName: string, readOnly: (path: string) => boolean = () => false): RenameResult {
  const prep = prepareRename(index, path, offset);
  if ('error' in prep) return prep;
  const occ = index.at(path, offset)!;
  const locked = index.references(occ.key).find((o) => readOnly(o.span.source.path));
  if (locked) return { error: `\`${prep.name}\` is also used in ${locked.span.source.path}, which is read-only (a built-in package)` };
  const sym = index.symbols.get(occ.key)!;
  if (!KEBAB.test(newName)) {
    return { error: `\`${newName}\` is not a valid WIT identifier (kebab-case words such as \`my-name\`, each all lowercase or all uppercase)` };
  }
  const bare = newName.replace(/^%/, '');
  const text = KEYWORDS.has(bare) ? `%${bare}` : newName;
  if (bare === sym.name) return { edits: [] };
  const clash = siblings(index, sym).find((s) => s.name === bare);
  if (clash) return { error: `\`${bare}\` is already defined in the same scope` };
  return { edits: index.references(occ.key).map((o) => ({ span: o.span, text })) };
}

/** Symbols that share a namespace with `sym` (same container; interfaces and worlds share the package's). */
function siblings(index: SymbolIndex, sym: WitSymbol): WitSymbol[] {
  const out: WitSymbol[] = [];
  const typeLike = (s: WitSymbol) => s.kind !== 'param' && s.kind !== 'field' && s.kind !== 'case' && s.kind !== 'flag';
  for (const s of index.symbols.values()) {
    if (s === sym || s.container !== sym.container) continue;
    if (typeLike(s) === typeLike(sym)) out.push(s);
  }
  if (sym.container !== undefined) {
    for (const [name, key] of index.scopeNames(sym.container)) {
      const s = index.symbols.get(key);
      if (s && s !== sym && name !== sym.name) out.push({ ...s, name });
    }
  }
  return out;
}

/** The other definitions of the symbol defined at `span` (for "defined more than once" diagnostics). */
export function otherDefinitions(index: SymbolIndex, span: Span): Span[] {
  const occ = index.at(span.source.path, span.start);
  if (!occ || !occ.def) return [];
  return index
    .references(occ.key)
    .filter((o) => o.def && (o.span.source.path !== span.source.path || o.span.start !== span.start))
    .map((o) => o.span);
}
