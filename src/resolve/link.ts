/**
 * Phase B (wit-parser's `Remap::append`): appends an `UnresolvedPackage` to the `Resolve`. Foreign placeholders are
 * mapped onto existing items, gated-off items are dropped (ids are compacted), value positions that name a resource
 * become synthesised `own<R>` handles, and finally every world's includes are flattened and the world elaborated.
 */
import type { Span } from '../text/source.js';
import { Codes } from '../diagnostics/codes.js';
import { fail, didYouMean, recover, ResolveErrors } from './errors.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Func, Interface, PackageName, Resolve, Stability, Type, TypeDefKind, World, WorldItem, WorldKey } from './model.js';
import { compareSemVer, findPackageKey, packageNameToString, semverToString, worldKeyString } from './model.js';
import type { UnresolvedPackage } from './unresolved.js';
import { processIncludes } from './include.js';
import { elaborateWorld, checkCaseInsensitive } from './elaborate.js';
import { typeDefItem } from './items.js';

/** Is an item with this stability part of the output? Throws for invalid `@since` gates. */
export function includeStability(resolve: Resolve, s: Stability | undefined, pkg: number, span: Span | undefined): boolean {
  if (!s) return true;
  if (s.kind === 'unstable') return resolve.allFeatures || resolve.features.has(s.feature);
  const p = resolve.packages[pkg];
  if (!p) return true;
  const name = packageNameToString(p.name);
  if (!p.name.version) {
    fail(Codes.InvalidSince, `package [${name}] contains a feature gate with a version specifier, so it must have a version`, span);
  }
  if (compareSemVer(s.since, p.name.version) > 0) {
    fail(
      Codes.InvalidSince,
      `feature gate cannot reference unreleased version ${semverToString(s.since)} of package [${name}] (current version ${semverToString(p.name.version)})`,
      span,
    );
  }
  return true;
}

const excluded = (what: string) => `found a reference to a ${what} which is excluded due to its feature not being activated`;

/** Maps package-local ids to global ids while one package is appended. */
export class Remap {
  /**
   * Per package-local type: its global id, or -1 when a feature gate excluded it. Sized once (a package's types are
   * known before linking); the first `typeCount` entries are filled.
   */
  private readonly typeIds: Int32Array;
  private typeCount = 0;
  readonly interfaces: (number | undefined)[] = [];
  readonly worlds: (number | undefined)[] = [];
  private readonly ownHandles = new Map<number, number>();
  /** Errors of this package after which linking went on (the first is wit-parser's). */
  private readonly errors: Diagnostic[] = [];

  constructor(
    readonly resolve: Resolve,
    readonly pkg: UnresolvedPackage,
  ) {
    this.typeIds = new Int32Array(pkg.types.length).fill(-1);
  }

  mapType(id: number, span: Span | undefined): number {
    const r = this.typeIds[id]!;
    if (r < 0) fail(Codes.ExcludedReference, excluded('type'), span);
    return r;
  }
  mapInterface(id: number, span: Span | undefined): number {
    const r = this.interfaces[id];
    if (r === undefined) fail(Codes.ExcludedReference, excluded('interface'), span);
    return r;
  }
  mapWorld(id: number, span: Span | undefined): number {
    const r = this.worlds[id];
    if (r === undefined) fail(Codes.ExcludedReference, excluded('world'), span);
    return r;
  }

