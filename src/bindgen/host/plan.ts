/**
 * The plan of one world's host bindings: which interfaces are imported and exported, under which keys the host sees
 * them, how the core module names them, and the TypeScript names of every module namespace, function and resource.
 * Both the declarations and the `instantiate` generator read it, so they always agree.
 */
import type { Func, Resolve, World, WorldKey } from '../../resolve/model.js';
import { interfaceIdString, packageNameToString } from '../../resolve/model.js';
import { Scope, camelCase, escapeReserved, pascalCase, typeName, RESERVED_GLOBALS } from '../ts/names.js';
import {
  NameRegistry,
  nameFunctions,
  ownedTypeIds,
  splitFunctions,
  memberWitName,
  type FunctionName,
  type ModuleOwner,
} from '../ts/modules.js';
import { memberName } from '../ts/names.js';
import { dealiasId } from '../abi-types.js';

/** A group of functions the host sees together: an interface, or the world's own functions. */
export interface HostGroup {
  readonly direction: 'import' | 'export';
  /** The interface id, or undefined for world-level functions. */
  readonly interface: number | undefined;
  /** The key in the imports object (`ns:pkg/iface`, unversioned) or the property of the exports object. */
  readonly jsKey: string;
  /** The core module's name for it: the import module (`ns:pkg/iface@1.0.0`, `$root`) or export prefix (`…#`). */
  readonly coreName: string;
  /** Freestanding functions with their JS names. */
  readonly free: readonly Func[];
  readonly freeNames: Map<Func, FunctionName>;
  /** Resource definition ids declared by the interface, with their member functions. */
  readonly resources: readonly HostResource[];
}

/** A resource of a group with its class name and members. */
export interface HostResource {
  readonly id: number;
  readonly witName: string;
  /** The PascalCase class name (the key in import/export objects). */
  readonly className: string;
  readonly members: readonly Func[];
  /** Member name of each function (`constructor` for the constructor). */
  readonly memberNames: Map<Func, string>;
}

/** The whole plan. */
export interface HostPlan {
  readonly resolve: Resolve;
  readonly worldId: number;
  readonly world: World;
  readonly registry: NameRegistry;
  /** Namespace name of every module (interface or world) that owns types, keyed `i<id>` / `w<id>`. */
  readonly namespaces: Map<string, string>;
  readonly imports: readonly HostGroup[];
  readonly exports: readonly HostGroup[];
  /** Top-level names. */
  readonly importsType: string;
  readonly exportsType: string;
  /** Resource id → 'import' (host implements) or 'export' (guest implements). */
  readonly resourceSides: Map<number, 'import' | 'export'>;
}

/** The registry key of a module owner. */
export function ownerKey(owner: ModuleOwner): string {
  return 'interface' in owner ? `i${owner.interface}` : `w${owner.world}`;
}

function unversioned(resolve: Resolve, id: number): string {
  const iface = resolve.interfaces[id]!;
  if (iface.package === undefined) return iface.name ?? '';
  const pkg = resolve.packages[iface.package]!.name;
  return `${packageNameToString({ ...pkg, version: undefined })}/${iface.name ?? ''}`;
}

/** Builds the plan of world `worldId`. */
export function planHost(resolve: Resolve, worldId: number): HostPlan {
  const world = resolve.worlds[worldId]!;
  const inline = new Map<number, string>();
  for (const items of [world.imports, world.exports])
    for (const e of items.values())
      if (e.item.tag === 'interface' && 'name' in e.key) inline.set(e.item.id, e.key.name);
  const specifierOf = (owner: ModuleOwner): string =>
    'interface' in owner ? (inline.get(owner.interface) ?? interfaceIdString(resolve, owner.interface)) : world.name;
  const registry = new NameRegistry(resolve, specifierOf);

  const top = new Scope(['instantiate', 'rt', 'Result', 'Option']);
  const base = pascalCase(world.name);
  const importsType = top.claim(`${base}Imports`);
  const exportsType = top.claim(`${base}Exports`);

  // Namespaces: every interface of the world (and those their types come from), then the world itself.
  const namespaces = new Map<string, string>();
  const claimNs = (owner: ModuleOwner) => {
    const key = ownerKey(owner);
    if (namespaces.has(key)) return;
    let name: string;
    if ('world' in owner) name = base;
    else {
      const iface = resolve.interfaces[owner.interface]!;
      const inl = inline.get(owner.interface);
      const pkg = iface.package === undefined ? undefined : resolve.packages[iface.package]!.name.name;
      name = inl !== undefined ? pascalCase(inl) : pascalCase(`${pkg ?? ''}-${iface.name ?? 'iface'}`);
    }
    namespaces.set(key, top.claim(escapeReserved(name, RESERVED_GLOBALS)));
  };
  const visitType = (id: number, seen: Set<number>) => {
    if (seen.has(id)) return;
    seen.add(id);
    const def = resolve.types[id];
    if (!def) return;
    if (def.owner) claimNs('interface' in def.owner ? { interface: def.owner.interface } : { world: def.owner.world });
    const k = def.kind;
    const subs: (number | string | null)[] = [];
    switch (k.tag) {
      case 'type':
      case 'option':
      case 'list':
      case 'fixed-length-list':
        subs.push(k.type);
        break;
      case 'handle':
        subs.push(k.type);
        break;
      case 'record':
        for (const f of k.fields) subs.push(f.type);
        break;
      case 'tuple':
        subs.push(...k.types);
        break;
      case 'variant':
        for (const c of k.cases) subs.push(c.type);
        break;
      case 'result':
        subs.push(k.ok, k.err);
        break;
      case 'map':
        subs.push(k.key, k.value);
        break;
      case 'future':
      case 'stream':
        subs.push(k.type);
        break;
      default:
        break;
    }
    for (const s of subs) if (typeof s === 'number') visitType(s, seen);
  };
  const seen = new Set<number>();
  const visitOwner = (owner: ModuleOwner) => {
    claimNs(owner);
    for (const id of ownedTypeIds(resolve, owner)) visitType(id, seen);
  };
  const visitFunc = (f: Func) => {
    for (const p of f.params) if (typeof p.type === 'number') visitType(p.type, seen);
    if (typeof f.result === 'number') visitType(f.result, seen);
  };
  for (const items of [world.imports, world.exports])
    for (const e of items.values()) {
      if (e.item.tag === 'interface') {
        visitOwner({ interface: e.item.id });
        for (const f of resolve.interfaces[e.item.id]!.functions.values()) visitFunc(f);
      } else if (e.item.tag === 'function') visitFunc(e.item.func);
    }
  if (ownedTypeIds(resolve, { world: worldId }).length > 0) visitOwner({ world: worldId });

  const resourceSides = new Map<number, 'import' | 'export'>();
  const imports = groups(resolve, world, 'import', unversioned, resourceSides);
  const exports = groups(resolve, world, 'export', unversioned, resourceSides);
  return { resolve, worldId, world, registry, namespaces, imports, exports, importsType, exportsType, resourceSides };
}

