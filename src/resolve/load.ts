/**
 * Loading like wit-parser's `Resolve::push_path`: a file (one package plus its nested blocks) or a directory (its
 * `*.wit` files form the root package; `deps/` holds one package per sub-directory or `.wit` file). All packages are
 * sorted by name, then appended depth-first after their dependencies. Extra dependency folders (`--deps`) are
 * read like `deps/`; extra package directories (built-in WASI) are parsed lazily, only when referenced.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { Codes } from '../diagnostics/codes.js';
import { parse } from '../syntax/index.js';
import type * as ast from '../syntax/ast.js';
import type { FileHost } from './host.js';
import { ResolveError, ResolveErrors } from './errors.js';
import type { PackageName, Resolve } from './model.js';
import { comparePackageNames, compareSemVer, emptyResolve, findPackageKey, packageNameToString } from './model.js';
import { PackageResolver, type UnresolvedPackage } from './unresolved.js';
import { Remap } from './link.js';
import { decodeWitPackage, type DecodedPackage } from './binary.js';
import type { ParseResult } from '../syntax/index.js';
import { featureKey, resolvePrefix, sameParses, type Group, type LoadCache } from './cache.js';

export interface LoadOptions {
  /** Extra dependency folders, read like `deps/` (after it). */
  readonly deps?: readonly string[];
  /** Enabled `@unstable` features. */
  readonly features?: readonly string[];
  readonly allFeatures?: boolean;
  /**
   * Extra packages available to resolve foreign references (e.g. built-in WASI), each a directory holding one
   * package. They are parsed only when a loaded package refers to them and no loaded package has that name; an
   * unversioned reference picks the highest version available. As a function, the list is asked for (once per
   * load) only when a reference is not satisfied by the loaded packages, so that finding the directories costs
   * nothing otherwise.
   */
  readonly packageDirs?: readonly string[] | (() => readonly string[]);
  /**
   * How to describe `packageDirs` in "package not found" notes (e.g. where they were found); as a function, asked
   * for only when such a note is made.
   */
  readonly packageDirsLabel?: string | (() => string);
  /**
   * Incremental loading: a cache kept by the caller across loads (`new LoadCache()`). Files whose text is unchanged
   * are not parsed again, packages whose files all kept their parse are not resolved again, and the packages linked
   * before the first changed one are taken over from the previous load. The result is the same as without it.
   */
  readonly cache?: LoadCache;
}

export interface LoadResult {
  /** The model; undefined when errors prevented building it. */
  readonly resolve: Resolve | undefined;
  /** Package ids of the packages loaded from `path` (the root package and its nested blocks). */
  readonly main: readonly number[];
  /** All diagnostics; the first one is the error wit-parser would report. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Where a package of the package graph came from (to resolve it again when its phase-A result was consumed). */
interface Entry {
  pkg: UnresolvedPackage;
  readonly root: boolean;
  readonly group: Group;
  /** -1 for the group's main package, else the index of the nested package. */
  readonly index: number;
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
const join = (dir: string, name: string) => `${trimSlash(dir)}/${name}`;

class Loader {
  readonly diagnostics: Diagnostic[] = [];
  /** Some package failed to parse or resolve: linking would only report follow-on errors. */
  phaseAFailed = false;
  /** Decoded binary packages, in the order met (they get the first package ids). */
  readonly binaries: DecodedPackage[] = [];
  constructor(
    readonly host: FileHost,
    readonly options: LoadOptions,
  ) {}

  report(d: Diagnostic, context: readonly string[]): void {
    this.diagnostics.push(context.length > 0 ? { ...d, context: [...context, ...(d.context ?? [])] } : d);
  }

  /** A file's text (without a byte order mark), or the diagnostic for failing to read it. */
  private read(path: string): string | Diagnostic {
    try {
      const text = this.host.readFile(path);
      if (text === undefined) return diagnostic({ code: Codes.Io, message: `failed to read file [${path}]` });
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return diagnostic({ code: /utf-8/.test(message) ? Codes.InvalidUtf8 : Codes.Io, message });
    }
  }

