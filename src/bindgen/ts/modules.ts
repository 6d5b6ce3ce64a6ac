/**
 * Per-module naming: every interface and world of a generated world becomes one TypeScript module (an ambient
 * `declare module 'spec'` for guests, an ES module for hosts). This assigns, once and deterministically, the TS names
 * of everything a module declares, so every reference from any other module uses the same name.
 *
 * Order of claims in a module's type scope (rule 2 of names.ts applies in this order): the module's own types in
 * WIT order, then variant-case interfaces (`ShapeCircle`; escaped like type names when they spell a global, e.g.
 * `variant uint8 { array }` → `Uint8Array_`), then helper aliases (`Result`, `Option`) on first use.
 * User names therefore never change because of generated helpers.
 */
import type { Resolve, TypeDef, Func } from '../../resolve/model.js';
import { functionResource, interfaceIdString } from '../../resolve/model.js';
import { Scope, pascalCase, typeName, camelCase, escapeReserved, RESERVED_GLOBALS, RESERVED_WORDS } from './names.js';
import type { Helper } from './types.js';

/** The owner of a module: an interface id or a world id. */
export type ModuleOwner = { readonly interface: number } | { readonly world: number };

export class ModuleNames {
  /** Type id → local TS type name. */
  readonly types = new Map<number, string>();
  /** `typeId/caseIndex` → name of the variant case interface. */
  readonly cases = new Map<string, string>();
  readonly helpers = new Map<Helper, string>();
  private readonly typeScope = new Scope();

  constructor(
    readonly resolve: Resolve,
    /** The module specifier (`ns:pkg/iface@1.0.0`, or the world key of an inline interface). */
    readonly specifier: string,
    typeIds: readonly number[],
  ) {
    for (const id of typeIds) this.types.set(id, this.typeScope.claim(typeName(this.resolve.types[id]!.name ?? 't')));
    for (const id of typeIds) {
      const def = this.resolve.types[id]!;
      if (def.kind.tag !== 'variant') continue;
      const base = pascalCase(def.name ?? 't');
      def.kind.cases.forEach((c, i) =>
        this.cases.set(`${id}/${i}`, this.typeScope.claim(escapeReserved(base + pascalCase(c.name), RESERVED_GLOBALS))),
      );
    }
  }

  /** The local name of a helper alias, claimed on first use. */
  helper(name: Helper): string {
    let local = this.helpers.get(name);
    if (local === undefined) {
      local = this.typeScope.claim(name);
      this.helpers.set(name, local);
    }
    return local;
  }
}

/** The names a function gets: its public (export or member) name and the local binding to declare. */
export interface FunctionName {
  /** The name users see: the export name or the class member name. */
  readonly public: string;
  /** The declared binding (differs from `public` only for reserved words: `delete_` exported as `delete`). */
  readonly binding: string;
}

/** Names the freestanding functions of a module, in order: camelCase, `$n` on clashes, `_` binding for keywords. */
export function nameFunctions(funcs: readonly Func[], reserved: Iterable<string> = []): Map<Func, FunctionName> {
  const scope = new Scope(reserved);
  const out = new Map<Func, FunctionName>();
  for (const f of funcs) {
    const pub = scope.claim(camelCase(f.name));
    out.set(f, { public: pub, binding: RESERVED_WORDS.has(pub) ? `${pub}_` : pub });
  }
  return out;
}

/** The WIT member name of a resource function: `[method]blob.read` → `read`; constructors → `constructor`. */
export function memberWitName(func: Func): string {
  if (func.kind.tag === 'constructor') return 'constructor';
  const bare = func.name.replace(/^\[[^\]]*\]/, '');
  const dot = bare.indexOf('.');
  return dot >= 0 ? bare.slice(dot + 1) : bare;
}

/** Splits an interface's functions into freestanding ones and the members of each resource. */
export function splitFunctions(funcs: Iterable<Func>): { free: Func[]; members: Map<number, Func[]> } {
  const free: Func[] = [];
  const members = new Map<number, Func[]>();
  for (const f of funcs) {
    const r = functionResource(f.kind);
    if (r === undefined) free.push(f);
    else {
      const list = members.get(r) ?? [];
      list.push(f);
      members.set(r, list);
    }
  }
  return { free, members };
}

/** The type ids a module declares: an interface's `types`, or a world's types (imports of kind `type`). */
export function ownedTypeIds(resolve: Resolve, owner: ModuleOwner): number[] {
  if ('interface' in owner) return [...resolve.interfaces[owner.interface]!.types.values()];
  const world = resolve.worlds[owner.world]!;
  const ids: number[] = [];
  for (const e of world.imports.values()) if (e.item.tag === 'type') ids.push(e.item.id);
  return ids;
}

/** True when `def` is declared by `owner`. */
export function ownedBy(def: TypeDef, owner: ModuleOwner): boolean {
  if (!def.owner) return false;
  return 'interface' in owner
    ? 'interface' in def.owner && def.owner.interface === owner.interface
    : 'world' in def.owner && def.owner.world === owner.world;
}

/** The module specifier of a named interface (`ns:pkg/name@ver`). */
export function interfaceSpecifier(resolve: Resolve, id: number): string {
  return interfaceIdString(resolve, id);
}

/**
 * A registry of module name tables for one generation run, keyed by owner. `specifierOf` decides how a module is
 * named (inline interfaces are named by their world key).
 */
export class NameRegistry {
  private readonly modules = new Map<string, ModuleNames>();

  constructor(
    readonly resolve: Resolve,
    private readonly specifierOf: (owner: ModuleOwner) => string,
  ) {}

  get(owner: ModuleOwner): ModuleNames {
    const key = 'interface' in owner ? `i${owner.interface}` : `w${owner.world}`;
    let m = this.modules.get(key);
    if (!m) {
      m = new ModuleNames(this.resolve, this.specifierOf(owner), ownedTypeIds(this.resolve, owner));
      this.modules.set(key, m);
    }
    return m;
  }

  /** The owner module of a named type, if it has one. */
  ownerOf(def: TypeDef): ModuleOwner | undefined {
    if (!def.owner) return undefined;
    return 'interface' in def.owner ? { interface: def.owner.interface } : { world: def.owner.world };
  }
}