  /** Appends the package; returns its id. */
  append(): number {
    const { resolve, pkg } = this;
    const pkgId = resolve.packages.length;
    resolve.packages.push({ name: pkg.name, docs: pkg.docs, interfaces: new Map(), worlds: new Map(), span: pkg.nameSpan });
    this.processForeignDeps(pkgId);
    this.reserveMemos(resolve.types.length + pkg.types.length);

    /** The (global) ids of the package's types that have an owner: the first `ownedCount`. */
    const owned = new Int32Array(pkg.types.length);
    let ownedCount = 0;
    for (let i = pkg.foreignTypeCount; i < pkg.types.length; i++) {
      const ty = pkg.types[i]!;
      if (!includeStability(resolve, ty.stability, pkgId, ty.span)) {
        this.typeIds[this.typeCount++] = -1;
        continue;
      }
      // The unresolved package is consumed: its objects move into the Resolve (as wit-parser moves them).
      ty.kind = this.updateKind(ty.kind, ty.span);
      const id = resolve.types.length;
      this.typeIds[this.typeCount++] = id;
      resolve.types.push(ty);
      if (ty.owner !== null) owned[ownedCount++] = id;
      // Memoised now, while the type is in the cache: functions ask for these of their parameters and results.
      this.isResource(id);
      this.hasBorrow(id);
    }

    for (let i = pkg.foreignInterfaceCount; i < pkg.interfaces.length; i++) {
      const iface = pkg.interfaces[i]!;
      if (!includeStability(resolve, iface.stability, pkgId, iface.span)) {
        this.interfaces.push(undefined);
        continue;
      }
      const copy = this.updateInterface(iface, pkgId);
      this.interfaces.push(resolve.interfaces.length);
      resolve.interfaces.push(copy);
    }
    this.checkOwnersKept(pkgId);

    for (let i = pkg.foreignWorldCount; i < pkg.worlds.length; i++) {
      const world = pkg.worlds[i]!;
      if (!includeStability(resolve, world.stability, pkgId, world.span)) {
        this.worlds.push(undefined);
        continue;
      }
      const copy = this.updateWorld(world, pkgId);
      this.worlds.push(resolve.worlds.length);
      resolve.worlds.push(copy);
    }
    this.remapOwners(owned, ownedCount);

    for (let i = pkg.foreignWorldCount; i < pkg.worlds.length; i++) {
      const id = this.worlds[i];
      if (id === undefined) continue;
      // A failed world does not stop the others (wit-parser stops at the first error, which stays first).
      recover(this.errors, () => {
        processIncludes(this, id, pkgId);
        checkCaseInsensitive(resolve, id);
        elaborateWorld(resolve, id);
      });
    }
    if (this.errors.length > 0) throw new ResolveErrors(this.errors);

    for (let i = pkg.foreignInterfaceCount; i < pkg.interfaces.length; i++) {
      const id = this.interfaces[i];
      if (id === undefined) continue;
      const iface = resolve.interfaces[id]!;
      iface.package = pkgId;
      if (iface.name !== null) resolve.packages[pkgId]!.interfaces.set(iface.name, id);
    }
    for (let i = pkg.foreignWorldCount; i < pkg.worlds.length; i++) {
      const id = this.worlds[i];
      if (id === undefined) continue;
      const w = resolve.worlds[id]!;
      w.package = pkgId;
      resolve.packages[pkgId]!.worlds.set(w.name, id);
    }
    return pkgId;
  }

  /**
   * A kept type whose interface or world a feature gate excluded is an error. As in wit-parser this comes after every
   * type and interface has been linked, so that their own errors (a reference to an excluded type, say) come first.
   */
  private checkOwnersKept(pkgId: number): void {
    const { resolve, pkg } = this;
    for (let i = pkg.foreignTypeCount; i < pkg.types.length; i++) {
      if (this.typeIds[i]! < 0) continue;
      const ty = pkg.types[i]!;
      if (ty.owner && 'interface' in ty.owner) {
        const owner = pkg.interfaces[ty.owner.interface]!;
        if (!includeStability(resolve, owner.stability, pkgId, owner.span)) {
          this.failAfterErrors(`${excluded('interface')}; this type is not gated by a feature but its interface is`, ty.span);
        }
      } else if (ty.owner && 'world' in ty.owner) {
        const owner = pkg.worlds[ty.owner.world]!;
        if (!includeStability(resolve, owner.stability, pkgId, owner.span)) {
          this.failAfterErrors(`${excluded('world')}; this type is not gated by a feature but its world is`, ty.span);
        }
      }
    }
  }

