/**
 * Phase A of resolution, per package (wit-parser's `ast/resolve.rs`): the files of one package are turned into an
 * `UnresolvedPackage` with package-local arenas. Foreign references get placeholder interfaces/worlds/types that
 * occupy the first slots; they are mapped onto real items when the package is linked (link.ts).
 */
import type * as ast from '../syntax/ast.js';
import type { Span } from '../text/source.js';
import { Codes } from '../diagnostics/codes.js';
import { fail, didYouMean, recover, FollowOnError, ResolveErrors } from './errors.js';
import { diagnostic, type Diagnostic, type Label } from '../diagnostics/diagnostic.js';
import { docsText } from './docs.js';
import type {
  Case,
  Field,
  Func,
  FunctionKind,
  Interface,
  PackageName,
  Param,
  Stability,
  Type,
  TypeDef,
  TypeDefKind,
  TypeOwner,
  World,
  WorldItem,
} from './model.js';
import { packageNameToString, worldKeyString } from './model.js';
import { GraphSort, growInts, toposort, type Dep } from './toposort.js';
import { AnonTypes } from './anon-types.js';
import { caseItem, fieldItem, funcItem, nameItem, typeDefItem, type DocsSource } from './items.js';
import { exactSlice, mapExact } from '../util/exact-array.js';
import {
  MAP_KEYS,
  PRIMITIVES,
  attributesOf,
  astPackageName,
  checkMemberNames,
  SPEC_RULE_NOTE,
  collectDeps,
  eachPath,
  floatHint,
  hasUpper,
  isTypeDef,
  kindComponents,
  pathName,
  pathPackageName,
  pathPackageSpan,
  typeSpan,
  type DeclList,
} from './syntax-helpers.js';

export { attributesOf, astPackageName, kindComponents, versionOf, type DeclList } from './syntax-helpers.js';

/** Shared kinds of free functions (never mutated: linking replaces only kinds that name a resource). */
const FREESTANDING: FunctionKind = { tag: 'freestanding' };
/** `defineName`'s id for a freestanding function. */
const FUNCTION = -1;
const ASYNC_FREESTANDING: FunctionKind = { tag: 'async-freestanding' };
type ItemRef = { readonly kind: 'interface' | 'world'; readonly id: number };

/** A package referenced by path from this package. */
export interface ForeignDep {
  readonly name: PackageName;
  /** The `ns:pkg` part of the first reference. */
  readonly span: Span;
  readonly items: Map<string, { kind: 'interface' | 'world'; id: number; span: Span; stabilities: (Stability | undefined)[] }>;
}

export interface UnresolvedPackage {
  readonly name: PackageName;
  readonly nameSpan: Span;
  readonly docs: string | undefined;
  readonly types: TypeDef[];
  readonly interfaces: Interface[];
  readonly worlds: World[];
  /** Keyed by the package name string, in order of first reference. */
  readonly foreignDeps: Map<string, ForeignDep>;
  readonly foreignInterfaceCount: number;
  readonly foreignWorldCount: number;
  readonly foreignTypeCount: number;
  readonly requiredResourceTypes: { id: number; span: Span }[];
  /**
   * Breaches of spec rules that wit-parser does not check (see `specError`): the package still resolves and links, and
   * the loader reports these after every other error, so that the first error is wit-parser's.
   */
  readonly specErrors: readonly Diagnostic[];
}

/** A flag or an enum case. */
const namedItem = (m: ast.Flag | ast.EnumCase) => nameItem(m.name.name, m.docs);

/**
 * Numbers the names of one scope at a time (`resolveTypes`): 0, 1, … in the order added. One map serves every
 * scope of a package: a name's entry is its number plus the scope's `base`, and entries below `base` belong to
 * earlier scopes. (A map per scope built and dropped 0.6 MB of hash tables per resolve of synth.wit.)
 */
class ScopeIndex {
  private readonly map = new Map<string, number>();
  private base = 0;
  /** How many names the current scope has. */
  size = 0;

  /** Starts a new, empty scope. */
  next(): void {
    this.base += this.size;
    this.size = 0;
  }

  get(name: string): number | undefined {
    const v = this.map.get(name);
    return v !== undefined && v >= this.base ? v - this.base : undefined;
  }

  /** Numbers a name not in the scope yet. */
  add(name: string): void {
    this.map.set(name, this.base + this.size++);
  }
}

/** The name that a `use` among `items` defines as `name` (one does). */
function laterUse(items: readonly (ast.InterfaceItem | ast.WorldItem)[], name: string): Span {
  for (const item of items) {
    if (item.kind !== 'Use') continue;
    for (const n of item.names) if ((n.as ?? n.name).name === name) return (n.as ?? n.name).span;
  }
  return items[0]!.span;
}

/** Resolves one package (several files, or one nested package block) into an `UnresolvedPackage`. */
export class PackageResolver {
  private name: { name: PackageName; span: Span } | undefined;
  private docs: string | undefined;
  private readonly declLists: DeclList[] = [];

