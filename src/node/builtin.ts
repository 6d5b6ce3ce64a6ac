/**
 * Built-in WASI WIT: finds the WIT packages that published npm packages ship, so that `export wasi:http/handler;`
 * resolves without a `deps/` folder. `@bytecodealliance/jco` ≥ 1.35 ships them under
 * `lib/wit/builtin/<version>/<package>/package.wit` (WASI 0.2.10, 0.2.12 and 0.3.0).
 *
 * Installations are searched from the user's project (the working directory and its parents) first, then from
 * witc's own location. The result is a list of package directories for `LoadOptions.packageDirs`: the resolver
 * parses one only when a loaded package refers to it and no loaded package (root, `deps/`, `--deps`) has that name,
 * so a `deps/` package always wins. An unversioned reference (`wasi:http/handler`) picks the highest version
 * available (0.3.0 when all three are installed).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** npm packages (or aliases) searched for `lib/wit/builtin`, in order. */
export const BUILTIN_PACKAGES = ['@bytecodealliance/jco', 'jco-latest'] as const;

export interface BuiltinWit {
  /** Directories of one WIT package each. */
  readonly packageDirs: string[];
  /** The `lib/wit/builtin` folders found (for messages). */
  readonly roots: string[];
  /** Where witc looked (for messages when nothing was found). */
  readonly searched: string[];
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function hasWit(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => n.endsWith('.wit'));
  } catch {
    return false;
  }
}

/** The package directories below one `lib/wit/builtin` folder: `<version>/<pkg>/` or `<pkg>/`. */
export function packageDirsIn(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root).sort()) {
    const p = join(root, entry);
    if (!isDir(p)) continue;
    if (hasWit(p)) {
      out.push(p);
      continue;
    }
    for (const sub of readdirSync(p).sort()) {
      const q = join(p, sub);
      if (isDir(q) && hasWit(q)) out.push(q);
    }
  }
  return out;
}

/** `start` and its parents. */
function ancestors(start: string): string[] {
  const out: string[] = [];
  let cur = resolve(start);
  for (;;) {
    out.push(cur);
    const parent = dirname(cur);
    if (parent === cur) return out;
    cur = parent;
  }
}

function selfDir(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

/** Finds the built-in WIT packages visible from `cwd` and from witc's installation. */
export function findBuiltinWit(cwd: string = process.cwd()): BuiltinWit {
  const starts = [cwd, selfDir()].filter((x): x is string => x !== undefined);
  const roots: string[] = [];
  const searched: string[] = [];
  for (const start of starts) {
    for (const dir of ancestors(start)) {
      for (const pkg of BUILTIN_PACKAGES) {
        const root = join(dir, 'node_modules', pkg, 'lib', 'wit', 'builtin');
        if (roots.includes(root)) continue;
        if (existsSync(root) && isDir(root)) roots.push(root);
      }
    }
    searched.push(`${join(resolve(start), 'node_modules')} (and parent folders)`);
  }
  const packageDirs = roots.flatMap(packageDirsIn);
  return { packageDirs, roots, searched };
}