  /** Stops linking with this error, after those of the interfaces linked so far (wit-parser's first comes first). */
  private failAfterErrors(message: string, span: Span | undefined): never {
    if (this.errors.length === 0) fail(Codes.ExcludedReference, message, span);
    recover(this.errors, () => fail(Codes.ExcludedReference, message, span));
    throw new ResolveErrors(this.errors);
  }

  /**
   * Maps the owners of the package's types to global ids, with one owner object per interface or world, shared by
   * its types (owners are replaced, never changed in place). Nothing reads owners before this, once every interface
   * and world has its id.
   */
  private remapOwners(owned: Int32Array, count: number): void {
    const { resolve } = this;
    const ifaceOwners: ({ interface: number } | undefined)[] = [];
    const worldOwners: ({ world: number } | undefined)[] = [];
    for (let k = 0; k < count; k++) {
      const t = resolve.types[owned[k]!]!;
      const owner = t.owner!;
      if ('interface' in owner) {
        const local = owner.interface;
        const mapped = this.interfaces[local];
        if (mapped !== undefined) t.owner = ifaceOwners[local] ??= { interface: mapped };
      } else {
        const local = owner.world;
        const mapped = this.worlds[local];
        if (mapped !== undefined) t.owner = worldOwners[local] ??= { world: mapped };
      }
    }
  }

  // ---- foreign references -------------------------------------------------------------------------------------

  /**
   * The package a foreign reference names: the exact name, or the only loaded version when the reference has none
   * (a package may name one dependency both ways; each reference is looked up on its own).
   */
  private lookupPackage(ref: PackageName, span: Span): number {
    const { resolve } = this;
    const names = resolve.packages.map((p) => p.name);
    const found = findPackageKey(names, ref);
    if (found !== undefined) return names.findIndex((n) => packageNameToString(n) === found);
    const key = packageNameToString(ref);
    const known = names.map(packageNameToString);
    const message =
      known.length === 0 ? `package '${key}' not found` : `package '${key}' not found. known packages:${known.map((k) => `\n    ${k}`).join('')}`;
    fail(Codes.PackageNotFound, message, span, { notes: didYouMean(key, known) });
  }

  private enabled(stabilities: readonly (Stability | undefined)[], pkgId: number, span: Span): boolean {
    for (const s of stabilities) if (includeStability(this.resolve, s, pkgId, span)) return true;
    return false;
  }