  /** Parses and resolves (phase A) the files of one package. Returns undefined main when it failed. */
  parseFiles(paths: readonly string[], context: readonly string[], isRoot: boolean): Group {
    const sorted = [...paths].sort();
    const texts = sorted.map((p) => this.read(p));
    const cache = this.options.cache;
    if (cache === undefined || texts.some((t) => typeof t !== 'string')) return this.phaseA(sorted, texts, undefined, context, isRoot);
    const parses = sorted.map((p, i) => cache.parse(p, texts[i] as string));
    const key = `${isRoot ? 'root' : 'dep'}\u0000${context.join('\u0001')}\u0000${sorted.join('\u0001')}`;
    const hit = cache.groups.get(key);
    if (hit !== undefined && sameParses(hit.parses, parses)) {
      this.diagnostics.push(...hit.diagnostics);
      if (hit.failed) this.phaseAFailed = true;
      return hit.group;
    }
    const before = this.diagnostics.length;
    const failedBefore = this.phaseAFailed;
    this.phaseAFailed = false;
    const group = this.phaseA(sorted, texts, parses, context, isRoot);
    const failed = this.phaseAFailed;
    this.phaseAFailed ||= failedBefore;
    // Resolving the group again (when its packages were consumed by a previous link) reports nothing new.
    group.redo = () => {
      const n = this.diagnostics.length;
      const again = this.phaseA(sorted, texts, parses, context, isRoot);
      this.diagnostics.length = n;
      group.main = again.main;
      group.nested = again.nested;
    };
    cache.groups.set(key, { parses, group, diagnostics: this.diagnostics.slice(before), failed });
    return group;
  }

  /** Phase A over read texts (and their parses, when cached); reports as it goes, in wit-parser's order. */
  private phaseA(
    sorted: readonly string[],
    texts: readonly (string | Diagnostic)[],
    parses: readonly ParseResult[] | undefined,
    context: readonly string[],
    isRoot: boolean,
  ): Group {
    const resolver = new PackageResolver();
    const nested: UnresolvedPackage[] = [];
    const stats = this.options.cache?.stats;
    let ok = true;
    for (let i = 0; i < sorted.length; i++) {
      const path = sorted[i]!;
      const text = texts[i]!;
      if (typeof text !== 'string') {
        this.report(text, context);
        ok = false;
        continue;
      }
      const { file, diagnostics } = parses?.[i] ?? parse(text, path);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      for (const d of diagnostics) this.report(d, context);
      if (errors.length > 0) {
        ok = false;
        continue;
      }
      const items: (ast.Interface | ast.World | ast.TopLevelUse)[] = [];
      for (const item of file.items) {
        if (item.kind !== 'NestedPackage') {
          items.push(item);
          continue;
        }
        try {
          const r = new PackageResolver();
          r.push(item, { items: item.items });
          nested.push(withSpecContext(r.resolve(), context));
          if (stats) stats.packagesResolved++;
        } catch (e) {
          // wit-parser stops here; we go on so that independent errors of the root package are reported too.
          this.catch(e, context);
          this.phaseAFailed = true;
        }
      }
      if (!ok) continue;
      try {
        resolver.push(file.package, { items });
      } catch (e) {
        this.catch(e, context);
        ok = false;
      }
    }
    if (!ok) return { main: undefined, nested, isRoot };
    try {
      const main = withSpecContext(resolver.resolve(), context);
      if (stats) stats.packagesResolved++;
      return { main, nested, isRoot };
    } catch (e) {
      this.catch(e, context);
      return { main: undefined, nested, isRoot };
    }
  }

