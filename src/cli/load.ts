/**
 * Loading WIT for the CLI commands: the shared flags (`--deps`, `--features`, `--all-features`, `--no-builtin-wit`),
 * the built-in WASI packages found in installed npm packages, and world selection.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { loadPath, selectWorld, type LoadOptions, type LoadResult, type Resolve } from '../resolve/index.js';
import { findBuiltinWit } from '../node/builtin.js';
import { nodeHost } from '../node/host.js';
import { UsageError } from './output.js';

export interface LoadFlags {
  readonly deps: readonly string[];
  readonly features: readonly string[];
  readonly allFeatures: boolean;
  /** Use the WASI packages shipped by installed npm packages (default true). */
  readonly builtinWit: boolean;
}

/** Missing inputs are usage errors (exit 2), not diagnostics about WIT. */
export function requirePath(path: string, want?: 'dir'): void {
  const kind = nodeHost.stat(path);
  if (kind === undefined) throw new UsageError(`cannot read \`${path}\`: no such file or directory`);
  if (want === 'dir' && kind !== 'dir') throw new UsageError(`\`${path}\` is not a directory`);
}

export function loadForCli(path: string, flags: LoadFlags): LoadResult {
  requirePath(path);
  for (const dir of flags.deps) requirePath(dir, 'dir');
  const options: LoadOptions = {
    deps: flags.deps,
    features: flags.features,
    allFeatures: flags.allFeatures,
    ...builtinOptions(flags.builtinWit),
  };
  return loadPath(nodeHost, path, options);
}

/**
 * The built-in WASI packages, looked for only when a reference is not satisfied by the loaded packages (the search
 * reads a few dozen folders: 2 ms of a cold `witc check` whose `deps/` has everything).
 */
function builtinOptions(enabled: boolean): Pick<LoadOptions, 'packageDirs' | 'packageDirsLabel'> {
  if (!enabled) return {};
  let found: ReturnType<typeof findBuiltinWit> | undefined;
  const find = () => (found ??= findBuiltinWit());
  const label = (): string => {
    const { roots, searched } = find();
    return roots.length > 0
      ? `the WASI packages shipped in ${roots.join(', ')}`
      : `installed npm packages (looked for @bytecodealliance/jco's lib/wit/builtin under ${searched.join(', ')})`;
  };
  return { packageDirs: () => find().packageDirs, packageDirsLabel: label };
}

/** Loads, then selects a world when `world` is given (or when `required`); diagnostics of both steps. */
export function loadWorld(
  path: string,
  flags: LoadFlags,
  world: string | undefined,
  required: boolean,
): { result: LoadResult; resolve?: Resolve; world?: number; diagnostics: Diagnostic[] } {
  const result = loadForCli(path, flags);
  const diagnostics = [...result.diagnostics];
  if (hasErrors(diagnostics) || !result.resolve || (world === undefined && !required)) {
    return { result, diagnostics, ...(result.resolve ? { resolve: result.resolve } : {}) };
  }
  const sel = selectWorld(result.resolve, result.main, world);
  diagnostics.push(...sel.diagnostics);
  return {
    result,
    resolve: result.resolve,
    diagnostics,
    ...(sel.world !== undefined ? { world: sel.world } : {}),
  };
}
