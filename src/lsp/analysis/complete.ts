/**
 * Completion in context, from the tokens before the cursor (robust on half-typed text) and the symbol index:
 * keywords at the start of an item, types where a type is expected, interfaces/worlds/packages after `use`,
 * `import`, `export` and `include`, interfaces after `ns:pkg/`, versions after `…@`, and the types of the target
 * interface inside a `use path.{ … }` list.
 */
import type * as ast from '../../syntax/ast.js';
import type { Token } from '../../syntax/tokens.js';
import type { SymbolIndex, SymbolKind } from './symbols.js';

export type CompletionKind = 'keyword' | 'type' | 'interface' | 'world' | 'package' | 'version' | 'snippet' | SymbolKind;

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Text to insert when it differs from the label. */
  readonly insert?: string;
}

const PRIMITIVES = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string', 'error-context'];
const GENERICS = ['list', 'option', 'result', 'tuple', 'map', 'future', 'stream', 'own', 'borrow'];
const TOP = ['package', 'interface', 'world', 'use'];
const TYPEDEFS = ['type', 'record', 'variant', 'enum', 'flags', 'resource'];
const IN_INTERFACE = ['use', ...TYPEDEFS];
const IN_WORLD = ['import', 'export', 'include', 'use', ...TYPEDEFS];
const IN_RESOURCE = ['constructor'];

/** After `@` at the start of an item. */
const ATTRIBUTES: Completion[] = [
  { label: 'since', kind: 'snippet', insert: 'since(version = ', detail: '@since(version = x.y.z)' },
  { label: 'unstable', kind: 'snippet', insert: 'unstable(feature = ', detail: '@unstable(feature = name)' },
  { label: 'deprecated', kind: 'snippet', insert: 'deprecated(version = ', detail: '@deprecated(version = x.y.z)' },
];

/** An open `{` and what it opened. */
interface Frame {
  readonly what: 'package' | 'interface' | 'world' | 'resource' | 'use-list' | 'with' | 'type' | 'other';
  /** The scope key (interface / world / inline interface) when known. */
  readonly scope?: string | undefined;
  /** For a use list: the tokens of the path before `.{`. */
  readonly path?: Token[];
}

const name = (t: Token | undefined) => t?.tokenType.name ?? '';
const isWord = (t: Token | undefined) => name(t) === 'Id' || name(t) === 'ExplicitId' || name(t).startsWith('Kw_');
/** Exclusive end offset. */
const end = (t: Token) => (t.endOffset ?? t.startOffset) + 1;
const word = (t: Token) => (t.image.startsWith('%') ? t.image.slice(1) : t.image);

/** Completions at `offset` of `file` (whose package key in the index is found through its header). */
export function complete(index: SymbolIndex, file: ast.File, offset: number): Completion[] {
  const tokens = file.tokens.filter((t) => end(t) <= offset || (t.startOffset < offset && isWord(t)));
  // The word being typed is not context.
  const last = tokens[tokens.length - 1];
  const typing = last && end(last) >= offset && isWord(last) ? last : undefined;
  const before = typing ? tokens.slice(0, -1) : tokens;
  const pkg = packageKey(index, file, offset);
  const stack = frames(before, pkg);
  const top = stack[stack.length - 1];
  const stmt = statement(before);

  if (top?.what === 'use-list') return useListItems(index, top.path ?? [], pkg, stmt);
  const head = stmt[0] ? word(stmt[0]) : '';
  if (stmt.length > 0 && ['use', 'import', 'export', 'include'].includes(head)) {
    const want = head === 'include' ? 'world' : head === 'use' && !top ? 'any' : 'interface';
    const label = labelled(stmt);
    if (label === 'no') return pathItems(index, stmt.slice(1), pkg, want);
    if (label === 'yes' && stmt.some((t) => name(t) === 'Slash')) return pathItems(index, stmt.slice(3), pkg, want);
    if (label === 'maybe') {
      const kws = ['func', 'async', 'interface'].map((k): Completion => ({ label: k, kind: 'keyword' }));
      return [...kws, ...pathItems(index, [], pkg, want), ...pathItems(index, stmt.slice(1), pkg, want)];
    }
  }
  if (stmt.length === 1 && name(stmt[0]) === 'At') return ATTRIBUTES;
  if (stmt.length === 0) return keywords(top);
  const prev = stmt[stmt.length - 1]!;
  const inWorld = top?.what === 'world';
  if (name(prev) === 'Colon' && stmt.length <= 3 && (top?.what === 'interface' || inWorld || top?.what === 'resource')) {
    const kws = ['func', 'async', 'static'].filter((k) => k !== 'static' || top?.what === 'resource');
    if (inWorld && ['import', 'export'].includes(head)) kws.push('interface');
    const out = kws.map((k): Completion => ({ label: k, kind: 'keyword' }));
    if (inWorld && ['import', 'export'].includes(head)) out.push(...pathItems(index, [], pkg, 'interface'));
    return out;
  }
  if (['Colon', 'LAngle', 'Comma', 'RArrow', 'Equals', 'LParen'].includes(name(prev)) || name(prev) === 'Id') {
    return typeItems(index, top?.scope);
  }
  return [];
}