  /** Decodes a `.wasm` / `.wat` package; like wit-parser, it is merged before every text package. */
  decodeFile(path: string, context: readonly string[]): void {
    let input: Uint8Array | string | undefined;
    try {
      if (path.endsWith('.wat')) input = this.host.readFile(path);
      else input = this.host.readBytes?.(path) ?? textBytes(this.host.readFile(path));
    } catch (e) {
      input = undefined;
      this.report(diagnostic({ code: Codes.Io, message: e instanceof Error ? e.message : String(e) }), context);
      this.phaseAFailed = true;
      return;
    }
    if (input === undefined) {
      this.report(diagnostic({ code: Codes.Io, message: `failed to read file [${path}]` }), context);
      this.phaseAFailed = true;
      return;
    }
    const r = decodeWitPackage(input);
    if ('ok' in r) {
      this.binaries.push(r.ok);
      return;
    }
    this.phaseAFailed = true;
    this.report(
      diagnostic({
        code: Codes.UnsupportedBinaryPackage,
        message: `failed to decode WIT package [${path}]: ${r.error}`,
        notes: ['convert it to WIT text (for example with `wasm-tools component wit`) and use the text instead'],
      }),
      context,
    );
  }

  catch(e: unknown, context: readonly string[]): void {
    if (e instanceof ResolveError) this.report(e.diagnostic, context);
    else if (e instanceof ResolveErrors) for (const d of e.diagnostics) this.report(d, context);
    else throw e;
  }

  parseDir(dir: string, context: readonly string[], isRoot: boolean): Group {
    const entries = this.host.readDir(dir) ?? [];
    const files = entries.filter((n) => n.endsWith('.wit') && this.host.stat(join(dir, n)) === 'file').map((n) => join(dir, n));
    return this.parseFiles(files, [...context, `failed to parse package: ${dir}`], isRoot);
  }

  parseDepsDir(dir: string, context: readonly string[]): Group[] {
    if (this.host.stat(dir) !== 'dir') return [];
    const ctx = [...context, `failed to parse dependency directory: ${dir}`];
    const groups: Group[] = [];
    for (const name of [...(this.host.readDir(dir) ?? [])].sort()) {
      const path = join(dir, name);
      const kind = this.host.stat(path);
      if (kind === 'dir') groups.push(this.parseDir(path, ctx, false));
      else if (kind === 'file' && name.endsWith('.wit')) groups.push(this.parseFiles([path], ctx, false));
      else if (kind === 'file' && (name.endsWith('.wasm') || name.endsWith('.wat'))) this.decodeFile(path, ctx);
    }
    return groups;
  }
}

/** A provider of packages by name, backed by directories of one package each (lazily parsed). */
class PackageDirIndex {
  private index: { name: PackageName; dir: string }[] | undefined;
  private list: readonly string[] | undefined;
  constructor(
    private readonly loader: Loader,
    private readonly option: NonNullable<LoadOptions['packageDirs']>,
  ) {}

  /** The directories (`LoadOptions.packageDirs`, asked for on first use when it is a function). */
  get dirs(): readonly string[] {
    return (this.list ??= typeof this.option === 'function' ? this.option() : this.option);
  }

