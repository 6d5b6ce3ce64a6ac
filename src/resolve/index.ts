/**
 * The resolve stage: loading packages (from disk through a `FileHost`, or from in-memory sources), name resolution,
 * validation, feature gates and world elaboration, producing the `Resolve` model and wit-parser's JSON.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { memoryHost } from './host.js';
import { loadPath, type LoadOptions, type LoadResult } from './load.js';

export type { FileHost } from './host.js';
export { memoryHost } from './host.js';
export { loadPath } from './load.js';
export type { LoadOptions, LoadResult } from './load.js';
export { LoadCache, type LoadCacheStats } from './cache.js';
export { resolveToJson } from './json.js';
export { selectWorld } from './select.js';
export type * from './model.js';
export {
  packageNameToString,
  semverToString,
  interfaceIdString,
  worldKeyString,
  worldKeyName,
  compareSemVer,
  functionResource,
  findPackageKey,
} from './model.js';

/**
 * Loads in-memory sources. `files` maps '/'-separated paths to WIT text; `root` is the file or directory to load
 * (a directory's `deps/` folder is read like on disk).
 */
export function loadSources(files: Record<string, string>, root: string, options?: LoadOptions): LoadResult {
  return loadPath(memoryHost(files), root, options);
}

export type { Diagnostic };