function keywords(top: Frame | undefined): Completion[] {
  const list = !top || top.what === 'package' ? TOP : top.what === 'interface' ? IN_INTERFACE : top.what === 'world' ? IN_WORLD : top.what === 'resource' ? IN_RESOURCE : [];
  return list.map((k) => ({ label: k, kind: 'keyword' }));
}

/** The package of the file at `offset` (a nested package block when inside one). */
function packageKey(index: SymbolIndex, file: ast.File, offset: number): string | undefined {
  for (const item of file.items) {
    if (item.kind === 'NestedPackage' && item.span.start <= offset && offset <= item.span.end) return pkgName(item.name);
  }
  return index.filePackage(file.source.path);
}

function pkgName(n: ast.PackageName): string {
  return `${n.namespace.name}:${n.name.name}${n.version ? `@${n.version.text}` : ''}`;
}

/** The open `{` frames before the cursor. */
function frames(tokens: readonly Token[], pkg: string | undefined): Frame[] {
  const stack: Frame[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (name(t) === 'RBrace') stack.pop();
    if (name(t) !== 'LBrace') continue;
    const p1 = tokens[i - 1];
    const p2 = tokens[i - 2];
    const outer = stack[stack.length - 1];
    if (name(p1) === 'Period') {
      let j = i - 2;
      while (j >= 0 && !['Semicolon', 'LBrace', 'RBrace'].includes(name(tokens[j])) && word(tokens[j]!) !== 'use') j--;
      stack.push({ what: 'use-list', path: tokens.slice(j + 1, i - 1) });
    } else if (p2 && word(p2) === 'interface' && pkg) {
      stack.push({ what: 'interface', scope: `${pkg}/${word(p1!)}` });
    } else if (p2 && word(p2) === 'world' && pkg) {
      stack.push({ what: 'world', scope: `${pkg}/${word(p1!)}` });
    } else if (p1 && word(p1) === 'interface' && outer?.what === 'world') {
      const label = tokens[i - 3];
      stack.push({ what: 'interface', scope: label ? `${outer.scope}.${word(label)}` : undefined });
    } else if (p2 && word(p2) === 'resource') stack.push({ what: 'resource', scope: outer?.scope });
    else if (p1 && word(p1) === 'with') stack.push({ what: 'with' });
    else if (p2 && ['record', 'variant', 'enum', 'flags'].includes(word(p2))) stack.push({ what: 'type', scope: outer?.scope });
    else if (stack.length === 0) stack.push({ what: 'package' });
    else stack.push({ what: 'other', scope: outer?.scope });
  }
  return stack;
}

/** Tokens of the statement being typed (after the last `;`, `{` or `}`), attributes skipped. */
function statement(tokens: readonly Token[]): Token[] {
  let i = tokens.length;
  while (i > 0 && !['Semicolon', 'LBrace', 'RBrace'].includes(name(tokens[i - 1]))) i--;
  const out = tokens.slice(i);
  // Drop leading attributes `@name(…)`.
  while (name(out[0]) === 'At' && out.length > 1) {
    const close = out.findIndex((t) => name(t) === 'RParen');
    if (close === -1) break;
    out.splice(0, close + 1);
  }
  return out;
}