  private processForeignDeps(pkgId: number): void {
    const { resolve, pkg } = this;
    type Entry = { ref: PackageName; name: string; span: Span; depSpan: Span; stabilities: (Stability | undefined)[] };
    const ifaceTo = new Map<number, Entry>();
    const worldTo = new Map<number, Entry>();
    for (const dep of pkg.foreignDeps.values()) {
      for (const [name, item] of dep.items) {
        const entry = { ref: dep.name, name, span: item.span, depSpan: dep.span, stabilities: item.stabilities };
        (item.kind === 'interface' ? ifaceTo : worldTo).set(item.id, entry);
      }
    }
    for (let i = 0; i < pkg.foreignInterfaceCount; i++) {
      const e = ifaceTo.get(i)!;
      // The package must exist even when the item is gated off (wit-parser sorts packages before it looks at gates);
      // the item itself need not. Worlds below likewise.
      const p = this.lookupPackage(e.ref, e.depSpan);
      if (!this.enabled(e.stabilities, pkgId, e.span)) {
        this.interfaces.push(undefined);
        continue;
      }
      const id = resolve.packages[p]!.interfaces.get(e.name);
      if (id === undefined) {
        fail(Codes.ForeignItemNotFound, `interface '${e.name}' not found in package '${packageNameToString(resolve.packages[p]!.name)}'`, e.span, {
          notes: didYouMean(e.name, resolve.packages[p]!.interfaces.keys()),
        });
      }
      this.interfaces.push(id);
    }
    for (let i = 0; i < pkg.foreignWorldCount; i++) {
      const e = worldTo.get(i)!;
      const p = this.lookupPackage(e.ref, e.depSpan);
      if (!this.enabled(e.stabilities, pkgId, e.span)) {
        this.worlds.push(undefined);
        continue;
      }
      const id = resolve.packages[p]!.worlds.get(e.name);
      if (id === undefined) {
        fail(Codes.ForeignItemNotFound, `world '${e.name}' not found in package '${packageNameToString(resolve.packages[p]!.name)}'`, e.span, {
          notes: didYouMean(e.name, resolve.packages[p]!.worlds.keys()),
        });
      }
      this.worlds.push(id);
    }
    for (let i = 0; i < pkg.foreignTypeCount; i++) {
      const ty = pkg.types[i]!;
      if (!includeStability(resolve, ty.stability, pkgId, ty.span)) {
        this.typeIds[this.typeCount++] = -1;
        continue;
      }
      const owner = ty.owner as { interface: number };
      const iface = this.mapInterface(owner.interface, undefined);
      const id = resolve.interfaces[iface]!.types.get(ty.name!);
      if (id === undefined) {
        fail(Codes.ForeignItemNotFound, `type \`${ty.name}\` not defined in interface`, ty.span, {
          notes: didYouMean(ty.name!, resolve.interfaces[iface]!.types.keys()),
        });
      }
      this.typeIds[this.typeCount++] = id;
    }
    for (const { id, span } of pkg.requiredResourceTypes) {
      let cur = this.typeIds[id]!;
      if (cur < 0) continue;
      for (;;) {
        const k: TypeDefKind = resolve.types[cur]!.kind;
        if (k.tag === 'type' && typeof k.type === 'number') cur = k.type;
        else if (k.tag === 'resource') break;
        else fail(Codes.HandleNotResource, 'type used in a handle must be a resource', span);
      }
    }
  }

  // ---- updating items -----------------------------------------------------------------------------------------

  /** Maps the ids in a kind (in place), redirecting value positions that name a resource to `own<R>`. */
  private updateKind(kind: TypeDefKind, span: Span | undefined): TypeDefKind {
    switch (kind.tag) {
      case 'handle':
        kind.type = this.mapType(kind.type, span);
        break;
      case 'type':
        if (typeof kind.type === 'number') kind.type = this.mapType(kind.type, span);
        break;
      case 'record':
        for (const f of kind.fields) f.type = this.updateTy(f.type, f.span ?? span);
        break;
      case 'tuple':
        for (let i = 0; i < kind.types.length; i++) kind.types[i] = this.updateTy(kind.types[i]!, span);
        break;
      case 'variant':
        for (const c of kind.cases) if (c.type !== null) c.type = this.updateTy(c.type, c.span ?? span);
        break;
      case 'option':
      case 'list':
      case 'fixed-length-list':
        kind.type = this.updateTy(kind.type, span);
        break;
      case 'future':
      case 'stream':
        if (kind.type !== null) kind.type = this.updateTy(kind.type, span);
        break;
      case 'map':
        kind.key = this.updateTy(kind.key, span);
        kind.value = this.updateTy(kind.value, span);
        break;
      case 'result':
        if (kind.ok !== null) kind.ok = this.updateTy(kind.ok, span);
        if (kind.err !== null) kind.err = this.updateTy(kind.err, span);
        break;
      default:
        break;
    }
    return kind;
  }

  /** Maps a value-position type; a reference to a resource becomes an `own<R>` handle. */
  updateTy(t: Type, span: Span | undefined): Type {
    if (typeof t !== 'number') return t;
    const id = this.mapType(t, span);
    if (!this.isResource(id)) return id;
    const { resolve } = this;
    let own = this.ownHandles.get(id);
    if (own === undefined) {
      own = resolve.types.length;
      resolve.types.push(typeDefItem(null, { tag: 'handle', handle: 'own', type: id }, null, undefined, undefined, undefined, undefined));
      this.ownHandles.set(id, own);
    }
    return own;
  }

