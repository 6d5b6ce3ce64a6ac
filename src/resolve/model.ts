/**
 * The semantic model produced by the resolver: a `Resolve` holds arenas of packages, interfaces, worlds and type
 * definitions. Every cross reference is a numeric id (the index into its arena), exactly as wit-parser numbers them,
 * so `resolveToJson()` reproduces wit-parser's JSON byte for byte.
 *
 * Consumers (bindgen, the language server) read this model; it is plain data, except that the resolver builds types,
 * functions, fields, cases and flags as classes whose `docs` is a getter computed on first read (items.ts): copy
 * those with their constructors, not with object spread. Items keep their source `span` (the span of their name) so
 * tools can map back to the WIT text. Spans are never part of the JSON.
 */
import type { Span } from '../text/source.js';
import type { PrimitiveName } from '../syntax/ast.js';

/** A semantic version (`1.2.3-pre+build`); `pre` and `build` are '' when absent. */
export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: string;
  readonly build: string;
}

/** `ns:name[@version]` */
export interface PackageName {
  readonly namespace: string;
  readonly name: string;
  readonly version: SemVer | undefined;
}

/** The primitive value types (the AST's primitive names); they are written by name wherever a `Type` is expected. */
export type PrimitiveType = PrimitiveName;

/** A value type: a primitive, or the id of a `TypeDef` in `Resolve.types`. */
export type Type = PrimitiveType | number;

/**
 * Feature-gate information of an item. `undefined` everywhere means "unknown" (no `@since` / `@unstable`).
 * Versions are kept as parsed `SemVer`s.
 */
export type Stability =
  | { readonly kind: 'stable'; readonly since: SemVer; readonly deprecated?: SemVer | undefined }
  | { readonly kind: 'unstable'; readonly feature: string; readonly deprecated?: SemVer | undefined };

/** Who owns a type: an interface, a world, or nobody (anonymous types). */
export type TypeOwner = { readonly interface: number } | { readonly world: number } | null;

export interface Field {
  name: string;
  type: Type;
  docs?: string | undefined;
  span?: Span | undefined;
}
export interface Flag {
  name: string;
  docs?: string | undefined;
}
export interface Case {
  name: string;
  type: Type | null;
  docs?: string | undefined;
  span?: Span | undefined;
}
export interface EnumCase {
  name: string;
  docs?: string | undefined;
}

/** What a type definition is. `tag` values match wit-parser's JSON keys. */
export type TypeDefKind =
  | { tag: 'type'; type: Type }
  | { tag: 'record'; fields: Field[] }
  | { tag: 'resource' }
  | { tag: 'handle'; handle: 'own' | 'borrow'; type: number }
  | { tag: 'flags'; flags: Flag[] }
  | { tag: 'tuple'; types: Type[] }
  | { tag: 'variant'; cases: Case[] }
  | { tag: 'enum'; cases: EnumCase[] }
  | { tag: 'option'; type: Type }
  | { tag: 'result'; ok: Type | null; err: Type | null }
  | { tag: 'list'; type: Type }
  | { tag: 'fixed-length-list'; type: Type; size: number }
  | { tag: 'map'; key: Type; value: Type }
  | { tag: 'future'; type: Type | null }
  | { tag: 'stream'; type: Type | null }
  /** A placeholder for a type of another package, only during resolution. */
  | { tag: 'unknown' };

export interface TypeDef {
  /** `null` for anonymous types (`list<u8>`, handles, …). */
  name: string | null;
  kind: TypeDefKind;
  owner: TypeOwner;
  docs?: string | undefined;
  stability?: Stability | undefined;
  externalId?: string | undefined;
  span?: Span | undefined;
}

export type FunctionKind =
  | { tag: 'freestanding' | 'async-freestanding' }
  | { tag: 'method' | 'async-method' | 'static' | 'async-static' | 'constructor'; resource: number };

export interface Param {
  name: string;
  type: Type;
}

export interface Func {
  /** Mangled for resource members: `[constructor]r`, `[method]r.m`, `[static]r.s`. */
  name: string;
  kind: FunctionKind;
  params: Param[];
  result?: Type | undefined;
  docs?: string | undefined;
  stability?: Stability | undefined;
  externalId?: string | undefined;
  span?: Span | undefined;
}

export interface Interface {
  /** `null` for an inline `import x: interface { … }`. */
  name: string | null;
  /** Name → type id, in wit-parser order (`use`d names first, then typedefs in dependency order). */
  types: Map<string, number>;
  /** Name (mangled for resource members) → function, in source order. */
  functions: Map<string, Func>;
  docs?: string | undefined;
  stability?: Stability | undefined;
  package: number | undefined;
  /** The interface this one was copied from by an `include`. */
  cloneOf?: number | undefined;
  span?: Span | undefined;
}

/** A key of a world's imports or exports: a plain name, or an interface imported/exported by path. */
export type WorldKey = { readonly name: string } | { readonly interface: number };