  private readonly types: TypeDef[] = [];
  private anonTypes = new AnonTypes();
  private readonly interfaces: Interface[] = [];
  /** Per interface: its types by name (the interface's own `types` map). */
  private readonly interfaceTypes: Map<string, number>[] = [];
  /** Per interface: the names of its freestanding functions (they share the namespace of its types). */
  private readonly interfaceFuncs: (Set<string> | undefined)[] = [];
  private readonly worlds: World[] = [];
  private fileScopes: Map<string, ItemRef>[] = [];
  private readonly packageItems = new Map<string, ItemRef>();
  private cur = 0;
  private readonly foreignDeps = new Map<string, ForeignDep>();
  private readonly foreignInterfaces = new Set<number>();
  /** Types in scope by name (in an interface, the interface's `types` map itself). */
  private typeLookup = new Map<string, number>();
  /** Freestanding functions of the interface being resolved. */
  private funcNames: Set<string> | undefined;
  /** Whether some name in scope has upper-case letters (only then can names clash ignoring case). */
  private hasUpper = false;
  private readonly requiredResourceTypes: { id: number; span: Span }[] = [];
  private readonly specErrors: Diagnostic[] = [];
  /** Errors found so far; resolution goes on after an error where later errors cannot be caused by it. */
  private readonly errors: Diagnostic[] = [];
  /** Interfaces whose resolution failed: missing names in them are not reported again. */
  private readonly failedInterfaces = new Set<number>();
  /**
   * `resolveFunction`'s list of parameters being built (its first entries; the rest are stale). Never truncated:
   * V8 frees the elements of an array whose length is set to 0, and the next `push` would allocate them again.
   */
  private readonly paramScratch: Param[] = [];
  /** The components of the tuples being resolved, a nested tuple's above its parent's (`resolveType`). */
  private readonly typeStack: Type[] = [];
  private typeTop = 0;
  /**
   * `resolveTypes`' buffers: the scope's typedefs, the names each refers to (`edgeScratch[edgeStart[i]] …`), those
   * names as node numbers, the names' numbering and the sort. The arrays are never truncated (their ends are stale).
   */
  private readonly defScratch: ast.TypeDef[] = [];
  private readonly edgeScratch: Dep[] = [];
  private edgeStart = new Int32Array(64);
  private edgeTargets = new Int32Array(64);
  private readonly scopeIndex = new ScopeIndex();
  /** `resolveTypes`: the names that the scope's `use` items met so far define, with their spans. */
  private readonly usedSoFar = new Map<string, Span>();
  private readonly graphSort = new GraphSort();
  /** Types whose definition failed: references to them are not reported again. */
  private readonly poisoned = new Set<number>();

  /** Adds one file: checks its header against the previous ones. */
  push(header: ast.PackageDecl | ast.NestedPackage | undefined, list: DeclList): void {
    if (header) {
      const name = astPackageName(header.name);
      if (this.name && packageNameToString(this.name.name) !== packageNameToString(name)) {
        fail(
          Codes.PackageHeader,
          `package identifier \`${packageNameToString(name)}\` does not match previous package name of \`${packageNameToString(this.name.name)}\``,
          header.name.span,
        );
      }
      this.name = { name, span: header.name.span };
      const docs = docsText(header.docs);
      if (docs !== undefined) {
        if (this.docs !== undefined) fail(Codes.PackageHeader, "found doc comments on multiple 'package' items", header.docs!.span);
        this.docs = docs;
      }
    }
    this.declLists.push(list);
  }

  resolve(): UnresolvedPackage {
    if (!this.name) fail(Codes.PackageHeader, 'no `package` header was found in any WIT file for this package');
    const lists = this.declLists;
    let textLength = 0;
    for (const list of lists) textLength += list.items[0]?.span.source.text.length ?? 0;
    this.anonTypes = new AnonTypes(textLength / 100);
    this.populateForeignDeps(lists);
    const foreignInterfaceCount = this.interfaces.length;
    const foreignWorldCount = this.worlds.length;
    const { ifaceOrder, worldOrder } = this.populateAstItems(lists);
    this.populateForeignTypes(lists);
    const foreignTypeCount = this.types.length;

    const ifaceAst = new Map<number, { node: ast.Interface; file: number }>();
    const worldAst = new Map<number, { node: ast.World; file: number }>();
    lists.forEach((list, file) => {
      for (const item of list.items) {
        if (item.kind === 'TopLevelUse') continue;
        const ref = this.fileScopes[file]!.get(item.name.name)!;
        if (item.kind === 'Interface') ifaceAst.set(ref.id, { node: item, file });
        else worldAst.set(ref.id, { node: item, file });
      }
    });
    for (const id of ifaceOrder) {
      const { node, file } = ifaceAst.get(id)!;
      this.cur = file;
      const ok = recover(this.errors, () => {
        this.resolveInterface(id, node.items, node.docs, node.attributes);
        return true;
      });
      if (!ok) this.abandonInterface(id);
    }
    for (const id of worldOrder) {
      const { node, file } = worldAst.get(id)!;
      this.cur = file;
      recover(this.errors, () => this.resolveWorld(id, node));
      this.typeLookup = new Map();
      this.funcNames = undefined;
    }
    if (this.errors.length > 0) throw new ResolveErrors([...this.errors, ...this.specErrors]);
    return {
      name: this.name.name,
      nameSpan: this.name.span,
      docs: this.docs,
      types: this.types,
      interfaces: this.interfaces,
      worlds: this.worlds,
      foreignDeps: this.foreignDeps,
      foreignInterfaceCount,
      foreignWorldCount,
      foreignTypeCount,
      requiredResourceTypes: this.requiredResourceTypes,
      specErrors: this.specErrors,
    };
  }

  // ---- allocation --------------------------------------------------------------------------------------------

  private allocInterface(span: Span | undefined): number {
    const types = new Map<string, number>();
    this.interfaces.push({ name: null, types, functions: new Map(), package: undefined, span });
    this.interfaceTypes.push(types);
    this.interfaceFuncs.push(undefined);
    return this.interfaces.length - 1;
  }

  private allocWorld(name: string, span: Span | undefined): number {
    this.worlds.push({ name, imports: new Map(), exports: new Map(), package: undefined, includes: [], span });
    return this.worlds.length - 1;
  }

  /** Adds a type definition (one object shape for all of them keeps property access monomorphic). */
  private allocType(
    name: string | null,
    kind: TypeDefKind,
    owner: TypeOwner,
    docs: DocsSource,
    stability: Stability | undefined,
    externalId: string | undefined,
    span: Span | undefined,
  ): number {
    return this.types.push(typeDefItem(name, kind, owner, docs, stability, externalId, span)) - 1;
  }