  /** Per type id: 1 = a resource (directly or through aliases), 2 = not, 0/undefined = not known yet. */
  private resourceMemo = new Uint8Array(0);

  /** Sizes both memos for `n` types at once (they still grow for the `own` handles made while linking). */
  private reserveMemos(n: number): void {
    this.resourceMemo = roomFor(this.resourceMemo, n - 1, n);
    this.borrowMemo = roomFor(this.borrowMemo, n - 1, n);
  }

  /**
   * Whether a (linked) type is a resource, through aliases; memoised per id (a type refers only to types linked
   * before it, so their kinds are final when asked).
   */
  private isResource(id: number): boolean {
    this.resourceMemo = roomFor(this.resourceMemo, id, this.resolve.types.length);
    const known = this.resourceMemo[id]!;
    if (known !== 0) return known === 1;
    const k = this.resolve.types[id]!.kind;
    const v = k.tag === 'resource' || (k.tag === 'type' && typeof k.type === 'number' && this.isResource(k.type));
    this.resourceMemo[id] = v ? 1 : 2;
    return v;
  }

  /** Maps a function's ids (in place: each function is linked once) and rejects results that contain `borrow<T>`. */
  updateFunction(f: Func, span: Span | undefined): Func {
    // Functions of a resource have a kind object of their own (unresolved.ts), so it is mapped in place.
    if ('resource' in f.kind) f.kind.resource = this.mapType(f.kind.resource, span);
    for (const p of f.params) p.type = this.updateTy(p.type, span);
    if (f.result !== undefined) {
      f.result = this.updateTy(f.result, span);
      if (this.hasBorrow(f.result)) {
        fail(Codes.BorrowInResult, `function \`${f.name}\` returns a type which contains a \`borrow<T>\` which is not supported`, span);
      }
    }
    return f;
  }

  /** Per type id: 1 = contains a borrow, 2 = does not, 0/undefined = not known yet. */
  private borrowMemo = new Uint8Array(0);

  /** `typeHasBorrow`, memoised per package for named and anonymous types alike. */
  private hasBorrow(t: Type | null): boolean {
    if (typeof t !== 'number') return false;
    this.borrowMemo = roomFor(this.borrowMemo, t, this.resolve.types.length);
    const known = this.borrowMemo[t]!;
    if (known !== 0) return known === 1;
    const k = this.resolve.types[t]!.kind;
    let v: boolean;
    switch (k.tag) {
      case 'handle':
        v = k.handle === 'borrow';
        break;
      case 'type':
      case 'option':
      case 'list':
      case 'fixed-length-list':
        v = this.hasBorrow(k.type);
        break;
      case 'future':
      case 'stream':
        v = k.type !== null && this.hasBorrow(k.type);
        break;
      case 'result':
        v = (k.ok !== null && this.hasBorrow(k.ok)) || (k.err !== null && this.hasBorrow(k.err));
        break;
      case 'map':
        v = this.hasBorrow(k.key) || this.hasBorrow(k.value);
        break;
      case 'tuple':
        v = false;
        for (let i = 0; i < k.types.length && !v; i++) v = this.hasBorrow(k.types[i]!);
        break;
      case 'record':
        v = false;
        for (let i = 0; i < k.fields.length && !v; i++) v = this.hasBorrow(k.fields[i]!.type);
        break;
      case 'variant':
        v = false;
        for (let i = 0; i < k.cases.length && !v; i++) v = this.hasBorrow(k.cases[i]!.type);
        break;
      default:
        v = false;
    }
    this.borrowMemo[t] = v ? 1 : 2;
    return v;
  }

