/**
 * The symbol index of a package group: every definition (packages, interfaces, worlds, types, functions, members,
 * fields, cases, parameters, `use` aliases) and every name occurrence that refers to one, built from the ASTs alone
 * so that it works on half-typed files too (the parser's partial trees). Answers are in UTF-16 offsets; the protocol
 * layer converts them.
 *
 * Keys: a package is `ns:name@ver`; an interface or world `P/name`; a type, function or world item `P/scope.name`;
 * a member or field `…​.owner.name`; a parameter `…​.func(name)`; a `use … as x` alias is an ordinary member whose
 * symbol has `kind: 'alias'` and a target.
 */
import type * as ast from '../../syntax/ast.js';
import { docsContents } from '../../syntax/docs.js';
import { compareSemVer, type SemVer } from '../../resolve/model.js';
import type { Span } from '../../text/source.js';

export type SymbolKind =
  | 'package'
  | 'interface'
  | 'world'
  | 'alias-type'
  | 'record'
  | 'variant'
  | 'enum'
  | 'flags'
  | 'resource'
  | 'function'
  | 'method'
  | 'constructor'
  | 'field'
  | 'case'
  | 'flag'
  | 'param'
  | 'alias'
  | 'import';

/** One definition. */
export interface WitSymbol {
  readonly key: string;
  readonly name: string;
  readonly kind: SymbolKind;
  /** The name as written (the definition's identifier). */
  readonly span: Span;
  /** The whole item (for hover signatures). */
  readonly item: Span;
  readonly docs: string | undefined;
  /** Key of the enclosing symbol. */
  readonly container: string | undefined;
  readonly pkg: string;
}

/** A name in the text that defines or refers to a symbol. */
export interface Occurrence {
  readonly span: Span;
  readonly key: string;
  readonly def: boolean;
}

/** Finds the files of a package that is not part of the group (built-in WASI), parsed. */
export type PackageProvider = (namespace: string, name: string, version: string | undefined) => readonly ast.File[];

interface FileCtx {
  readonly path: string;
  readonly pkg: string;
  /** Top-level `use` names of this file (or nested package block) → symbol key getter. */
  readonly aliases: Map<string, () => string | undefined>;
}

type Entry = () => string | undefined;

interface PackageInfo {
  readonly namespace: string;
  readonly name: string;
  readonly version: SemVer | undefined;
  readonly items: Map<string, string>;
}

/** The symbols and occurrences of a set of parsed files. */
export class SymbolIndex {
  readonly symbols = new Map<string, WitSymbol>();
  readonly files = new Map<string, ast.File>();
  private readonly occ = new Map<string, Occurrence[]>();
  /** Alias symbol → its target (lazily resolved). */
  private readonly aliasTargets = new Map<string, Entry>();
  /** Scope key (interface, world, inline interface) → names visible as types. */
  private readonly scopes = new Map<string, Map<string, Entry>>();
  private readonly packages = new Map<string, PackageInfo>();
  /** Files (in order) whose references still have to be walked. */
  private readonly pending: { file: ast.File; ctxs: Map<ast.Node, FileCtx> }[] = [];
  private readonly asked = new Set<string>();
  /** File → the key of its (outer) package. */
  private readonly filePackages = new Map<string, string>();
  /** Directory → the package header of one of its files. */
  private readonly dirPackages = new Map<string, ast.PackageDecl>();
  /** After `build`, packages loaded on demand are walked at once. */
  private built = false;

  constructor(private readonly provider: PackageProvider = () => []) {}

  /** Builds the index of `files` (the group's own files) and of the provider's packages they refer to. */
  static build(files: readonly ast.File[], provider?: PackageProvider): SymbolIndex {
    const index = new SymbolIndex(provider);
    // Files without a header belong to the package named by another file of their directory.
    for (const f of files) {
      const dir = dirOf(f.source.path);
      if (f.package && !index.dirPackages.has(dir)) index.dirPackages.set(dir, f.package);
    }
    for (const f of files) index.define(f);
    for (let i = 0; i < index.pending.length; i++) index.walkFile(index.pending[i]!);
    index.built = true;
    return index;
  }

  /** Occurrences of one file, by start offset. */
  occurrences(path: string): readonly Occurrence[] {
    return this.occ.get(path) ?? [];
  }

  /** The occurrence under `offset` (the end of a name counts, so a cursor just after it finds it). */
  at(path: string, offset: number): Occurrence | undefined {
    let best: Occurrence | undefined;
    for (const o of this.occurrences(path)) {
      if (o.span.start <= offset && offset < o.span.end) return o;
      if (o.span.end === offset) best = o;
    }
    return best;
  }