  // ---- package-level passes ----------------------------------------------------------------------------------

  private populateForeignDeps(lists: readonly DeclList[]): void {
    for (const list of lists) {
      for (const v of eachPath(list)) {
        if (v.path.kind !== 'PackagePath') continue;
        const pkgName = pathPackageName(v.path);
        const key = packageNameToString(pkgName);
        let dep = this.foreignDeps.get(key);
        if (!dep) {
          dep = { name: pkgName, span: pathPackageSpan(v.path), items: new Map() };
          this.foreignDeps.set(key, dep);
        }
        let entry = dep.items.get(v.path.name.name);
        if (!entry) {
          const kind = v.kind === 'world' ? 'world' : 'interface';
          const id =
            kind === 'world' ? this.allocWorld(v.path.name.name, v.path.name.span) : this.allocInterface(v.path.name.span);
          if (kind === 'interface') {
            this.interfaces[id]!.name = v.path.name.name;
            this.foreignInterfaces.add(id);
          }
          entry = { kind, id, span: v.path.name.span, stabilities: [] };
          dep.items.set(v.path.name.name, entry);
        }
        entry.stabilities.push(attributesOf(v.attributes).stability);
      }
    }
  }

  private populateAstItems(lists: readonly DeclList[]): { ifaceOrder: number[]; worldOrder: number[] } {
    const names = new Map<string, ast.Interface | ast.World>();
    const order = new Map<string, Dep[]>();
    for (const list of lists) {
      for (const item of list.items) {
        if (item.kind === 'TopLevelUse') continue;
        const prev = names.get(item.name.name);
        if (prev) {
          fail(Codes.DuplicateName, `duplicate item named \`${item.name.name}\``, item.name.span, {
            labels: [{ span: prev.name.span, message: 'first defined here' }],
          });
        }
        names.set(item.name.name, item);
        order.set(item.name.name, []);
      }
    }
    for (const list of lists) {
      const ns = new Map<string, { foreign: boolean; id: ast.Id }>();
      for (const item of list.items) {
        if (item.kind === 'TopLevelUse') {
          const name = item.as ?? pathName(item.path);
          if (ns.has(name.name)) fail(Codes.DuplicateName, `duplicate name \`${name.name}\` in this file`, name.span);
          ns.set(name.name, { foreign: item.path.kind === 'PackagePath', id: pathName(item.path) });
        } else {
          if (ns.has(item.name.name)) fail(Codes.DuplicateName, `duplicate name \`${item.name.name}\` in this file`, item.name.span);
          ns.set(item.name.name, { foreign: false, id: item.name });
        }
      }
      for (const v of eachPath(list)) {
        if (!v.origin || v.path.kind !== 'LocalPath') continue;
        const local = ns.get(v.path.name.name);
        if (local?.foreign) continue;
        const target = local ? local.id : v.path.name;
        order.get(v.origin.name)!.push({ name: target.name, span: target.span });
      }
    }
    const sorted = toposort('interface or world', order, (name) => didYouMean(name, names.keys()));
    const ids = new Map<string, ItemRef>();
    const ifaceOrder: number[] = [];
    const worldOrder: number[] = [];
    for (const name of sorted) {
      const item = names.get(name)!;
      if (item.kind === 'Interface') {
        const id = this.allocInterface(item.name.span);
        this.interfaces[id]!.name = name;
        ids.set(name, { kind: 'interface', id });
        ifaceOrder.push(id);
      } else {
        const id = this.allocWorld(name, item.name.span);
        ids.set(name, { kind: 'world', id });
        worldOrder.push(id);
      }
    }
    for (const list of lists) {
      const scope = new Map<string, ItemRef>();
      for (const item of list.items) {
        if (item.kind === 'TopLevelUse') {
          if (item.attributes.length > 0) fail(Codes.AttributesNotAllowed, 'attributes not allowed on top-level use', item.span);
          const name = item.as ?? pathName(item.path);
          let ref: ItemRef;
          if (item.path.kind === 'LocalPath') {
            const found = ids.get(item.path.name.name);
            if (!found) this.notExist(item.path.name, [...ids.keys()]);
            ref = found;
          } else {
            const dep = this.foreignDeps.get(packageNameToString(pathPackageName(item.path)))!;
            ref = dep.items.get(item.path.name.name)!;
          }
          scope.set(name.name, ref);
        } else {
          const ref = ids.get(item.name.name)!;
          scope.set(item.name.name, ref);
          this.packageItems.set(item.name.name, ref);
        }
      }
      this.fileScopes.push(scope);
    }
    return { ifaceOrder, worldOrder };
  }

  private notExist(id: ast.Id, candidates: Iterable<string>): never {
    fail(Codes.UnknownName, `interface or world \`${id.name}\` does not exist`, id.span, {
      notes: didYouMean(id.name, candidates),
    });
  }

  private populateForeignTypes(lists: readonly DeclList[]): void {
    lists.forEach((list, file) => {
      this.cur = file;
      for (const v of eachPath(list)) {
        if (!v.names) continue;
        const { stability } = attributesOf(v.attributes);
        const iface = this.interfaceOf(v.path);
        if (!this.foreignInterfaces.has(iface)) continue;
        const lookup = this.interfaceTypes[iface]!;
        for (const n of v.names) {
          if (lookup.has(n.name.name)) continue;
          // `lookup` is the interface's `types` map.
          lookup.set(n.name.name, this.allocType(n.name.name, { tag: 'unknown' }, { interface: iface }, undefined, stability, undefined, n.name.span));
        }
      }
    });
  }

  // ---- paths -------------------------------------------------------------------------------------------------

