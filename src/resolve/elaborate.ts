/**
 * World elaboration (wit-parser's `elaborate_world`): every interface a world imports or exports pulls in the
 * interfaces it depends on (through `use`), exported interfaces export their exported dependencies and import the
 * others, and imports are grouped by class (interfaces, `use`d types, other types, functions, resource functions).
 */
import { Codes } from '../diagnostics/codes.js';
import { fail } from './errors.js';
import type { Resolve, Stability, WorldEntry, WorldItem, WorldItems, WorldKey } from './model.js';
import { interfaceIdString, worldKeyString } from './model.js';

/** The interface whose type `id` aliases, when that type belongs to another owner. */
export function typeInterfaceDep(resolve: Resolve, id: number): number | undefined {
  const ty = resolve.types[id]!;
  if (ty.kind.tag !== 'type' || typeof ty.kind.type !== 'number') return undefined;
  const other = resolve.types[ty.kind.type]!;
  if (sameOwner(ty.owner, other.owner)) return undefined;
  return other.owner && 'interface' in other.owner ? other.owner.interface : undefined;
}

function sameOwner(a: Resolve['types'][number]['owner'], b: Resolve['types'][number]['owner']): boolean {
  if (a === null || b === null) return a === b;
  if ('interface' in a) return 'interface' in b && a.interface === b.interface;
  return 'world' in b && a.world === b.world;
}

/** Interfaces whose types the interface `id` uses, in the order of its `types` entries (with repeats). */
export function interfaceDirectDeps(resolve: Resolve, id: number): number[] {
  const out: number[] = [];
  for (const t of resolve.interfaces[id]!.types.values()) {
    const dep = typeInterfaceDep(resolve, t);
    if (dep !== undefined) out.push(dep);
  }
  return out;
}

function sortKey(resolve: Resolve, item: WorldItem): number {
  if (item.tag === 'interface') return 0;
  if (item.tag === 'type') {
    const ty = resolve.types[item.id]!;
    if (ty.kind.tag === 'type' && typeof ty.kind.type === 'number' && !sameOwner(resolve.types[ty.kind.type]!.owner, ty.owner)) return 1;
    return 2;
  }
  return 'resource' in item.func.kind ? 4 : 3;
}

function sortedEntries(resolve: Resolve, items: Iterable<WorldEntry>): WorldEntry[] {
  return [...items].map((e, i) => ({ e, i, k: sortKey(resolve, e.item) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.e);
}

function interfaceItem(id: number, stability: Stability | undefined): WorldItem {
  return { tag: 'interface', id, stability };
}

function elaborateImport(resolve: Resolve, imports: WorldItems, key: WorldKey, item: WorldItem & { tag: 'interface' }): void {
  const k = worldKeyString(key);
  if (imports.has(k)) return;
  for (const dep of interfaceDirectDeps(resolve, item.id)) {
    elaborateImport(resolve, imports, { interface: dep }, interfaceItem(dep, item.stability) as WorldItem & { tag: 'interface' });
  }
  imports.set(k, { key, item });
}

export function elaborateWorld(resolve: Resolve, worldId: number): void {
  const world = resolve.worlds[worldId]!;
  const imports: WorldItems = new Map();
  for (const e of sortedEntries(resolve, world.imports.values())) {
    const { key, item } = e;
    if (item.tag === 'interface') elaborateImport(resolve, imports, key, item);
    else if (item.tag === 'function') imports.set(worldKeyString(key), e);
    else {
      const dep = typeInterfaceDep(resolve, item.id);
      if (dep !== undefined) {
        const s = resolve.types[item.id]!.stability;
        elaborateImport(resolve, imports, { interface: dep }, interfaceItem(dep, s) as WorldItem & { tag: 'interface' });
      }
      imports.set(worldKeyString(key), e);
    }
  }

  const exports: WorldItems = new Map();
  const exportIfaces = new Map<number, WorldEntry>();
  for (const e of world.exports.values()) {
    if (e.item.tag === 'interface') exportIfaces.set(e.item.id, e);
    else exports.set(worldKeyString(e.key), e);
  }
  const required = new Set<number>();
  // Interfaces pulled in by an export copy its stability and (a wit-parser quirk) its external id.
  const add = (
    id: number,
    key: WorldKey,
    addExport: boolean,
    stability: Stability | undefined,
    externalId: string | undefined,
    original?: WorldEntry,
  ): boolean => {
    const k = worldKeyString(key);
    if (exports.has(k)) return addExport;
    if (!addExport && required.has(id)) return true;
    for (const dep of interfaceDirectDeps(resolve, id)) {
      if (!add(dep, { interface: dep }, addExport && exportIfaces.has(dep), stability, externalId)) return false;
    }
    const item: WorldItem = original?.item ?? { tag: 'interface', id, stability, externalId };
    if (addExport) {
      if (required.has(id)) return false;
      exports.set(k, { key, item });
    } else {
      required.add(id);
      imports.set(k, { key, item });
    }
    return true;
  };
  for (const [id, e] of exportIfaces) {
    const item = e.item as WorldItem & { tag: 'interface' };
    if (!add(id, e.key, true, item.stability, item.externalId, e)) {
      const name = 'name' in e.key ? e.key.name : interfaceIdString(resolve, e.key.interface);
      fail(Codes.IncompatibleExport, `interface \`${name}\` transitively depends on an interface in incompatible ways`, world.span);
    }
  }
  world.imports = new Map(sortedEntries(resolve, imports.values()).map((e) => [worldKeyString(e.key), e]));
  world.exports = exports;
}

/** Plain import (and export) names of a world must be unique ignoring ASCII case. */
export function checkCaseInsensitive(resolve: Resolve, worldId: number): void {
  const world = resolve.worlds[worldId]!;
  for (const [desc, items] of [
    ['import', world.imports],
    ['export', world.exports],
  ] as const) {
    const seen = new Map<string, string>();
    for (const { key } of items.values()) {
      if (!('name' in key)) continue;
      const lower = key.name.toLowerCase();
      const prev = seen.get(lower);
      if (prev !== undefined) {
        fail(
          Codes.CaseInsensitiveConflict,
          `${desc} \`${key.name}\` in world \`${world.name}\` conflicts with ${desc} \`${prev}\` (kebab-case identifiers are case-insensitive)`,
        );
      }
      seen.set(lower, key.name);
    }
  }
}