function groups(
  resolve: Resolve,
  world: World,
  direction: 'import' | 'export',
  unversionedName: (resolve: Resolve, id: number) => string,
  sides: Map<number, 'import' | 'export'>,
): HostGroup[] {
  const items = direction === 'import' ? world.imports : world.exports;
  const out: HostGroup[] = [];
  const jsKeys = new Scope();
  const rootFuncs: Func[] = [];
  const rootResources: number[] = [];
  for (const e of items.values()) {
    if (e.item.tag === 'function') rootFuncs.push(e.item.func);
    else if (e.item.tag === 'type') {
      const def = resolve.types[e.item.id];
      if (def && def.kind.tag === 'resource') rootResources.push(e.item.id);
    } else {
      const id = e.item.id;
      const iface = resolve.interfaces[id]!;
      const isInline = 'name' in e.key;
      const coreName = isInline ? (e.key as { name: string }).name : interfaceIdString(resolve, id);
      const jsKey =
        direction === 'import'
          ? isInline
            ? coreName
            : unversionedName(resolve, id)
          : jsKeys.claim(camelCase(isInline ? coreName : (iface.name ?? 'iface')));
      const ownedResources = [...iface.types.values()].filter(
        (t) => resolve.types[t]?.kind.tag === 'resource' && dealiasId(resolve, t) === t,
      );
      out.push(group(resolve, direction, id, jsKey, coreName, [...iface.functions.values()], ownedResources, sides));
    }
  }
  if (rootFuncs.length > 0 || rootResources.length > 0) {
    const allFuncs = [...rootFuncs];
    out.push(group(resolve, direction, undefined, '$root', '$root', allFuncs, rootResources, sides, jsKeys));
  }
  return out;
}

function group(
  resolve: Resolve,
  direction: 'import' | 'export',
  id: number | undefined,
  jsKey: string,
  coreName: string,
  funcs: Func[],
  resourceIds: number[],
  sides: Map<number, 'import' | 'export'>,
  rootScope?: Scope,
): HostGroup {
  const { free, members } = splitFunctions(funcs);
  const classScope = new Scope();
  const resources: HostResource[] = resourceIds.map((rid) => {
    if (!sides.has(rid)) sides.set(rid, direction);
    const def = resolve.types[rid]!;
    const ms = members.get(rid) ?? [];
    const memberScope = new Scope();
    const memberNames = new Map<Func, string>();
    for (const f of ms) {
      if (f.kind.tag === 'constructor') memberNames.set(f, 'constructor');
      else {
        const isStatic = f.kind.tag === 'static' || f.kind.tag === 'async-static';
        memberNames.set(f, memberScope.claim(memberName(memberWitName(f), isStatic)));
      }
    }
    return {
      id: rid,
      witName: def.name ?? 'resource',
      className: classScope.claim(typeName(def.name ?? 'resource')),
      members: ms,
      memberNames,
    };
  });
  const reserved = resources.map((r) => r.className);
  // World-level exported functions share the exports object with the interface keys.
  const freeNames = nameFunctions(free, rootScope ? [...reserved, ...takenOf(rootScope, free)] : reserved);
  return { direction, interface: id, jsKey, coreName, free, freeNames, resources };
}

function takenOf(scope: Scope, free: readonly Func[]): string[] {
  // Names already used as interface keys must not be reused by world-level functions.
  return free.map((f) => camelCase(f.name)).filter((n) => scope.has(n));
}

/** The world key's name, for messages. */
export function keyLabel(resolve: Resolve, key: WorldKey): string {
  return 'name' in key ? key.name : interfaceIdString(resolve, key.interface);
}