  private resolvePath(path: ast.UsePath): { item: ItemRef; name: string; span: Span } {
    if (path.kind === 'LocalPath') {
      const item = this.fileScopes[this.cur]!.get(path.name.name) ?? this.packageItems.get(path.name.name);
      if (!item) this.notExist(path.name, [...this.fileScopes[this.cur]!.keys(), ...this.packageItems.keys()]);
      return { item, name: path.name.name, span: path.name.span };
    }
    const dep = this.foreignDeps.get(packageNameToString(pathPackageName(path)))!;
    return { item: dep.items.get(path.name.name)!, name: path.name.name, span: path.name.span };
  }

  private interfaceOf(path: ast.UsePath): number {
    const { item, name, span } = this.resolvePath(path);
    if (item.kind !== 'interface') fail(Codes.WrongKind, `name \`${name}\` is defined as a world, not an interface`, span);
    return item.id;
  }

  private worldOf(path: ast.UsePath): number {
    const { item, name, span } = this.resolvePath(path);
    if (item.kind !== 'world') fail(Codes.WrongKind, `name \`${name}\` is defined as an interface, not a world`, span);
    return item.id;
  }

  // ---- interfaces --------------------------------------------------------------------------------------------

  private resolveInterface(
    id: number,
    items: readonly ast.InterfaceItem[],
    docs: ast.Docs | undefined,
    attributes: readonly ast.Attribute[],
  ): void {
    const iface = this.interfaces[id]!;
    iface.docs = docsText(docs);
    iface.stability = attributesOf(attributes).stability;
    // The scope's types are the interface's types: no copy at the end.
    this.typeLookup = iface.types;
    this.funcNames = undefined;
    for (const item of items) if (item.kind === 'Use') this.resolveUse({ interface: id }, item);
    this.resolveTypes({ interface: id }, items);
    // Each function goes into the map as soon as it is resolved (in item order, as wit-parser inserts them).
    const functions = iface.functions;
    for (const item of items) {
      if (item.kind === 'FuncItem') {
        this.defineName(item.name, FUNCTION);
        const kind: FunctionKind = item.func.async ? ASYNC_FREESTANDING : FREESTANDING;
        let f: Func | undefined;
        try {
          f = this.resolveFunction(item.docs, item.attributes, item.name.name, item.func, kind, item.name.span);
        } catch (e) {
          f = recover(this.errors, () => {
            throw e;
          });
        }
        if (f) functions.set(f.name, f);
      } else if (item.kind === 'Resource') {
        for (const m of item.members ?? []) {
          let f: Func | undefined;
          try {
            f = this.resolveResourceFunc(m, item.name);
          } catch (e) {
            f = recover(this.errors, () => {
              throw e;
            });
          }
          if (f) functions.set(f.name, f);
        }
      }
    }
    this.endInterface(id);
  }

  /** After a failed interface: keep what was defined, and silence lookups of what was not. */
  private abandonInterface(id: number): void {
    this.failedInterfaces.add(id);
    this.endInterface(id);
  }

  private endInterface(id: number): void {
    this.interfaceFuncs[id] = this.funcNames;
    this.funcNames = undefined;
    this.typeLookup = new Map();
  }

  /** Defines a name in the current scope: a type (its id) or, with `FUNCTION`, a freestanding function. */
  private defineName(name: ast.Id, id: number): void {
    const n = name.name;
    if (this.typeLookup.has(n) || this.funcNames?.has(n)) fail(Codes.DuplicateName, `name \`${n}\` is defined more than once`, name.span);
    // Spec rule that wit-parser does not check: names in one interface or world differ ignoring case.
    // Identifiers are ASCII: a name differs from its lower case exactly when it has an upper-case letter.
    const upper = hasUpper(n);
    if (upper || this.hasUpper) {
      const lower = n.toLowerCase();
      for (const other of this.scopeNames()) {
        if (other.toLowerCase() === lower) {
          this.specError(Codes.DuplicateName, `name \`${n}\` conflicts with \`${other}\` (kebab-case identifiers are case-insensitive)`, name.span);
          break;
        }
      }
    }
    if (upper) this.hasUpper = true;
    if (id === FUNCTION) (this.funcNames ??= new Set()).add(n);
    else this.typeLookup.set(n, id);
  }

  /**
   * Records the breach of a spec rule that wit-parser leaves to the binary validator (docs/resolver.md, Divergences);
   * resolution goes on, and the loader reports it after every error wit-parser would report.
   */
  private specError(code: string, message: string, span: Span, labels: Label[] = []): void {
    this.specErrors.push(diagnostic({ code, message, span, labels, notes: [SPEC_RULE_NOTE] }));
  }

  /** The names defined in the current scope, in order (types, then functions). */
  private scopeNames(): string[] {
    return [...this.typeLookup.keys(), ...(this.funcNames ?? [])];
  }

  private resolveUse(owner: TypeOwner, u: ast.Use): void {
    const from = this.interfaceOf(u.path);
    const { stability, externalId } = attributesOf(u.attributes);
    for (const n of u.names) {
      const lookup = this.interfaceTypes[from]!;
      const funcs = this.interfaceFuncs[from];
      const found = lookup.get(n.name.name);
      if (found === undefined) {
        if (funcs?.has(n.name.name)) fail(Codes.WrongKind, `cannot import function \`${n.name.name}\``, n.name.span);
        if (this.failedInterfaces.has(from)) throw new FollowOnError();
        fail(Codes.UnknownName, `name \`${n.name.name}\` does not exist`, n.name.span, {
          notes: didYouMean(n.name.name, [...lookup.keys(), ...(funcs ?? [])]),
        });
      }
      const name = n.as ?? n.name;
      const id = this.allocType(name.name, { tag: 'type', type: found }, owner, undefined, stability, externalId, name.span);
      if (this.poisoned.has(found)) this.poisoned.add(id);
      this.defineName(name, id);
    }
  }