  /** Every occurrence of `key` in every file. */
  references(key: string): Occurrence[] {
    const out: Occurrence[] = [];
    for (const list of this.occ.values()) for (const o of list) if (o.key === key) out.push(o);
    return out;
  }

  /** The symbol `key` finally stands for (aliases followed). */
  canonical(key: string): string {
    let cur = key;
    for (let i = 0; i < 32; i++) {
      const t = this.aliasTargets.get(cur)?.();
      if (t === undefined) return cur;
      cur = t;
    }
    return cur;
  }

  /** The target of an alias symbol, if resolved. */
  aliasTarget(key: string): string | undefined {
    return this.aliasTargets.get(key)?.();
  }

  /** Names visible as types in a scope (interface, world, inline interface), with their symbol keys. */
  scopeNames(scope: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, entry] of this.scopes.get(scope) ?? []) {
      const key = entry();
      if (key !== undefined) out.set(name, key);
    }
    return out;
  }

  /** Package keys with their namespace, name and version text. */
  packageList(): { key: string; namespace: string; name: string; version: string | undefined }[] {
    return [...this.packages].map(([key, p]) => ({
      key,
      namespace: p.namespace,
      name: p.name,
      version: p.version ? key.slice(key.indexOf('@') + 1) : undefined,
    }));
  }

  /** The package key of a file (its header's, or that of another file of its directory). */
  filePackage(path: string): string | undefined {
    return this.filePackages.get(path);
  }

  /** Interfaces and worlds of a package: name → key. */
  packageItems(pkg: string): ReadonlyMap<string, string> {
    return this.packages.get(pkg)?.items ?? new Map();
  }

  /** Finds a package by name like the resolver: exact version, or the highest when the reference has none. */
  findPackage(namespace: string, name: string, version: string | undefined, load = true): string | undefined {
    const exact = `${namespace}:${name}${version ? `@${version}` : ''}`;
    if (this.packages.has(exact)) return exact;
    if (!version) {
      const same = [...this.packages].filter(([, p]) => p.namespace === namespace && p.name === name);
      same.sort(([, a], [, b]) => (a.version && b.version ? compareSemVer(b.version, a.version) : a.version ? -1 : 1));
      if (same.length > 0) return same[0]![0];
    }
    if (!load || this.asked.has(exact)) return undefined;
    this.asked.add(exact);
    for (const f of this.provider(namespace, name, version)) this.define(f);
    return this.findPackage(namespace, name, version, false);
  }

  // ---- definitions ------------------------------------------------------------------------------------------

  private addOcc(span: Span, key: string, def: boolean): void {
    if (span.end <= span.start) return;
    const path = span.source.path;
    let list = this.occ.get(path);
    if (!list) this.occ.set(path, (list = []));
    list.push({ span, key, def });
  }

  private addSym(
    key: string,
    name: ast.Id,
    kind: SymbolKind,
    item: ast.NodeBase,
    pkg: string,
    container: string | undefined,
    docs?: ast.Docs,
  ): string {
    if (name.missing || name.name === '') return key;
    if (!this.symbols.has(key)) {
      this.symbols.set(key, { key, name: name.name, kind, span: name.span, item: item.span, docs: docsContents(docs), container, pkg });
    }
    this.addOcc(name.span, key, true);
    return key;
  }

  private define(file: ast.File): void {
    if (this.files.has(file.source.path)) return;
    this.files.set(file.source.path, file);
    const ctxs = new Map<ast.Node, FileCtx>();
    const dir = dirOf(file.source.path);
    const header = file.package ?? this.dirPackages.get(dir);
    const main = this.definePackage(header?.name, header, `(unnamed package in ${dir})`, file.package !== undefined);
    this.filePackages.set(file.source.path, main);
    const fileCtx: FileCtx = { path: file.source.path, pkg: main, aliases: new Map() };
    ctxs.set(file, fileCtx);
    for (const item of file.items) {
      if (item.kind === 'NestedPackage') {
        const key = this.definePackage(item.name, item, `(nested package in ${file.source.path})`);
        const ctx: FileCtx = { path: file.source.path, pkg: key, aliases: new Map() };
        ctxs.set(item, ctx);
        for (const inner of item.items) this.defineTop(inner, ctx);
      } else this.defineTop(item, fileCtx);
    }
    if (this.built) this.walkFile({ file, ctxs });
    else this.pending.push({ file, ctxs });
  }

  private definePackage(name: ast.PackageName | undefined, node: ast.ItemBase | undefined, fallback: string, here = true): string {
    if (!name || name.namespace.missing || name.name.missing) {
      if (!this.packages.has(fallback)) this.packages.set(fallback, { namespace: '', name: fallback, version: undefined, items: new Map() });
      return fallback;
    }
    const v = name.version;
    const key = `${name.namespace.name}:${name.name.name}${v ? `@${v.text}` : ''}`;
    if (!this.packages.has(key)) {
      const version = v ? { major: v.major, minor: v.minor, patch: v.patch, pre: v.pre, build: v.build } : undefined;
      this.packages.set(key, { namespace: name.namespace.name, name: name.name.name, version, items: new Map() });
    }
    const span = { source: name.span.source, start: name.namespace.span.start, end: name.name.span.end };
    if (!this.symbols.has(key)) {
      this.symbols.set(key, {
        key,
        name: key,
        kind: 'package',
        span,
        item: node?.span ?? name.span,
        docs: docsContents(node?.docs),
        container: undefined,
        pkg: key,
      });
    }
    if (here) this.addOcc(span, key, true);
    return key;
  }

  private defineTop(item: ast.Interface | ast.World | ast.TopLevelUse, ctx: FileCtx): void {
    const pkg = this.packages.get(ctx.pkg)!;
    if (item.kind === 'TopLevelUse') {
      const local = item.as ?? item.path.name;
      if (local.missing) return;
      if (item.as) {
        const key = `${ctx.pkg}/${ctx.path}#${local.name}`;
        this.addSym(key, local, 'alias', item, ctx.pkg, undefined, item.docs);
        this.aliasTargets.set(key, memo(() => this.resolvePath(item.path, ctx, false)));
        ctx.aliases.set(local.name, () => key);
      } else ctx.aliases.set(local.name, memo(() => this.resolvePath(item.path, ctx, false)));
      return;
    }
    const key = `${ctx.pkg}/${item.name.name}`;
    if (!item.name.missing && !pkg.items.has(item.name.name)) pkg.items.set(item.name.name, key);
    this.addSym(key, item.name, item.kind === 'Interface' ? 'interface' : 'world', item, ctx.pkg, ctx.pkg, item.docs);
    if (item.kind === 'Interface') this.defineInterfaceItems(key, item.items, ctx);
    else this.defineWorldItems(key, item, ctx);
  }

  private scope(key: string): Map<string, Entry> {
    let s = this.scopes.get(key);
    if (!s) this.scopes.set(key, (s = new Map()));
    return s;
  }

  private defineInterfaceItems(scopeKey: string, items: readonly ast.InterfaceItem[], ctx: FileCtx): void {
    for (const item of items) {
      if (item.kind === 'Use') this.defineUse(scopeKey, item, ctx);
      else if (item.kind === 'FuncItem') {
        const key = this.addSym(`${scopeKey}.${item.name.name}`, item.name, 'function', item, ctx.pkg, scopeKey, item.docs);
        this.defineParams(key, item.func.params, ctx);
      } else this.defineTypeDef(scopeKey, item, ctx);
    }
  }

  private defineWorldItems(scopeKey: string, world: ast.World, ctx: FileCtx): void {
    for (const item of world.items) {
      if (item.kind === 'Use') this.defineUse(scopeKey, item, ctx);
      else if (item.kind === 'Import' || item.kind === 'Export') this.defineExtern(scopeKey, item, ctx);
      else if (item.kind !== 'Include') this.defineTypeDef(scopeKey, item, ctx);
    }
  }

  private defineExtern(scopeKey: string, item: ast.Import | ast.Export, ctx: FileCtx): void {
    const e = item.item;
    if (e.kind === 'ExternFunc') {
      const key = this.addSym(`${scopeKey}.${e.name.name}`, e.name, 'function', item, ctx.pkg, scopeKey, item.docs);
      this.defineParams(key, e.func.params, ctx);
    } else if (e.kind === 'ExternInterface') {
      const key = this.addSym(`${scopeKey}.${e.name.name}`, e.name, 'interface', item, ctx.pkg, scopeKey, item.docs);
      this.defineInterfaceItems(key, e.items, ctx);
    } else if (e.kind === 'ExternImplements') {
      const key = this.addSym(`${scopeKey}.${e.label.name}`, e.label, 'import', item, ctx.pkg, scopeKey, item.docs);
      this.aliasTargets.set(key, memo(() => this.resolvePath(e.path, ctx, false)));
    }
  }

  private defineUse(scopeKey: string, use: ast.Use, ctx: FileCtx): void {
    const target = memo(() => this.resolvePath(use.path, ctx, false));
    const scope = this.scope(scopeKey);
    for (const n of use.names) {
      if (n.name.missing) continue;
      const original = memo(() => {
        const t = target();
        return t === undefined ? undefined : this.lookup(this.canonical(t), n.name.name);
      });
      if (n.as && !n.as.missing) {
        const key = this.addSym(`${scopeKey}.${n.as.name}`, n.as, 'alias', n, ctx.pkg, scopeKey, use.docs);
        this.aliasTargets.set(key, original);
        if (!scope.has(n.as.name)) scope.set(n.as.name, () => key);
      } else if (!scope.has(n.name.name)) scope.set(n.name.name, original);
    }
  }

  private defineTypeDef(scopeKey: string, item: ast.TypeDef, ctx: FileCtx): void {
    const kinds: Record<ast.TypeDef['kind'], SymbolKind> = {
      TypeAlias: 'alias-type',
      Record: 'record',
      Variant: 'variant',
      Enum: 'enum',
      Flags: 'flags',
      Resource: 'resource',
    };
    const key = this.addSym(`${scopeKey}.${item.name.name}`, item.name, kinds[item.kind], item, ctx.pkg, scopeKey, item.docs);
    const scope = this.scope(scopeKey);
    if (!item.name.missing && !scope.has(item.name.name)) scope.set(item.name.name, () => key);
    switch (item.kind) {
      case 'Record':
        for (const f of item.fields) this.addSym(`${key}.${f.name.name}`, f.name, 'field', f, ctx.pkg, key, f.docs);
        break;
      case 'Variant':
        for (const c of item.cases) this.addSym(`${key}.${c.name.name}`, c.name, 'case', c, ctx.pkg, key, c.docs);
        break;
      case 'Enum':
        for (const c of item.cases) this.addSym(`${key}.${c.name.name}`, c.name, 'case', c, ctx.pkg, key, c.docs);
        break;
      case 'Flags':
        for (const f of item.flags) this.addSym(`${key}.${f.name.name}`, f.name, 'flag', f, ctx.pkg, key, f.docs);
        break;
      case 'Resource':
        for (const m of item.members ?? []) {
          if (m.kind === 'Method') {
            const mk = this.addSym(`${key}.${m.name.name}`, m.name, 'method', m, ctx.pkg, key, m.docs);
            this.defineParams(mk, m.func.params, ctx);
          } else {
            const kw: ast.Id = { kind: 'Id', name: 'constructor', escaped: false, span: m.keyword };
            const ck = this.addSym(`${key}#constructor`, kw, 'constructor', m, ctx.pkg, key, m.docs);
            this.defineParams(ck, m.params, ctx);
          }
        }
        break;
      default:
        break;
    }
  }

  private defineParams(funcKey: string, params: readonly ast.Param[], ctx: FileCtx): void {
    for (const p of params) this.addSym(`${funcKey}(${p.name.name})`, p.name, 'param', p, ctx.pkg, funcKey);
  }

  // ---- references -------------------------------------------------------------------------------------------

  /** A name in a scope (interface, world, inline interface): its types and `use`d names. */
  lookup(scopeKey: string, name: string): string | undefined {
    return this.scopes.get(scopeKey)?.get(name)?.();
  }

  /** Resolves an interface/world path; with `record`, notes the occurrences of its names. */
  resolvePath(path: ast.UsePath, ctx: FileCtx, record: boolean): string | undefined {
    if (path.kind === 'LocalPath') {
      const alias = ctx.aliases.get(path.name.name);
      const key = alias ? alias() : this.packages.get(ctx.pkg)?.items.get(path.name.name);
      if (record && key !== undefined) this.addOcc(path.name.span, key, false);
      return key;
    }
    if (path.namespace.missing || path.package.missing) return undefined;
    const pkg = this.findPackage(path.namespace.name, path.package.name, path.version?.text);
    if (pkg === undefined) return undefined;
    if (record) {
      const s = path.namespace.span;
      this.addOcc({ source: s.source, start: s.start, end: path.package.span.end }, pkg, false);
    }
    const key = this.packages.get(pkg)?.items.get(path.name.name);
    if (record && key !== undefined) this.addOcc(path.name.span, key, false);
    return key;
  }

  private walkFile({ file, ctxs }: { file: ast.File; ctxs: Map<ast.Node, FileCtx> }): void {
    const fileCtx = ctxs.get(file)!;
    for (const item of file.items) {
      if (item.kind === 'NestedPackage') {
        const ctx = ctxs.get(item)!;
        for (const inner of item.items) this.walkTop(inner, ctx);
      } else this.walkTop(item, fileCtx);
    }
    for (const list of this.occ.values()) list.sort((a, b) => a.span.start - b.span.start);
  }

  private walkTop(item: ast.Interface | ast.World | ast.TopLevelUse, ctx: FileCtx): void {
    if (item.kind === 'TopLevelUse') {
      this.resolvePath(item.path, ctx, true);
      return;
    }
    const key = `${ctx.pkg}/${item.name.name}`;
    if (item.kind === 'Interface') this.walkInterfaceItems(key, item.items, ctx);
    else {
      for (const w of item.items) {
        if (w.kind === 'Use') this.walkUse(key, w, ctx);
        else if (w.kind === 'Include') this.resolvePath(w.path, ctx, true);
        else if (w.kind === 'Import' || w.kind === 'Export') this.walkExtern(key, w.item, ctx);
        else this.walkTypeDef(key, w);
      }
    }
  }

  private walkExtern(scopeKey: string, e: ast.ExternItem, ctx: FileCtx): void {
    if (e.kind === 'ExternPath' || e.kind === 'ExternImplements') this.resolvePath(e.path, ctx, true);
    else if (e.kind === 'ExternFunc') this.walkFunc(scopeKey, e.func);
    else this.walkInterfaceItems(`${scopeKey}.${e.name.name}`, e.items, ctx);
  }

  private walkInterfaceItems(scopeKey: string, items: readonly ast.InterfaceItem[], ctx: FileCtx): void {
    for (const item of items) {
      if (item.kind === 'Use') this.walkUse(scopeKey, item, ctx);
      else if (item.kind === 'FuncItem') this.walkFunc(scopeKey, item.func);
      else this.walkTypeDef(scopeKey, item);
    }
  }

  private walkUse(_scopeKey: string, use: ast.Use, ctx: FileCtx): void {
    const target = this.resolvePath(use.path, ctx, true);
    if (target === undefined) return;
    const iface = this.canonical(target);
    for (const n of use.names) {
      const key = this.lookup(iface, n.name.name);
      if (key !== undefined) this.addOcc(n.name.span, key, false);
    }
  }

  private walkFunc(scopeKey: string, func: ast.FuncType): void {
    for (const p of func.params) this.walkType(scopeKey, p.type);
    if (func.result) this.walkType(scopeKey, func.result);
  }

  private walkTypeDef(scopeKey: string, item: ast.TypeDef): void {
    switch (item.kind) {
      case 'TypeAlias':
        this.walkType(scopeKey, item.type);
        break;
      case 'Record':
        for (const f of item.fields) this.walkType(scopeKey, f.type);
        break;
      case 'Variant':
        for (const c of item.cases) if (c.type) this.walkType(scopeKey, c.type);
        break;
      case 'Resource':
        for (const m of item.members ?? []) {
          if (m.kind === 'Method') this.walkFunc(scopeKey, m.func);
          else {
            for (const p of m.params) this.walkType(scopeKey, p.type);
            if (m.result) this.walkType(scopeKey, m.result);
          }
        }
        break;
      default:
        break;
    }
  }

  private walkType(scopeKey: string, t: ast.TypeExpr | undefined): void {
    if (!t) return;
    switch (t.kind) {
      case 'Named':
      case 'Handle': {
        const id = t.kind === 'Named' ? t.name : t.resource;
        const key = id.missing ? undefined : this.lookup(scopeKey, id.name);
        if (key !== undefined) this.addOcc(id.span, key, false);
        return;
      }
      case 'List':
      case 'Option':
        return this.walkType(scopeKey, t.kind === 'List' ? t.element : t.inner);
      case 'Result':
        this.walkType(scopeKey, t.ok);
        return this.walkType(scopeKey, t.err);
      case 'Tuple':
        for (const x of t.types) this.walkType(scopeKey, x);
        return;
      case 'Map':
        this.walkType(scopeKey, t.key);
        return this.walkType(scopeKey, t.value);
      case 'Future':
      case 'Stream':
        return this.walkType(scopeKey, t.payload);
      default:
        return;
    }
  }
}

/** The directory of a path, with its trailing '/'. */
function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** A getter computed once; re-entrant calls (cycles) see undefined. */
function memo<T>(f: () => T | undefined): () => T | undefined {
  let state: 'new' | 'busy' | 'done' = 'new';
  let value: T | undefined;
  return () => {
    if (state === 'done') return value;
    if (state === 'busy') return undefined;
    state = 'busy';
    try {
      value = f();
    } finally {
      state = 'done';
    }
    return value;
  };
}
