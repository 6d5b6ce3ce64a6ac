/**
 * The language server's workspace model: open documents (in memory, versioned) over the disk, grouped into
 * *package groups*. A group is what the CLI would load: a package directory with its `deps/` folder (or a lone file
 * outside any directory). A file under `root/deps/…` belongs to `root`'s group.
 *
 * Incremental checking: one `LoadCache` serves the resolver and the symbol index, so an edit re-parses only the
 * edited file; re-checking a group re-resolves only the edited package and re-links only the packages appended after
 * it (its dependents), taking the others over from the previous load. Disk reads are cached until the client reports
 * file changes, and a group is re-checked only when one of its files changed. No Node APIs: the disk is a `FileHost`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LoadCache, loadPath, type FileHost, type LoadResult } from '../resolve/index.js';
import type { ParseResult } from '../syntax/index.js';
import type * as ast from '../syntax/ast.js';
import { SymbolIndex } from './analysis/symbols.js';
import { basename, dirname } from './uri.js';

export interface WorkspaceOptions {
  /** The disk (or any file system). */
  readonly host: FileHost;
  /** Built-in package directories (WASI shipped by jco), one package each. */
  readonly builtinDirs?: readonly string[];
  readonly builtinLabel?: string;
  /** Workspace folders, scanned for packages by `discover()`. */
  readonly roots?: readonly string[];
}

interface GroupState {
  load: LoadResult | undefined;
  /** The group's view of the workspace cache (its own previous link; shared parses). */
  cache: LoadCache | undefined;
  index: SymbolIndex | undefined;
  files: string[] | undefined;
}

/** The result of checking a group: diagnostics per file path (every file of the group has an entry). */
export interface GroupCheck {
  readonly root: string;
  readonly byFile: Map<string, Diagnostic[]>;
}

const join = (dir: string, name: string) => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);