  /**
   * Defines the typedefs among `items` in wit-parser's order: sorted by dependency, the first declared first among
   * those ready. The scope's names from `use` take part in the sort after the typedefs (with no dependencies).
   */
  private resolveTypes(owner: TypeOwner, items: readonly (ast.InterfaceItem | ast.WorldItem)[]): void {
    const defs = this.defScratch;
    const edges = this.edgeScratch;
    const index = this.scopeIndex;
    index.next();
    let d = 0;
    let m = 0;
    // As wit-parser: a typedef whose name a `use` before it defines is a duplicate, found before any name in a
    // typedef is looked up; one whose name a `use` after it defines is dropped (a spec-rule error here).
    const used = this.usedSoFar;
    used.clear();
    const scopeUses = this.typeLookup.size > 0;
    for (const item of items) {
      if (scopeUses && item.kind === 'Use') {
        for (const n of item.names) {
          const name = n.as ?? n.name;
          used.set(name.name, name.span);
        }
        continue;
      }
      if (!isTypeDef(item)) continue;
      if (scopeUses && !used.has(item.name.name) && this.typeLookup.has(item.name.name)) {
        // A `use` after this typedef defines the same name. wit-parser keeps the `use` and drops the typedef without
        // looking at it; the spec forbids the duplicate.
        const later = laterUse(items, item.name.name);
        this.specError(Codes.DuplicateName, `name \`${item.name.name}\` is defined more than once`, later, [
          { span: item.name.span, message: 'first defined here' },
        ]);
        continue;
      }
      const prev = index.get(item.name.name);
      const prevUse = prev === undefined && scopeUses ? used.get(item.name.name) : undefined;
      if (prev !== undefined || prevUse !== undefined) {
        fail(Codes.DuplicateName, `name \`${item.name.name}\` is defined more than once`, item.name.span, {
          labels: [{ span: prevUse ?? defs[prev!]!.name.span, message: 'first defined here' }],
        });
      }
      index.add(item.name.name);
      defs[d] = item;
      this.edgeStart = growInts(this.edgeStart, d + 2);
      this.edgeStart[d++] = m;
      m = collectDeps(item, edges, m);
    }
    for (const name of this.typeLookup.keys()) if (index.get(name) === undefined) index.add(name);
    const n = index.size;
    const start = (this.edgeStart = growInts(this.edgeStart, n + 1));
    start.fill(m, d, n + 1);
    const targets = (this.edgeTargets = growInts(this.edgeTargets, m));
    let bad: Set<number> | undefined;
    for (let i = 0; i < d; i++) {
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const e = edges[k]!;
        const j = index.get(e.name);
        targets[k] = j ?? -1;
        if (j === undefined) {
          (bad ??= new Set()).add(i);
          this.reportUnknownTypeName(e, d);
        }
      }
    }
    const sorter = this.graphSort;
    if (sorter.sort(n, start, targets) < n) {
      const e = edges[sorter.cycleEdge(n, start, targets)]!;
      fail(Codes.Cycle, `type \`${e.name}\` depends on itself`, e.span);
    }
    const order = sorter.order;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (i >= d) continue;
      const def = defs[i]!;
      const { stability, externalId } = attributesOf(def.attributes);
      // A typedef that fails is still defined (as a poisoned type) so that the rest of the scope is checked;
      // errors that only repeat its failure are dropped.
      const kind = bad?.has(i) ? undefined : this.tryTypeDefKind(def, stability);
      const id = this.allocType(def.name.name, kind ?? { tag: 'unknown' }, owner, def.docs, stability, externalId, def.name.span);
      if (!kind) this.poisoned.add(id);
      this.defineName(def.name, id);
    }
  }

  /**
   * Reports a use of an unknown type name in one of the `d` typedefs being sorted (they are met in wit-parser's
   * order, so the first is its error); the sort goes on without that edge.
   */
  private reportUnknownTypeName(e: Dep, d: number): void {
    const hint = floatHint(e.name);
    const message = `type \`${e.name}\` does not exist${hint ? `\n${hint}` : ''}`;
    // The names in scope, numbered as in the sort: the typedefs, then the names from `use`.
    const names = this.defScratch.slice(0, d).map((def) => def.name.name);
    for (const name of this.typeLookup.keys()) if ((this.scopeIndex.get(name) ?? -1) >= d) names.push(name);
    recover(this.errors, () => fail(Codes.UnknownName, message, e.span, { notes: didYouMean(e.name, [...names, ...PRIMITIVES]) }));
  }

  /** `resolveTypeDefKind`, recording its error (no closure: this runs for every typedef). */
  private tryTypeDefKind(def: ast.TypeDef, stability: Stability | undefined): TypeDefKind | undefined {
    this.typeTop = 0; // as in resolveFunction
    try {
      return this.resolveTypeDefKind(def, stability);
    } catch (e) {
      return recover(this.errors, () => {
        throw e;
      });
    }
  }

  /*
   * The members of records and variants are resolved by functions made once per resolver (not a closure per typedef,
   * which allocates a context and a function each time); `memberStability` is the typedef's stability meanwhile.
   */
  private memberStability: Stability | undefined;
  private readonly resolveField = (f: ast.Field): Field =>
    fieldItem(f.name.name, this.resolveType(f.type, this.memberStability), f.docs, f.name.span);
  private readonly resolveCase = (c: ast.VariantCase): Case =>
    caseItem(c.name.name, c.type ? this.resolveType(c.type, this.memberStability) : null, c.docs, c.name.span);

  private resolveTypeDefKind(def: ast.TypeDef, stability: Stability | undefined): TypeDefKind {
    const memberProblem = checkMemberNames(def);
    if (memberProblem) this.specErrors.push(memberProblem);
    switch (def.kind) {
      case 'TypeAlias':
        return this.resolveKind(def.type, stability);
      case 'Record':
        this.memberStability = stability;
        return { tag: 'record', fields: mapExact(def.fields, this.resolveField) };
      case 'Flags':
        return { tag: 'flags', flags: mapExact(def.flags, namedItem) };
      case 'Variant':
        if (def.cases.length === 0) fail(Codes.EmptyType, 'empty variant', def.name.span);
        this.memberStability = stability;
        return { tag: 'variant', cases: mapExact(def.cases, this.resolveCase) };
      case 'Enum':
        if (def.cases.length === 0) fail(Codes.EmptyType, 'empty enum', def.name.span);
        return { tag: 'enum', cases: mapExact(def.cases, namedItem) };
      case 'Resource': {
        let ctors = 0;
        const seen = new Set<string>();
        for (const m of def.members ?? []) {
          if (m.kind === 'Constructor') {
            if (++ctors > 1) fail(Codes.DuplicateResourceMember, 'duplicate constructors', m.keyword);
          } else if (seen.has(m.name.name)) {
            fail(Codes.DuplicateResourceMember, `duplicate function name \`${m.name.name}\``, m.name.span);
          } else seen.add(m.name.name);
        }
        return { tag: 'resource' };
      }
    }
  }

  private resolveTypeName(name: ast.Id): number {
    const id = this.typeLookup.get(name.name);
    if (id === undefined) {
      if (this.funcNames?.has(name.name)) fail(Codes.WrongKind, `cannot use function \`${name.name}\` as a type`, name.span);
      fail(Codes.UnknownName, `name \`${name.name}\` does not exist`, name.span, {
        notes: didYouMean(name.name, [...this.scopeNames(), ...PRIMITIVES]),
      });
    }
    if (this.poisoned.has(id)) throw new FollowOnError();
    return id;
  }

  private validateResource(name: ast.Id): number {
    const id = this.resolveTypeName(name);
    let cur = id;
    for (;;) {
      const k = this.types[cur]!.kind;
      if (k.tag === 'resource') break;
      if (k.tag === 'unknown') {
        // A type of another package: checked once it is linked.
        this.requiredResourceTypes.push({ id: cur, span: name.span });
        break;
      }
      if (k.tag === 'type' && typeof k.type === 'number') cur = k.type;
      else fail(Codes.HandleNotResource, `type \`${name.name}\` used in a handle must be a resource`, name.span);
    }
    return id;
  }

  private resolveKind(t: ast.TypeExpr, stability: Stability | undefined): TypeDefKind {
    switch (t.kind) {
      case 'Primitive':
        return { tag: 'type', type: t.name };
      case 'Named':
        return { tag: 'type', type: this.resolveTypeName(t.name) };
      case 'List': {
        if (t.length && t.length.value === 0) {
          // Spec rule (Explainer: the length must be larger than 0) that wit-parser leaves to the binary validator.
          this.specError(Codes.InvalidListLength, 'fixed-length list must have a length of at least 1', t.length.span);
        }
        const type = this.resolveType(t.element, stability);
        return t.length ? { tag: 'fixed-length-list', type, size: t.length.value } : { tag: 'list', type };
      }
      case 'Option':
        return { tag: 'option', type: this.resolveType(t.inner, stability) };
      case 'Result':
        return {
          tag: 'result',
          ok: t.ok ? this.resolveType(t.ok, stability) : null,
          err: t.err ? this.resolveType(t.err, stability) : null,
        };
      case 'Tuple':
        return { tag: 'tuple', types: mapExact(t.types, (x) => this.resolveType(x, stability)) };
      case 'Map': {
        const key = this.resolveType(t.key, stability);
        if (typeof key === 'number' || !MAP_KEYS.has(key)) {
          fail(
            Codes.InvalidMapKey,
            'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string',
            typeSpan(t),
          );
        }
        return { tag: 'map', key, value: this.resolveType(t.value, stability) };
      }
      case 'Future':
        return { tag: 'future', type: t.payload ? this.resolveType(t.payload, stability) : null };
      case 'Stream':
        return { tag: 'stream', type: t.payload ? this.resolveType(t.payload, stability) : null };
      case 'Handle':
        return { tag: 'handle', handle: t.handle, type: this.validateResource(t.resource) };
    }
  }

  /**
   * Resolves a type expression in a value position, interning anonymous types. The same checks, in the same order,
   * as `resolveKind`, but a kind object is only built for a type that is new (most type expressions are repeats).
   */
  resolveType(t: ast.TypeExpr, stability: Stability | undefined): Type {
    const anon = this.anonTypes;
    let node: number;
    let kind: TypeDefKind | undefined;
    switch (t.kind) {
      case 'Primitive':
        return t.name;
      case 'Named':
        return this.resolveTypeName(t.name);
      case 'Handle': {
        const type = this.validateResource(t.resource);
        if (t.handle === 'own') return type;
        node = anon.node1('borrow', type);
        if (anon.get(node) === undefined) kind = { tag: 'handle', handle: 'borrow', type };
        break;
      }
      case 'List': {
        if (t.length && t.length.value === 0) return this.anonType(this.resolveKind(t, stability), stability, t);
        const type = this.resolveType(t.element, stability);
        if (t.length) {
          const size = t.length.value;
          node = anon.fixedList(type, size);
          if (anon.get(node) === undefined) kind = { tag: 'fixed-length-list', type, size };
        } else {
          node = anon.node1('list', type);
          if (anon.get(node) === undefined) kind = { tag: 'list', type };
        }
        break;
      }
      case 'Option': {
        const type = this.resolveType(t.inner, stability);
        node = anon.node1('option', type);
        if (anon.get(node) === undefined) kind = { tag: 'option', type };
        break;
      }
      case 'Result': {
        const ok = t.ok ? this.resolveType(t.ok, stability) : null;
        const err = t.err ? this.resolveType(t.err, stability) : null;
        node = anon.node2('result', ok, err);
        if (anon.get(node) === undefined) kind = { tag: 'result', ok, err };
        break;
      }
      case 'Future':
      case 'Stream': {
        const type = t.payload ? this.resolveType(t.payload, stability) : null;
        const tag = t.kind === 'Future' ? 'future' : 'stream';
        node = anon.node1(tag, type);
        if (anon.get(node) === undefined) kind = { tag, type };
        break;
      }
      case 'Tuple': {
        // The components go on a stack (a nested tuple uses the part above them), so a repeat allocates nothing.
        const stack = this.typeStack;
        const base = this.typeTop;
        for (const x of t.types) {
          const type = this.resolveType(x, stability);
          stack[this.typeTop++] = type;
        }
        const n = this.typeTop - base;
        node = anon.tupleOf(stack, base, n);
        if (anon.get(node) === undefined) kind = { tag: 'tuple', types: exactSlice(stack, base, n) };
        this.typeTop = base;
        break;
      }
      default:
        // Maps: rarer, resolved through their kind.
        return this.anonType(this.resolveKind(t, stability), stability, t);
    }
    if (kind === undefined) return anon.get(node)!;
    return anon.set(node, this.allocType(null, kind, null, undefined, stability ?? this.findStability(kind), undefined, typeSpan(t)));
  }

  /**
   * Interns an anonymous type (per package, by structure). `stability` is the enclosing typedef's, if any;
   * otherwise the first component's. `at` gives the span (computed only when a type is created).
   */
  private anonType(kind: TypeDefKind, stability: Stability | undefined, at: ast.TypeExpr | Span): Type {
    if (kind.tag === 'type') return kind.type;
    if (kind.tag === 'handle' && kind.handle === 'own') return kind.type;
    const anon = this.anonTypes;
    const node = anon.find(kind);
    const found = anon.get(node);
    if (found !== undefined) return found;
    const span = 'kind' in at ? typeSpan(at) : at;
    return anon.set(node, this.allocType(null, kind, null, undefined, stability ?? this.findStability(kind), undefined, span));
  }

  /**
   * The stability of the first component that has one. (An anonymous component already carries the result of this
   * search from when it was created, so there is no need to look through it.)
   */
  private findStability(kind: TypeDefKind): Stability | undefined {
    switch (kind.tag) {
      case 'option':
      case 'list':
      case 'fixed-length-list':
      case 'handle':
      case 'type':
        return this.stabilityOf(kind.type);
      case 'future':
      case 'stream':
        return this.stabilityOf(kind.type);
      case 'result':
        return this.stabilityOf(kind.ok) ?? this.stabilityOf(kind.err);
      case 'map':
        return this.stabilityOf(kind.key) ?? this.stabilityOf(kind.value);
      case 'tuple':
        for (const c of kind.types) {
          const s = this.stabilityOf(c);
          if (s) return s;
        }
        return undefined;
      default:
        // Records, variants, … are never anonymous.
        for (const c of kindComponents(kind)) {
          const s = this.stabilityOf(c);
          if (s) return s;
        }
        return undefined;
    }
  }

  /** The stability of a component type (none for primitives and absent types). */
  private stabilityOf(t: Type | null): Stability | undefined {
    return typeof t === 'number' ? this.types[t]!.stability : undefined;
  }

  // ---- functions ---------------------------------------------------------------------------------------------

  private resolveFunction(
    docs: ast.Docs | undefined,
    attributes: readonly ast.Attribute[],
    name: string,
    func: { params: readonly ast.Param[]; result: ast.TypeExpr | undefined },
    kind: FunctionKind,
    span: Span,
  ): Func {
    const { stability, externalId } = attributesOf(attributes);
    // Built in a scratch list, then copied at its exact length (an array grown by `push` keeps spare room).
    const params = this.paramScratch;
    let count = 0;
    this.typeTop = 0; // after an error, entries of an abandoned tuple may be left
    const isMethod = kind.tag === 'method' || kind.tag === 'async-method';
    if (isMethod) {
      const anon = this.anonTypes;
      const node = anon.node1('borrow', kind.resource);
      let self = anon.get(node);
      if (self === undefined) {
        const borrow: TypeDefKind = { tag: 'handle', handle: 'borrow', type: kind.resource };
        self = anon.set(node, this.allocType(null, borrow, null, undefined, this.findStability(borrow), undefined, span));
      }
      params[count++] = { name: 'self', type: self };
    }
    const ps = func.params;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      const type = this.resolveType(p.type, undefined);
      const name = p.name.name;
      // Parameter lists are short: a linear scan beats a map.
      let prev: Span | undefined = isMethod && name === 'self' ? span : undefined;
      for (let j = 0; prev === undefined && j < i; j++) if (ps[j]!.name.name === name) prev = ps[j]!.name.span;
      if (prev) {
        fail(Codes.DuplicateName, `param \`${name}\` is defined more than once`, p.name.span, {
          labels: [{ span: prev, message: 'first defined here' }],
        });
      }
      params[count++] = { name, type };
    }
    let result: Type | undefined;
    if (kind.tag === 'constructor') {
      result = func.result ? this.constructorResult(func.result, kind.resource) : kind.resource;
    } else if (func.result) {
      result = this.resolveType(func.result, undefined);
    }
    return funcItem(name, kind, exactSlice(params, 0, count), result, docs, stability, externalId, span);
  }

  /**
   * A constructor's declared result, checked as wit-parser checks it: the type is resolved first (so an unknown name
   * in it is reported as such), then it must be a `result` (written, or a typedef whose body is one) whose `ok` type
   * is the resource. The spec also wants it written as `result<r, …>` itself, which wit-parser does not check.
   */
  private constructorResult(t: ast.TypeExpr, resource: number): Type {
    const result = this.resolveType(t, undefined);
    const kind = typeof result === 'number' ? this.types[result]!.kind : undefined;
    if (kind?.tag !== 'result') fail(Codes.InvalidConstructorResult, 'if a constructor return type is declared it must be a `result`', typeSpan(t));
    if (kind.ok !== resource) {
      fail(Codes.InvalidConstructorResult, 'the `ok` type must be the resource being constructed', t.kind === 'Result' && t.ok ? typeSpan(t.ok) : typeSpan(t));
    }
    if (t.kind !== 'Result') {
      const name = this.types[resource]!.name;
      this.specError(Codes.InvalidConstructorResult, `a constructor's result type must be written as \`result<${name}, …>\``, typeSpan(t));
    }
    return result;
  }

  private resolveResourceFunc(m: ast.ResourceMember, resource: ast.Id): Func {
    const rid = this.typeLookup.get(resource.name) ?? 0;
    if (m.kind === 'Constructor') {
      return this.resolveFunction(m.docs, m.attributes, `[constructor]${resource.name}`, m, { tag: 'constructor', resource: rid }, m.keyword);
    }
    const tag = m.static ? (m.func.async ? 'async-static' : 'static') : m.func.async ? 'async-method' : 'method';
    const prefix = m.static ? 'static' : 'method';
    return this.resolveFunction(m.docs, m.attributes, `[${prefix}]${resource.name}.${m.name.name}`, m.func, { tag, resource: rid }, m.name.span);
  }

  // ---- worlds ------------------------------------------------------------------------------------------------

  private resolveWorld(id: number, node: ast.World): void {
    const world = this.worlds[id]!;
    world.docs = docsText(node.docs);
    world.stability = attributesOf(node.attributes).stability;
    const owner: TypeOwner = { world: id };
    for (const item of node.items) if (item.kind === 'Use') this.resolveUse(owner, item);
    this.resolveTypes(owner, node.items);
    // Includes before imports and exports, as wit-parser resolves them (so a bad include is the first error).
    for (const item of node.items) {
      if (item.kind !== 'Include') continue;
      const { stability } = attributesOf(item.attributes);
      const from = this.worldOf(item.path);
      world.includes.push({
        stability,
        world: from,
        names: item.with.map((w) => ({ name: w.name.name, as: w.as.name })),
        span: pathName(item.path).span,
      });
    }
    const importNames = new Map<string, { what: string; span: Span | undefined }>();
    const exportNames = new Map<string, { what: string; span: Span | undefined }>();
    for (const [name, id] of this.typeLookup) {
      world.imports.set(name, { key: { name }, item: { tag: 'type', id, span: this.types[id]!.span } });
      importNames.set(name, { what: 'type', span: this.types[id]!.span });
    }
    const importedIfaces = new Map<number, Span>();
    const exportedIfaces = new Map<number, Span>();
    for (const item of node.items) {
      if (item.kind === 'Resource') {
        for (const m of item.members ?? []) {
          const f = this.resolveResourceFunc(m, item.name);
          world.imports.set(f.name, { key: { name: f.name }, item: { tag: 'function', func: f, span: f.span } });
        }
        continue;
      }
      if (item.kind !== 'Import' && item.kind !== 'Export') continue;
      const isImport = item.kind === 'Import';
      const desc = isImport ? 'import' : 'export';
      const names = isImport ? importNames : exportNames;
      const ifaces = isImport ? importedIfaces : exportedIfaces;
      const worldItem = recover(this.errors, () => this.resolveWorldItem(item));
      if (!worldItem) continue;
      const k = item.item;
      let keyName: string | undefined;
      if (k.kind === 'ExternPath') {
        const iid = (worldItem as { id: number }).id;
        const prev = ifaces.get(iid);
        if (prev) {
          fail(Codes.WorldNameConflict, `interface cannot be ${desc}ed more than once`, pathName(k.path).span, {
            labels: [{ span: prev, message: `first ${desc}ed here` }],
          });
        }
        ifaces.set(iid, pathName(k.path).span);
      } else {
        const nameId = k.kind === 'ExternImplements' ? k.label : k.name;
        const prev = names.get(nameId.name);
        if (prev) {
          fail(Codes.WorldNameConflict, `${desc} \`${nameId.name}\` conflicts with prior ${prev.what} of same name`, nameId.span, {
            labels: prev.span ? [{ span: prev.span, message: `the prior ${prev.what}` }] : [],
          });
        }
        names.set(nameId.name, { what: k.kind === 'ExternFunc' ? 'func' : 'interface', span: nameId.span });
        keyName = nameId.name;
      }
      const key = keyName !== undefined ? { name: keyName } : { interface: (worldItem as { id: number }).id };
      (isImport ? world.imports : world.exports).set(worldKeyString(key), { key, item: worldItem });
    }
    this.typeLookup = new Map();
  }

  private resolveWorldItem(item: ast.Import | ast.Export): WorldItem {
    const k = item.item;
    switch (k.kind) {
      case 'ExternInterface': {
        const saved = this.typeLookup;
        const id = this.allocInterface(k.name.span);
        this.resolveInterface(id, k.items, item.docs, item.attributes);
        this.typeLookup = saved;
        const { externalId } = attributesOf(item.attributes);
        return { tag: 'interface', id, stability: this.interfaces[id]!.stability, externalId, span: k.name.span };
      }
      case 'ExternPath':
      case 'ExternImplements': {
        const { stability, externalId } = attributesOf(item.attributes);
        const id = this.interfaceOf(k.path);
        const span = k.kind === 'ExternPath' ? pathName(k.path).span : k.label.span;
        return { tag: 'interface', id, stability, externalId, docs: docsText(item.docs), span };
      }
      case 'ExternFunc': {
        const func = this.resolveFunction(
          item.docs,
          item.attributes,
          k.name.name,
          k.func,
          k.func.async ? ASYNC_FREESTANDING : FREESTANDING,
          k.name.span,
        );
        return { tag: 'function', func, span: k.name.span };
      }
    }
  }
}