  private build(): { name: PackageName; dir: string }[] {
    if (this.index) return this.index;
    this.index = [];
    for (const dir of this.dirs) {
      for (const n of [...(this.loader.host.readDir(dir) ?? [])].sort()) {
        if (!n.endsWith('.wit')) continue;
        let text: string | undefined;
        try {
          text = this.loader.host.readFile(join(dir, n));
        } catch {
          text = undefined;
        }
        const m = text && /^\s*(?:(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*package\s+([A-Za-z0-9-]+)\s*:\s*([A-Za-z0-9-]+)(?:@(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?)?\s*;/.exec(text);
        if (!m) continue;
        const version = m[3] !== undefined ? { major: +m[3], minor: +m[4]!, patch: +m[5]!, pre: m[6] ?? '', build: m[7] ?? '' } : undefined;
        this.index.push({ name: { namespace: m[1]!, name: m[2]!, version }, dir });
        break;
      }
    }
    return this.index;
  }

  /** The directory for `name` (an unversioned name picks the highest version). */
  find(name: PackageName): string | undefined {
    const candidates = this.build().filter((e) => e.name.namespace === name.namespace && e.name.name === name.name);
    if (name.version) return candidates.find((c) => c.name.version && compareSemVer(c.name.version, name.version!) === 0)?.dir;
    const best = candidates.sort((a, b) => comparePackageNames(b.name, a.name))[0];
    return best?.dir;
  }

  /** Versions of `ns:name` available here (for messages). */
  versions(name: PackageName): string[] {
    return this.build()
      .filter((e) => e.name.namespace === name.namespace && e.name.name === name.name)
      .map((e) => packageNameToString(e.name));
  }
}

/** The package with `context` (where it was loaded from) on its spec errors, as its other errors have it. */
function withSpecContext(pkg: UnresolvedPackage, context: readonly string[]): UnresolvedPackage {
  if (pkg.specErrors.length === 0 || context.length === 0) return pkg;
  return { ...pkg, specErrors: pkg.specErrors.map((d) => ({ ...d, context: [...context, ...(d.context ?? [])] })) };
}

/** Reports the spec errors of these packages, after every other error (see `UnresolvedPackage.specErrors`). */
function reportSpecErrors(loader: Loader, packages: Iterable<UnresolvedPackage>): void {
  for (const pkg of packages) for (const d of pkg.specErrors) loader.report(d, []);
}

function location(p: UnresolvedPackage): string {
  const s = p.nameSpan;
  return `${s.source.path}:${s.source.position(s.start).line}:${s.source.byteColumn(s.start)}`;
}

export function loadPath(host: FileHost, path: string, options: LoadOptions = {}): LoadResult {
  const loader = new Loader(host, options);
  const kind = host.stat(path);
  if (kind === undefined) {
    return { resolve: undefined, main: [], diagnostics: [diagnostic({ code: Codes.Io, message: `path \`${path}\` does not exist` })] };
  }
  const isDir = kind === 'dir';
  const outer = isDir ? [`failed to resolve directory while parsing WIT for path [${path}]`] : [];
  const groups: Group[] = [];
  if (isDir) {
    groups.push(loader.parseDir(path, outer, true));
    groups.push(...loader.parseDepsDir(join(path, 'deps'), outer));
  } else {
    if (/\.(wasm|wat)$/.test(path)) loader.decodeFile(path, []);
    else groups.push(loader.parseFiles([path], [], true));
  }
  for (const d of options.deps ?? []) groups.push(...loader.parseDepsDir(d, outer));
  return link(loader, groups, outer, options);
}

function link(loader: Loader, groups: Group[], outer: readonly string[], options: LoadOptions): LoadResult {
  const byName = new Map<string, Entry>();
  const failed = new Set<string>();
  const builtins = options.packageDirs !== undefined ? new PackageDirIndex(loader, options.packageDirs) : undefined;
  let duplicate = false;
  const insert = (pkg: UnresolvedPackage, root: boolean, group: Group, index: number) => {
    const key = packageNameToString(pkg.name);
    const prev = byName.get(key);
    if (prev) {
      duplicate = true;
      loader.report(
        diagnostic({
          code: Codes.DuplicatePackage,
          message: `package \`${key}\` is defined in two different locations:\n  * ${location(pkg)}\n  * ${location(prev.pkg)}`,
        }),
        outer,
      );
      return;
    }
    byName.set(key, { pkg, root, group, index });
  };
  let anyFailed = false;
  for (const g of groups) {
    g.nested.forEach((p, i) => insert(p, g.isRoot, g, i));
    if (g.main) insert(g.main, g.isRoot, g, -1);
    else anyFailed = true;
  }
  // Built-in packages: parse only those referenced and missing, transitively.
  if (builtins) {
    const pending = [...byName.values()].map((v) => v.pkg);
    while (pending.length > 0) {
      const pkg = pending.pop()!;
      for (const dep of pkg.foreignDeps.values()) {
        const names = [...[...byName.values()].map((v) => v.pkg.name), ...loader.binaries.map((b) => b.name)];
        if (findPackageKey(names, dep.name) !== undefined) continue;
        const dir = builtins.find(dep.name);
        if (!dir) continue;
        const g = loader.parseDir(dir, outer, false);
        const found: [UnresolvedPackage, number][] = g.nested.map((p, i) => [p, i]);
        if (g.main) found.push([g.main, -1]);
        for (const [p, i] of found) {
          if (!byName.has(packageNameToString(p.name))) {
            byName.set(packageNameToString(p.name), { pkg: p, root: false, group: g, index: i });
            pending.push(p);
          }
        }
      }
    }
  }
  if (duplicate) {
    reportSpecErrors(loader, [...byName.values()].map((e) => e.pkg));
    return { resolve: undefined, main: [], diagnostics: loader.diagnostics };
  }

  const sorted = [...byName.values()].sort((a, b) => comparePackageNames(a.pkg.name, b.pkg.name));
  const allNames = sorted.map((s) => s.pkg.name);
  const order: Entry[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  let cycle = false;
  const visit = (entry: Entry): boolean => {
    const key = packageNameToString(entry.pkg.name);
    if (done.has(key)) return true;
    for (const dep of entry.pkg.foreignDeps.values()) {
      const depKey = findPackageKey(allNames, dep.name) ?? packageNameToString(dep.name);
      if (visiting.has(depKey)) {
        loader.report(diagnostic({ code: Codes.PackageCycle, message: `package \`${depKey}\` creates a dependency cycle`, span: dep.span }), outer);
        return false;
      }
      const target = byName.get(depKey);
      if (target) {
        visiting.add(depKey);
        const ok = visit(target);
        visiting.delete(depKey);
        if (!ok) return false;
      }
    }
    done.add(key);
    order.push(entry);
    return true;
  };
  for (const entry of sorted) {
    if (!visit(entry)) {
      cycle = true;
      break;
    }
  }
  if (cycle || anyFailed || loader.phaseAFailed) {
    reportSpecErrors(loader, sorted.map((e) => e.pkg));
    return { resolve: undefined, main: [], diagnostics: loader.diagnostics };
  }

  let resolve = emptyResolve(options.features ?? [], options.allFeatures ?? false);
  const main: number[] = [];
  for (const b of loader.binaries) appendDecoded(resolve, b);
  if (groups.length === 0 && resolve.packages.length > 0) main.push(resolve.packages.length - 1);
  // Incremental: take over the packages linked last time before the first one that changed.
  const cache = loader.binaries.length === 0 ? options.cache : undefined;
  const features = featureKey(options.features, options.allFeatures);
  const prev = cache?.linked?.featureKey === features ? cache.linked : undefined;
  let reused = 0;
  if (prev) {
    while (reused < order.length && reused < prev.entries.length && order[reused]!.pkg === prev.entries[reused]!.pkg && order[reused]!.root === prev.entries[reused]!.root) {
      reused++;
    }
    if (reused > 0) resolve = resolvePrefix(prev.resolve, prev.marks[reused - 1]!, resolve.features, resolve.allFeatures);
    for (let i = 0; i < reused; i++) if (prev.entries[i]!.root) main.push(prev.entries[i]!.id);
  }
  const linked = prev ? prev.entries.slice(0, reused) : [];
  const marks = prev ? prev.marks.slice(0, reused) : [];
  for (const entry of order.slice(reused)) {
    if (cache) {
      const at = (g: Group) => (entry.index < 0 ? g.main : g.nested[entry.index]);
      // Its objects moved into an earlier Resolve: resolve the package again from its (cached) parses.
      if (cache.consumed.has(at(entry.group) ?? entry.pkg)) entry.group.redo?.();
      entry.pkg = at(entry.group) ?? entry.pkg;
    }
    const key = packageNameToString(entry.pkg.name);
    const blocked = [...entry.pkg.foreignDeps.values()].find((d) => failed.has(findPackageKey(allNames, d.name) ?? ''));
    if (blocked) {
      failed.add(key);
      continue;
    }
    try {
      // Appending moves the package's objects into the Resolve, even when it fails half-way.
      cache?.consumed.add(entry.pkg);
      const id = new Remap(resolve, entry.pkg).append();
      if (entry.root) main.push(id);
      if (cache) {
        cache.stats.packagesLinked++;
        linked.push({ pkg: entry.pkg, root: entry.root, id });
        marks.push([resolve.packages.length, resolve.interfaces.length, resolve.worlds.length, resolve.types.length]);
      }
    } catch (e) {
      if (e instanceof ResolveError) loader.report(enrichNotFound(e.diagnostic, builtins, options, outer.length > 0), outer);
      else if (e instanceof ResolveErrors) for (const d of e.diagnostics) loader.report(enrichNotFound(d, builtins, options, outer.length > 0), outer);
      else throw e;
      failed.add(key);
    }
  }
  reportSpecErrors(loader, order.map((e) => e.pkg));
  const ok = !anyFailed && failed.size === 0 && !loader.diagnostics.some((d) => d.severity === 'error');
  if (cache && ok) cache.linked = { featureKey: features, resolve, entries: linked, marks };
  return { resolve: ok ? resolve : undefined, main, diagnostics: loader.diagnostics };
}

/** Adds a decoded (binary) package to the Resolve. */
function appendDecoded(resolve: Resolve, d: DecodedPackage): void {
  const id = resolve.packages.length;
  const interfaces = new Map<string, number>();
  for (const name of d.interfaces) {
    interfaces.set(name, resolve.interfaces.length);
    resolve.interfaces.push({ name, types: new Map(), functions: new Map(), package: id });
  }
  resolve.packages.push({ name: d.name, interfaces, worlds: new Map() });
}

/** Bytes of a text read as Latin-1 (binary files through a text-only host). */
function textBytes(text: string | undefined): Uint8Array | undefined {
  return text === undefined ? undefined : Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/** Adds where-we-looked notes to "package not found" errors. */
function enrichNotFound(d: Diagnostic, index: PackageDirIndex | undefined, options: LoadOptions, isDir: boolean): Diagnostic {
  if (d.code !== Codes.PackageNotFound) return d;
  const m = /^package '([^']+)' not found/.exec(d.message);
  if (!m) return d;
  const notes = [...d.notes];
  const [base, version] = m[1]!.split('@');
  const [ns, name] = base!.split(':');
  notes.push(
    version
      ? `needed: package \`${base}\` at version ${version}`
      : `needed: package \`${base}\` (no version given: it resolves when exactly one version of it is loaded)`,
  );
  if (index && ns && name) {
    const avail = index.versions({ namespace: ns, name, version: undefined });
    if (avail.length > 0) notes.push(`available built-in versions: ${avail.join(', ')}${version ? '' : ' (add a version to the reference)'}`);
  }
  const where = [isDir ? 'the package folder and its `deps/` folder' : 'the file itself (a single file has no `deps/` folder)'];
  if (options.deps?.length) where.push(`--deps ${options.deps.join(', ')}`);
  const count = index?.dirs.length ?? 0;
  if (count > 0) {
    const label = options.packageDirsLabel;
    where.push((typeof label === 'function' ? label() : label) ?? `${count} built-in package folders`);
  }
  notes.push(`looked in: ${where.join('; ')}`);
  notes.push(
    isDir
      ? `to add \`${m[1]}\`, put its WIT files in a \`deps/<name>/\` folder next to your package or pass \`--deps DIR\``
      : `to add \`${m[1]}\`, pass \`--deps DIR\` (a folder with one package per sub-folder), or make your package a folder with a \`deps/\` folder`,
  );
  return { ...d, notes };
}

