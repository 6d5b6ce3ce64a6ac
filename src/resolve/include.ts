/**
 * Flattening `include` statements (wit-parser's `resolve_include`): the included world's imports and exports are
 * copied into the including world. Plain-named items are cloned (world-owned types get fresh ids owned by the
 * including world, inline interfaces get a copy with `clone_of`), interface-keyed items are shared and their
 * stabilities merged; `with { a as b }` renames plain names, including resource-mangled ones.
 */
import type { Span } from '../text/source.js';
import { Codes } from '../diagnostics/codes.js';
import { fail } from './errors.js';
import type { Func, Resolve, Stability, Type, TypeDef, TypeDefKind, TypeOwner, WorldItem, WorldItems } from './model.js';
import { caseItem, fieldItem, funcItem, nameItem, typeDefItem } from './items.js';
import { stabilityEquals, worldKeyString } from './model.js';
import { includeStability, type Remap } from './link.js';

export function processIncludes(remap: Remap, worldId: number, pkgId: number): void {
  const { resolve } = remap;
  const world = resolve.worlds[worldId]!;
  const includes = world.includes;
  world.includes = [];
  for (const inc of includes) {
    if (!includeStability(resolve, inc.stability, pkgId, inc.span)) continue;
    const from = remap.mapWorld(inc.world, inc.span);
    resolveInclude(resolve, worldId, from, inc.names, inc.span, pkgId);
  }
}

/** `[constructor]r` / `[method]r.m` / `[static]r.m` / `r` renamed by `with { r as s }`. */
function rename(key: string, from: string, to: string): string | undefined {
  if (key === from) return to;
  for (const prefix of ['[constructor]', '[method]', '[static]']) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    if (prefix === '[constructor]' && rest === from) return `${prefix}${to}`;
    if (prefix !== '[constructor]' && rest.startsWith(`${from}.`)) return `${prefix}${to}${rest.slice(from.length)}`;
  }
  return undefined;
}

function resolveInclude(
  resolve: Resolve,
  worldId: number,
  fromId: number,
  names: readonly { name: string; as: string }[],
  span: Span | undefined,
  pkgId: number,
): void {
  const world = resolve.worlds[worldId]!;
  const from = resolve.worlds[fromId]!;
  const isExternal = from.package !== undefined && from.package !== pkgId;
  const unmatched = names.filter(
    (n) =>
      ![...from.imports.values(), ...from.exports.values()].some(
        (e) => 'name' in e.key && rename(e.key.name, n.name, n.as) !== undefined,
      ),
  );
  if (unmatched.length > 0) {
    fail(Codes.IncludeRename, `no import or export kebab-name \`${unmatched[0]!.name}\`. Note that an ID does not support renaming`, span);
  }
  const cloner = new Cloner(resolve, { world: fromId }, { world: worldId }, pkgId);
  const copy = (items: WorldItems, into: WorldItems, desc: string) => {
    for (const { key, item } of [...items.values()]) {
      if ('name' in key) {
        let n = key.name;
        for (const r of names) {
          const renamed = rename(key.name, r.name, r.as);
          if (renamed !== undefined) {
            n = renamed;
            break;
          }
        }
        const newItem = cloner.worldItem(item);
        if (newItem.tag === 'function') newItem.func.name = n;
        else if (newItem.tag === 'type') resolve.types[newItem.id]!.name = n;
        if (into.has(n)) fail(Codes.IncludeShadow, `${desc} of \`${n}\` shadows previously ${desc}ed items`, span);
        into.set(n, { key: { name: n }, item: newItem });
      } else {
        const k = worldKeyString(key);
        const prev = into.get(k);
        if (!prev) {
          const cloned: WorldItem = { ...item } as WorldItem;
          into.set(k, { key, item: cloned });
          if (cloned.tag === 'interface') mergeStability(item as Extract<WorldItem, { tag: 'interface' }>, cloned, isExternal, true);
        } else if (prev.item.tag === 'interface' && item.tag === 'interface') {
          mergeStability(item, prev.item, isExternal, false);
        }
      }
    }
  };
  copy(from.imports, world.imports, 'import');
  copy(from.exports, world.exports, 'export');
}

function debugStability(s: Stability | undefined): string {
  if (!s) return 'Unknown';
  const v = (x: { major: number; minor: number; patch: number; pre: string; build: string }) =>
    `Version { major: ${x.major}, minor: ${x.minor}, patch: ${x.patch}${x.pre ? `, pre: Prerelease("${x.pre}")` : ''}${x.build ? `, build: BuildMetadata("${x.build}")` : ''} }`;
  const dep = s.deprecated ? `Some(${v(s.deprecated)})` : 'None';
  if (s.kind === 'stable') return `Stable { since: ${v(s.since)}, deprecated: ${dep} }`;
  return `Unstable { feature: "${s.feature}", deprecated: ${dep} }`;
}