/** Caches a host's answers until `clear()`. */
class CachedHost implements FileHost {
  private files = new Map<string, string | undefined>();
  private dirs = new Map<string, readonly string[] | undefined>();
  private stats = new Map<string, 'file' | 'dir' | undefined>();
  constructor(private readonly host: FileHost) {}
  readFile(path: string): string | undefined {
    if (!this.files.has(path)) this.files.set(path, this.host.readFile(path));
    return this.files.get(path);
  }
  readDir(path: string): readonly string[] | undefined {
    if (!this.dirs.has(path)) this.dirs.set(path, safe(() => this.host.readDir(path)));
    return this.dirs.get(path);
  }
  stat(path: string): 'file' | 'dir' | undefined {
    if (!this.stats.has(path)) this.stats.set(path, safe(() => this.host.stat(path)));
    return this.stats.get(path);
  }
  clear(): void {
    this.files.clear();
    this.dirs.clear();
    this.stats.clear();
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** Open documents and the disk, as one `FileHost`, with per-group caches of resolution and symbols. */
export class Workspace implements FileHost {
  private readonly docs = new Map<string, { text: string; version: number }>();
  private readonly disk: CachedHost;
  /** Parses, per-package resolutions and the last linked model, shared by every load of this workspace. */
  readonly cache = new LoadCache();
  private readonly groups = new Map<string, GroupState>();
  private builtinNames: Map<string, string> | undefined;
  roots: readonly string[];

  constructor(private readonly options: WorkspaceOptions) {
    this.disk = new CachedHost(options.host);
    this.roots = options.roots ?? [];
  }

  // ---- FileHost (documents over the disk) --------------------------------------------------------------------

  readFile(path: string): string | undefined {
    return this.docs.get(path)?.text ?? this.disk.readFile(path);
  }

  readDir(path: string): readonly string[] | undefined {
    const disk = this.disk.readDir(path);
    const extra = [...this.docs.keys()].filter((p) => dirname(p) === path).map(basename);
    if (!disk && extra.length === 0) return undefined;
    return [...new Set([...(disk ?? []), ...extra])].sort();
  }

  stat(path: string): 'file' | 'dir' | undefined {
    if (this.docs.has(path)) return 'file';
    const s = this.disk.stat(path);
    if (s) return s;
    for (const p of this.docs.keys()) if (p.startsWith(path + '/')) return 'dir';
    return undefined;
  }

  // ---- documents ---------------------------------------------------------------------------------------------

  /** Opens or updates a document; returns the groups to re-check. */
  setDocument(path: string, text: string, version: number): string[] {
    const known = this.docs.get(path);
    this.docs.set(path, { text, version });
    // Unchanged text: the cached results are republished (for the new version).
    if (known?.text === text || (!known && this.disk.readFile(path) === text)) return this.affected(path, false);
    return this.affected(path, true);
  }

  /** Closes a document (the disk version counts again); returns the groups to re-check. */
  closeDocument(path: string): string[] {
    const known = this.docs.get(path);
    this.docs.delete(path);
    if (known && known.text === this.disk.readFile(path)) return [];
    return this.affected(path, true);
  }

  isOpen(path: string): boolean {
    return this.docs.has(path);
  }

  openPaths(): string[] {
    return [...this.docs.keys()];
  }

  /** Files changed on disk: forget cached reads and results; returns every known group. */
  diskChanged(): string[] {
    this.disk.clear();
    this.builtinNames = undefined;
    for (const g of this.groups.values()) {
      g.load = undefined;
      g.index = undefined;
      g.files = undefined;
    }
    return [...this.groups.keys()];
  }

  /** The group a file belongs to: its directory, or the package that holds it under `deps/`. */
  groupOf(path: string): string {
    const dir = dirname(path);
    if (basename(dirname(dir)) === 'deps') return dirname(dirname(dir));
    if (basename(dir) === 'deps') return dirname(dir);
    return this.stat(dir) === 'dir' && dir !== '' ? dir : path;
  }

  /** The groups that include `path`; with `dirty`, their cached results are dropped. */
  private affected(path: string, dirty: boolean): string[] {
    const roots = new Set([this.groupOf(path)]);
    for (const [root, g] of this.groups) if (g.files?.includes(path)) roots.add(root);
    for (const root of roots) {
      const g = this.group(root);
      if (dirty) {
        g.load = undefined;
        g.index = undefined;
        if (!g.files?.includes(path)) g.files = undefined;
      }
    }
    return [...roots];
  }

  private group(root: string): GroupState {
    let g = this.groups.get(root);
    if (!g) this.groups.set(root, (g = { load: undefined, cache: undefined, index: undefined, files: undefined }));
    return g;
  }

  // ---- parsing and checking -----------------------------------------------------------------------------------

  /** The parse of a file's current text (cached per text). */
  parsed(path: string): ParseResult | undefined {
    const text = this.readFile(path);
    if (text === undefined) return undefined;
    return this.cache.parse(path, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }

  /** The `.wit` files of a group: the package's own files and those of its `deps/` folder. */
  files(root: string): string[] {
    const g = this.group(root);
    if (g.files) return g.files;
    const out: string[] = [];
    if (this.stat(root) !== 'dir') out.push(root);
    else {
      out.push(...this.witFiles(root));
      const deps = join(root, 'deps');
      for (const name of this.readDir(deps) ?? []) {
        const p = join(deps, name);
        const kind = this.stat(p);
        if (kind === 'dir') out.push(...this.witFiles(p));
        else if (kind === 'file' && name.endsWith('.wit')) out.push(p);
      }
    }
    return (g.files = out);
  }

  private witFiles(dir: string): string[] {
    return (this.readDir(dir) ?? []).filter((n) => n.endsWith('.wit')).map((n) => join(dir, n)).filter((p) => this.stat(p) === 'file');
  }

  /** Parses and resolves a group (cached until one of its files changes). */
  load(root: string): LoadResult {
    const g = this.group(root);
    if (g.load) return g.load;
    let result: LoadResult;
    try {
      result = loadPath(this, root, {
        cache: (g.cache ??= this.cache.derive()),
        packageDirs: this.options.builtinDirs ?? [],
        ...(this.options.builtinLabel ? { packageDirsLabel: this.options.builtinLabel } : {}),
      });
    } catch (e) {
      result = { resolve: undefined, main: [], diagnostics: [] };
      void e;
    }
    return (g.load = result);
  }

  /** The group's diagnostics by file; diagnostics without a location go to the group's first open (or first) file. */
  check(root: string): GroupCheck {
    const files = this.files(root);
    const byFile = new Map<string, Diagnostic[]>(files.map((f) => [f, []]));
    const fallback = files.find((f) => this.isOpen(f)) ?? files[0];
    for (const d of this.load(root).diagnostics) {
      const path = d.span?.source.path ?? fallback;
      if (path === undefined) continue;
      let list = byFile.get(path);
      if (!list) byFile.set(path, (list = []));
      list.push(d);
    }
    return { root, byFile };
  }

  /** The symbol index of a group (cached; only changed files are re-parsed). */
  index(root: string): SymbolIndex {
    const g = this.group(root);
    if (g.index) return g.index;
    const files = this.files(root)
      .map((p) => this.parsed(p)?.file)
      .filter((f): f is ast.File => f !== undefined);
    return (g.index = SymbolIndex.build(files, (ns, name, version) => this.builtinFiles(ns, name, version)));
  }

  /** The index that answers questions about `path`. */
  indexFor(path: string): SymbolIndex {
    return this.index(this.groupOf(path));
  }

  /** Parsed files of a built-in package (highest version when `version` is undefined). */
  private builtinFiles(ns: string, name: string, version: string | undefined): ast.File[] {
    const names = this.builtinIndex();
    let dir = version ? names.get(`${ns}:${name}@${version}`) : undefined;
    if (!version) {
      const keys = [...names.keys()].filter((k) => k.startsWith(`${ns}:${name}@`) || k === `${ns}:${name}`);
      keys.sort(compareKeys);
      dir = keys.length > 0 ? names.get(keys[keys.length - 1]!) : undefined;
    }
    if (!dir) return [];
    return this.witFiles(dir)
      .map((p) => this.parsed(p)?.file)
      .filter((f): f is ast.File => f !== undefined);
  }

  private builtinIndex(): Map<string, string> {
    if (this.builtinNames) return this.builtinNames;
    const names = new Map<string, string>();
    for (const dir of this.options.builtinDirs ?? []) {
      for (const p of this.witFiles(dir)) {
        const header = this.parsed(p)?.file.package?.name;
        if (!header) continue;
        const key = `${header.namespace.name}:${header.name.name}${header.version ? `@${header.version.text}` : ''}`;
        if (!names.has(key)) names.set(key, dir);
        break;
      }
    }
    return (this.builtinNames = names);
  }

  /** Whether a file belongs to a built-in package (read-only for renames). */
  isBuiltin(path: string): boolean {
    return (this.options.builtinDirs ?? []).some((d) => {
      const dir = d.replace(/\\/g, '/');
      return path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
    });
  }

  /** Package groups under the workspace folders (directories holding `.wit` files; `deps/` and dot-folders skipped). */
  discover(limit = 200, maxDirs = 2000): string[] {
    const found = new Set<string>(this.groups.keys());
    let visited = 0;
    const visit = (dir: string, depth: number) => {
      if (found.size >= limit || depth > 6 || ++visited > maxDirs) return;
      const entries = this.readDir(dir) ?? [];
      if (entries.some((n) => n.endsWith('.wit'))) found.add(dir);
      for (const n of entries) {
        if (n.startsWith('.') || n === 'node_modules' || n === 'deps' || n.endsWith('.wit')) continue;
        const p = join(dir, n);
        if (this.stat(p) === 'dir') visit(p, depth + 1);
      }
    };
    for (const r of this.roots) visit(r, 0);
    for (const p of this.docs.keys()) found.add(this.groupOf(p));
    return [...found];
  }
}

/** Orders `ns:name@1.2.3` keys by version (numeric parts; good enough for picking the newest built-in). */
function compareKeys(a: string, b: string): number {
  const va = (a.split('@')[1] ?? '').split(/[.-]/);
  const vb = (b.split('@')[1] ?? '').split(/[.-]/);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const x = va[i] ?? '';
    const y = vb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    if (x !== y) return Number.isNaN(nx) || Number.isNaN(ny) ? (x < y ? -1 : 1) : nx - ny;
  }
  return 0;
}