export type WorldItem =
  | {
      tag: 'interface';
      id: number;
      stability?: Stability | undefined;
      externalId?: string | undefined;
      docs?: string | undefined;
      span?: Span | undefined;
    }
  | { tag: 'function'; func: Func; span?: Span | undefined }
  | { tag: 'type'; id: number; span?: Span | undefined };

/** One import or export of a world. */
export interface WorldEntry {
  key: WorldKey;
  item: WorldItem;
}

/** A map from `worldKeyString(key)` to the entry, in order. */
export type WorldItems = Map<string, WorldEntry>;

/** An `include` of a world, before it is flattened (resolution-time only). */
export interface WorldInclude {
  stability?: Stability | undefined;
  world: number;
  names: { name: string; as: string }[];
  span?: Span | undefined;
}

export interface World {
  name: string;
  imports: WorldItems;
  exports: WorldItems;
  package: number | undefined;
  docs?: string | undefined;
  stability?: Stability | undefined;
  /** Only populated during resolution; always empty in a finished `Resolve`. */
  includes: WorldInclude[];
  span?: Span | undefined;
}

export interface Package {
  name: PackageName;
  docs?: string | undefined;
  /** Named interfaces (inline ones are not listed), in id order. */
  interfaces: Map<string, number>;
  worlds: Map<string, number>;
  span?: Span | undefined;
}

/** The whole resolved set of packages. Ids index into these arrays. */
export interface Resolve {
  packages: Package[];
  interfaces: Interface[];
  worlds: World[];
  types: TypeDef[];
  /** Enabled `@unstable` features. */
  features: Set<string>;
  allFeatures: boolean;
}

export function emptyResolve(features: Iterable<string> = [], allFeatures = false): Resolve {
  return { packages: [], interfaces: [], worlds: [], types: [], features: new Set(features), allFeatures };
}

/** The string under which a world key is stored in `WorldItems`. `#` cannot occur in a WIT name. */
export function worldKeyString(key: WorldKey): string {
  return 'name' in key ? key.name : `#${key.interface}`;
}

export function semverToString(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.build ? `+${v.build}` : ''}`;
}

export function packageNameToString(n: PackageName): string {
  return `${n.namespace}:${n.name}${n.version ? `@${semverToString(n.version)}` : ''}`;
}

/** Finds a loaded package for a reference: exact name, or the only version when the reference has none. */
export function findPackageKey(names: readonly PackageName[], ref: PackageName): string | undefined {
  const key = packageNameToString(ref);
  if (names.some((n) => packageNameToString(n) === key)) return key;
  if (ref.version) return undefined;
  const same = names.filter((n) => n.namespace === ref.namespace && n.name === ref.name);
  return same.length === 1 ? packageNameToString(same[0]!) : undefined;
}

/** Semver precedence (build metadata breaks ties, as Rust's `semver::Version` ordering does). */
export function compareSemVer(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  if (a.pre !== b.pre) {
    if (a.pre === '') return 1;
    if (b.pre === '') return -1;
    const c = compareIdentifiers(a.pre, b.pre);
    if (c !== 0) return c;
  }
  return compareIdentifiers(a.build, b.build);
}

function compareIdentifiers(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  const xs = a.split('.');
  const ys = b.split('.');
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) {
      if (x.length !== y.length) return x.length - y.length;
      if (x !== y) return x < y ? -1 : 1;
    } else if (xn) return -1;
    else if (yn) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return xs.length - ys.length;
}

/** Orders package names like wit-parser: namespace, name, then version (none first). */
export function comparePackageNames(a: PackageName, b: PackageName): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (!a.version || !b.version) return (a.version ? 1 : 0) - (b.version ? 1 : 0);
  return compareSemVer(a.version, b.version);
}

export function stabilityEquals(a: Stability | undefined, b: Stability | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  const dep = (x: SemVer | undefined, y: SemVer | undefined) => (!x || !y ? x === y : compareSemVer(x, y) === 0);
  if (a.kind === 'stable' && b.kind === 'stable') return compareSemVer(a.since, b.since) === 0 && dep(a.deprecated, b.deprecated);
  if (a.kind === 'unstable' && b.kind === 'unstable') return a.feature === b.feature && dep(a.deprecated, b.deprecated);
  return false;
}

/** The id of an interface as components name it: `ns:pkg/name@version`, or just the name. */
export function interfaceIdString(resolve: Resolve, id: number): string {
  const iface = resolve.interfaces[id]!;
  const name = iface.name ?? '';
  if (iface.package === undefined) return name;
  const pkg = resolve.packages[iface.package]!.name;
  return `${pkg.namespace}:${pkg.name}/${name}${pkg.version ? `@${semverToString(pkg.version)}` : ''}`;
}

/** The resource a method/static/constructor belongs to, if any. */
export function functionResource(kind: FunctionKind): number | undefined {
  return 'resource' in kind ? kind.resource : undefined;
}

/** The name a world key has in a component: the plain name, or `ns:pkg/iface@ver` for an interface key. */
export function worldKeyName(resolve: Resolve, key: WorldKey): string {
  return 'name' in key ? key.name : interfaceIdString(resolve, key.interface);
}
