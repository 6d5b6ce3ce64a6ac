/**
 * The resolve stage. PLACEHOLDER: loads a file or a directory's `*.wit` files and reports syntax errors only, until
 * the resolver lands. The signature of `loadPath` is the seam the CLI and the language server use.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { Codes } from '../diagnostics/codes.js';
import { parse } from '../syntax/index.js';
import type { FileHost } from './host.js';

export type { FileHost } from './host.js';
export { memoryHost } from './host.js';

export interface LoadOptions {
  /** Extra dependency folders (like `deps/`), searched after the package's own `deps/`. */
  readonly deps?: readonly string[];
  /** Enabled `@unstable` features. */
  readonly features?: readonly string[];
  readonly allFeatures?: boolean;
}

export interface LoadResult {
  readonly diagnostics: readonly Diagnostic[];
}

export function loadPath(host: FileHost, path: string, _options: LoadOptions = {}): LoadResult {
  const kind = host.stat(path);
  if (kind === undefined) {
    return { diagnostics: [diagnostic({ code: Codes.Io, message: `path \`${path}\` does not exist` })] };
  }
  const files =
    kind === 'dir'
      ? (host.readDir(path) ?? []).filter((n) => n.endsWith('.wit')).map((n) => `${path.replace(/\/$/, '')}/${n}`)
      : [path];
  const diagnostics: Diagnostic[] = [];
  for (const f of files.sort()) {
    const text = host.readFile(f);
    if (text === undefined) continue;
    diagnostics.push(...parse(text, f).diagnostics);
  }
  return { diagnostics };
}
