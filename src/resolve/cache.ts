/**
 * Incremental loading: a `LoadCache` kept by a caller across loads (the language server keeps one per workspace) and
 * passed as `LoadOptions.cache`. It remembers, from one load to the next:
 *
 *   1. **parses** per file path, reused while the file's text is the same string — an edit re-parses only the edited
 *      file;
 *   2. **phase-A results** per package (its files' parses, in order): a package whose files all kept their parse is
 *      not resolved again (its diagnostics are replayed);
 *   3. **the linked prefix**: packages are appended to the `Resolve` in a fixed order (by name, each after its
 *      dependencies). The leading run of packages that are the very same phase-A results as in the last successful
 *      load, in the same order, is taken over from that load's `Resolve` (its arenas are append-only, so a prefix of
 *      each arena is exactly the state after those packages); only the packages from the first changed one on are
 *      linked again — the edited package and what comes after it, which includes every package depending on it.
 *
 * The result is identical to a fresh load (ids, JSON, diagnostics). Items of the reused prefix are shared between
 * the old and the new `Resolve`, so callers must treat a `Resolve` as read-only (as all of witc does).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parse, type ParseResult } from '../syntax/index.js';
import type { Resolve } from './model.js';
import type { UnresolvedPackage } from './unresolved.js';

/** The packages of one parsed unit (a package directory, a `.wit` file): the main package and nested blocks. */
export interface Group {
  /** The main package; undefined when it failed (or has no header, for a file with nested packages only). */
  main: UnresolvedPackage | undefined;
  nested: UnresolvedPackage[];
  /** Whether the group was loaded from the root path (its packages are reported in `main`). */
  readonly isRoot: boolean;
  /** Resolves the group's packages again from the same parses (set when it is cached). */
  redo?: () => void;
}

/** A phase-A result remembered for a set of files. */
export interface CachedGroup {
  /** The parses it was computed from (compared by identity). */
  readonly parses: readonly ParseResult[];
  readonly group: Group;
  /** Diagnostics reported while computing it (replayed on reuse). */
  readonly diagnostics: readonly Diagnostic[];
  /** Whether some package of it failed (linking is skipped then). */
  readonly failed: boolean;
}

/** The last successful link: its order of packages and the arena sizes after each one. */
export interface LinkedState {
  /** `features` and `allFeatures` of that load (a prefix is reused only under the same ones). */
  readonly featureKey: string;
  readonly resolve: Resolve;
  /** The phase-A result appended at each position, whether it was a root package, and the package id it got. */
  readonly entries: readonly { readonly pkg: UnresolvedPackage; readonly root: boolean; readonly id: number }[];
  /** Arena lengths after each entry: packages, interfaces, worlds, types. */
  readonly marks: readonly (readonly [number, number, number, number])[];
}

/** Counters, for tests and diagnostics of the cache itself. */
export interface LoadCacheStats {
  /** Files parsed (cache misses). */
  parses: number;
  /** Packages resolved in phase A (cache misses). */
  packagesResolved: number;
  /** Packages linked into a `Resolve` (not taken over from the previous load). */
  packagesLinked: number;
}

/** A cache of parses, phase-A results and the last linked `Resolve`, shared by successive loads. */
export class LoadCache {
  private readonly parsesByPath: Map<string, { text: string; result: ParseResult }>;
  /** Phase-A results by unit key (its sorted file paths and context). */
  readonly groups: Map<string, CachedGroup>;
  /** Phase-A results already appended to some `Resolve` (their objects moved into it: they cannot be appended again). */
  readonly consumed: WeakSet<UnresolvedPackage>;
  /** The last successful link through this cache. */
  linked: LinkedState | undefined;
  readonly stats: LoadCacheStats;
  private readonly parser: (text: string, path: string) => ParseResult;

  /**
   * @param parser the parse function (defaults to the syntax stage's `parse`); tests inject a counting one.
   * @param shared a cache whose parses, phase-A results and counters this one shares (see `derive`).
   */
  constructor(parser: (text: string, path: string) => ParseResult = parse, shared?: LoadCache) {
    this.parser = shared?.parser ?? parser;
    this.parsesByPath = shared?.parsesByPath ?? new Map();
    this.groups = shared?.groups ?? new Map();
    this.consumed = shared?.consumed ?? new WeakSet();
    this.stats = shared?.stats ?? { parses: 0, packagesResolved: 0, packagesLinked: 0 };
  }

  /**
   * A cache sharing this one's parses and phase-A results but with its own linked state: one per root that a
   * caller loads in turn (e.g. each package group of a workspace), so that their loads do not displace each other.
   */
  derive(): LoadCache {
    return new LoadCache(this.parser, this);
  }

  /** The parse of `text` as the file `path`: the cached one while the text is unchanged. */
  parse(path: string, text: string): ParseResult {
    const hit = this.parsesByPath.get(path);
    if (hit !== undefined && hit.text === text) return hit.result;
    this.stats.parses++;
    const result = this.parser(text, path);
    this.parsesByPath.set(path, { text, result });
    return result;
  }

  /** Forgets a file's parse (e.g. when it was deleted). */
  forget(path: string): void {
    this.parsesByPath.delete(path);
  }

  /** Forgets everything (of every derived cache too, except their linked state, which stays valid). */
  clear(): void {
    this.parsesByPath.clear();
    this.groups.clear();
    this.linked = undefined;
  }
}

/** The key under which `LinkedState` records options that change linking. */
export function featureKey(features: readonly string[] | undefined, allFeatures: boolean | undefined): string {
  return `${allFeatures ? '*' : ''}${[...(features ?? [])].sort().join(',')}`;
}

/** Whether two lists of parses are the same objects in the same order. */
export function sameParses(a: readonly ParseResult[], b: readonly ParseResult[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A `Resolve` holding the first `mark` items of each arena of `from` (the items themselves are shared). */
export function resolvePrefix(from: Resolve, mark: readonly [number, number, number, number], features: Set<string>, allFeatures: boolean): Resolve {
  return {
    packages: from.packages.slice(0, mark[0]),
    interfaces: from.interfaces.slice(0, mark[1]),
    worlds: from.worlds.slice(0, mark[2]),
    types: from.types.slice(0, mark[3]),
    features,
    allFeatures,
  };
}