/**
 * Whether `import name: …` is a labelled import (a function, inline interface or `label: path` follows) rather
 * than a package path `ns:pkg/…`: 'maybe' right after the colon.
 */
function labelled(stmt: readonly Token[]): 'yes' | 'no' | 'maybe' {
  if (name(stmt[2]) !== 'Colon') return 'no';
  if (stmt.some((t) => name(t) === 'Slash')) return stmt.length > 3 && name(stmt[4]) === 'Colon' ? 'yes' : 'no';
  if (stmt.length === 3) return 'maybe';
  return ['func', 'async', 'interface'].includes(word(stmt[3]!)) ? 'yes' : 'no';
}

/** After `use`/`import`/`export`/`include`: local items, packages, then `ns:pkg/` items and versions. */
function pathItems(index: SymbolIndex, path: readonly Token[], pkg: string | undefined, want: 'interface' | 'world' | 'any'): Completion[] {
  const names = path.map((t) => t.image).join('');
  const at = /^([^:/@]+):([^:/@]+)\/([^:/@]+)@$/.exec(names);
  if (at) {
    return index
      .packageList()
      .filter((p) => p.namespace === at[1] && p.name === at[2] && p.version)
      .map((p) => ({ label: p.version!, kind: 'version' }));
  }
  const slash = /^([^:/@]+):([^:/@]+)(?:@([^/]+))?\/$/.exec(names);
  if (slash) {
    const key = index.findPackage(slash[1]!, slash[2]!, slash[3]);
    return key ? items(index, key, want) : [];
  }
  const ns = /^([^:/@]+):$/.exec(names);
  if (ns) {
    return unique(index.packageList().filter((p) => p.namespace === ns[1]).map((p) => p.name)).map((n) => ({
      label: n,
      kind: 'package',
      insert: `${n}/`,
    }));
  }
  if (path.length > 0) return [];
  const out = pkg ? items(index, pkg, want) : [];
  for (const p of unique(index.packageList().filter((p) => p.namespace).map((p) => `${p.namespace}:${p.name}`))) {
    out.push({ label: p, kind: 'package', insert: `${p}/` });
  }
  return out;
}

function items(index: SymbolIndex, pkg: string, want: 'interface' | 'world' | 'any'): Completion[] {
  const out: Completion[] = [];
  for (const [n, key] of index.packageItems(pkg)) {
    const kind = index.symbols.get(key)?.kind;
    if (kind !== 'interface' && kind !== 'world') continue;
    if (want !== 'any' && kind !== want) continue;
    out.push({ label: n, kind, detail: `${kind} in ${pkg}` });
  }
  return out;
}

/** Inside `use path.{ … }`: the types of the target interface not listed yet. */
function useListItems(index: SymbolIndex, path: Token[], pkg: string | undefined, listed: readonly Token[]): Completion[] {
  const text = path.map((t) => t.image).join('');
  const m = /^([^:/@]+):([^:/@]+)\/([^@]+)(?:@(.+))?$/.exec(text);
  let target: string | undefined;
  if (m) {
    const key = index.findPackage(m[1]!, m[2]!, m[4]);
    target = key ? index.packageItems(key).get(m[3]!) : undefined;
  } else if (pkg) target = index.packageItems(pkg).get(text.replace(/^%/, ''));
  if (target === undefined) return [];
  const already = new Set(listed.filter((t) => isWord(t)).map(word));
  return [...index.scopeNames(index.canonical(target))]
    .filter(([n]) => !already.has(n))
    .map(([n, key]) => ({ label: n, kind: index.symbols.get(index.canonical(key))?.kind ?? 'type' }));
}

/** Types visible in a scope, then primitives and the built-in generic types. */
function typeItems(index: SymbolIndex, scope: string | undefined): Completion[] {
  const out: Completion[] = [];
  if (scope) {
    for (const [n, key] of index.scopeNames(scope)) {
      out.push({ label: n, kind: index.symbols.get(index.canonical(key))?.kind ?? 'type' });
    }
  }
  for (const p of PRIMITIVES) out.push({ label: p, kind: 'keyword', detail: 'primitive type' });
  for (const g of GENERICS) out.push({ label: g, kind: 'keyword', detail: 'built-in type' });
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