  private updateInterface(iface: Interface, pkgId: number): Interface {
    // In place (the unresolved package is consumed): replacing or deleting the current entry keeps the order.
    const types = iface.types;
    // `forEach` rather than `for (const [name, id] of types)`, which makes a pair array per entry (0.3 MB of garbage
    // per load of synth.wit). Replacing or deleting the current entry does not disturb the iteration.
    const typeIds = this.typeIds;
    types.forEach((id, name) => {
      const mapped = typeIds[id]!;
      if (mapped < 0) types.delete(name);
      else if (mapped !== id) types.set(name, mapped);
    });
    let functions = iface.functions;
    let filtered = false;
    for (const f of functions.values()) {
      try {
        if (f.stability !== undefined && !includeStability(this.resolve, f.stability, pkgId, f.span)) filtered = true;
        else this.updateFunction(f, f.span);
      } catch (e) {
        recover(this.errors, () => {
          throw e;
        });
      }
    }
    if (filtered) {
      functions = new Map([...functions].filter(([, f]) => includeStability(this.resolve, f.stability, pkgId, f.span)));
    }
    iface.types = types;
    iface.functions = functions;
    iface.package = pkgId;
    return iface;
  }

  private updateWorld(world: World, pkgId: number): World {
    const out: World = { ...world, imports: new Map(), exports: new Map(), includes: [] };
    for (const [isImport, items] of [
      [true, world.imports],
      [false, world.exports],
    ] as const) {
      for (const { key, item } of items.values()) {
        recover(this.errors, () => this.updateWorldItem(key, item, isImport, out, pkgId));
      }
    }
    out.includes = world.includes;
    return out;
  }

  private updateWorldItem(key: WorldKey, item: WorldItem, isImport: boolean, out: World, pkgId: number): void {
    const { resolve } = this;
    const span = item.span;
    let newItem: WorldItem;
    if (item.tag === 'type') {
      const id = this.mapType(item.id, span);
      if (!includeStability(resolve, resolve.types[id]!.stability, pkgId, span)) return;
      newItem = { ...item, id };
    } else if (item.tag === 'function') {
      if (!includeStability(resolve, item.func.stability, pkgId, span)) return;
      newItem = { ...item, func: this.updateFunction(item.func, span) };
    } else {
      if (!includeStability(resolve, item.stability, pkgId, span)) return;
      newItem = { ...item, id: this.mapInterface(item.id, span) };
    }
    const newKey: WorldKey = 'name' in key ? key : { interface: this.mapInterface(key.interface, span) };
    (isImport ? out.imports : out.exports).set(worldKeyString(newKey), { key: newKey, item: newItem });
  }
}

/** `memo`, or a copy of it with room for index `id` (and at least `min` entries; sizes double). */
function roomFor(memo: Uint8Array<ArrayBuffer>, id: number, min: number): Uint8Array<ArrayBuffer> {
  if (id < memo.length) return memo;
  const grown = new Uint8Array(Math.max(2 * memo.length, min, id + 1));
  grown.set(memo);
  return grown;
}

/** Does this (resolved) type contain a `borrow<T>` anywhere? */
export function typeHasBorrow(resolve: Resolve, t: Type, seen: Set<number>): boolean {
  if (typeof t !== 'number' || seen.has(t)) return false;
  seen.add(t);
  const k = resolve.types[t]!.kind;
  switch (k.tag) {
    case 'handle':
      return k.handle === 'borrow';
    case 'type':
    case 'option':
    case 'list':
    case 'fixed-length-list':
      return typeHasBorrow(resolve, k.type, seen);
    case 'record':
      return k.fields.some((f) => typeHasBorrow(resolve, f.type, seen));
    case 'variant':
      return k.cases.some((c) => c.type !== null && typeHasBorrow(resolve, c.type, seen));
    case 'tuple':
      return k.types.some((x) => typeHasBorrow(resolve, x, seen));
    case 'result':
      return (k.ok !== null && typeHasBorrow(resolve, k.ok, seen)) || (k.err !== null && typeHasBorrow(resolve, k.err, seen));
    case 'map':
      return typeHasBorrow(resolve, k.key, seen) || typeHasBorrow(resolve, k.value, seen);
    case 'future':
    case 'stream':
      return k.type !== null && typeHasBorrow(resolve, k.type, seen);
    default:
      return false;
  }
}