function mergeStability(
  from: Extract<WorldItem, { tag: 'interface' }>,
  into: Extract<WorldItem, { tag: 'interface' }>,
  isExternal: boolean,
  fresh: boolean,
): void {
  if (isExternal && from.stability?.kind === 'stable') {
    into.stability = undefined;
    return;
  }
  if (fresh) return;
  if (stabilityEquals(from.stability, into.stability) || !from.stability) return;
  if (!into.stability) {
    into.stability = from.stability;
    return;
  }
  fail(Codes.StabilityMismatch, `mismatch in stability from '${debugStability(from.stability)}' to '${debugStability(into.stability)}'`);
}

/** Copies world-owned types (and inline interfaces) reachable from an included item. */
class Cloner {
  private readonly types = new Map<number, number>();

  constructor(
    private readonly resolve: Resolve,
    private readonly prevOwner: TypeOwner,
    private readonly newOwner: TypeOwner,
    private readonly pkgId: number,
  ) {}

  worldItem(item: WorldItem): WorldItem {
    switch (item.tag) {
      case 'type':
        return { ...item, id: this.typeId(item.id) };
      case 'function':
        return { ...item, func: this.func(item.func) };
      case 'interface':
        return { ...item, id: this.resolve.interfaces[item.id]!.name === null ? this.iface(item.id) : item.id };
    }
  }

  private sameOwner(a: TypeOwner, b: TypeOwner): boolean {
    if (a === null || b === null) return a === b;
    if ('interface' in a) return 'interface' in b && a.interface === b.interface;
    return 'world' in b && a.world === b.world;
  }

  typeId(id: number): number {
    const done = this.types.get(id);
    if (done !== undefined) return done;
    const old = this.resolve.types[id]!;
    const copy: TypeDef = typeDefItem(old.name, cloneKind(old.kind), old.owner, old.docs, old.stability, old.externalId, old.span);
    if (copy.owner !== null) copy.owner = this.newOwner;
    this.typeDef(copy);
    const nid = this.resolve.types.length;
    this.resolve.types.push(copy);
    this.types.set(id, nid);
    return nid;
  }

  private ty(t: Type): Type {
    return typeof t === 'number' ? this.typeId(t) : t;
  }

  private typeDef(def: TypeDef): void {
    const k = def.kind;
    switch (k.tag) {
      case 'type':
        if (typeof k.type === 'number' && this.sameOwner(this.resolve.types[k.type]!.owner, this.prevOwner)) k.type = this.typeId(k.type);
        return;
      case 'handle':
        k.type = this.typeId(k.type);
        return;
      case 'option':
      case 'list':
      case 'fixed-length-list':
        k.type = this.ty(k.type);
        return;
      case 'future':
      case 'stream':
        if (k.type !== null) k.type = this.ty(k.type);
        return;
      case 'tuple':
        k.types = k.types.map((t) => this.ty(t));
        return;
      case 'record':
        for (const f of k.fields) f.type = this.ty(f.type);
        return;
      case 'variant':
        for (const c of k.cases) if (c.type !== null) c.type = this.ty(c.type);
        return;
      case 'result':
        if (k.ok !== null) k.ok = this.ty(k.ok);
        if (k.err !== null) k.err = this.ty(k.err);
        return;
      case 'map':
        k.key = this.ty(k.key);
        k.value = this.ty(k.value);
        return;
      default:
        return;
    }
  }

  func(f: Func): Func {
    const kind = 'resource' in f.kind ? { ...f.kind, resource: this.typeId(f.kind.resource) } : f.kind;
    const params = f.params.map((p) => ({ name: p.name, type: this.ty(p.type) }));
    return funcItem(f.name, kind, params, f.result === undefined ? undefined : this.ty(f.result), f.docs, f.stability, f.externalId, f.span);
  }

  private iface(id: number): number {
    const old = this.resolve.interfaces[id]!;
    const nextId = this.resolve.interfaces.length;
    const inner = new Cloner(this.resolve, { interface: id }, { interface: nextId }, this.pkgId);
    const types = new Map<string, number>();
    for (const [n, t] of old.types) types.set(n, inner.typeId(t));
    const functions = new Map<string, Func>();
    for (const [n, f] of old.functions) functions.set(n, inner.func(f));
    this.resolve.interfaces.push({ ...old, types, functions, package: this.pkgId, cloneOf: id });
    return nextId;
  }
}

/** A copy of a kind, with copies of its members (items keep their docs). */
function cloneKind(k: TypeDefKind): TypeDefKind {
  switch (k.tag) {
    case 'record':
      return { tag: 'record', fields: k.fields.map((f) => fieldItem(f.name, f.type, f.docs, f.span)) };
    case 'variant':
      return { tag: 'variant', cases: k.cases.map((c) => caseItem(c.name, c.type, c.docs, c.span)) };
    case 'enum':
      return { tag: 'enum', cases: k.cases.map((c) => nameItem(c.name, c.docs)) };
    case 'flags':
      return { tag: 'flags', flags: k.flags.map((f) => nameItem(f.name, f.docs)) };
    case 'tuple':
      return { tag: 'tuple', types: [...k.types] };
    default:
      return { ...k };
  }
}
