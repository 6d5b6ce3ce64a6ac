/**
 * `witc check PATH`: parse and resolve a WIT file or package directory, print diagnostics.
 */
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { loadPath, type LoadOptions } from '../../resolve/index.js';
import { nodeHost } from '../../node/host.js';
import { Exit, UsageError, printDiagnostics, type DiagnosticFormat } from '../output.js';

export interface CheckOptions extends LoadOptions {
  readonly format: DiagnosticFormat;
  readonly color: boolean;
  readonly world?: string | undefined;
}

export function check(path: string, options: CheckOptions): number {
  requirePath(path);
  for (const dir of options.deps ?? []) requirePath(dir, 'dir');
  const result = loadPath(nodeHost, path, options);
  printDiagnostics(result.diagnostics, options.format, options.color);
  if (hasErrors(result.diagnostics)) return Exit.Errors;
  if (options.format === 'human') process.stderr.write(`${path}: ok\n`);
  return Exit.Ok;
}

/** Missing inputs are usage errors (exit 2), not diagnostics about WIT. */
export function requirePath(path: string, want?: 'dir'): void {
  const kind = nodeHost.stat(path);
  if (kind === undefined) throw new UsageError(`cannot read \`${path}\`: no such file or directory`);
  if (want === 'dir' && kind !== 'dir') throw new UsageError(`\`${path}\` is not a directory`);
}
