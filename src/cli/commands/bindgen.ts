/**
 * `witc bindgen --lang ts --guest|--host [--world W] PATH -o DIR`: resolve WIT and write TypeScript bindings.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { generateGuest } from '../../bindgen/guest.js';
import { generateHost } from '../../bindgen/host/index.js';
import { loadWorld, type LoadFlags } from '../load.js';
import { Exit, UsageError, failureExit, printDiagnostics, type DiagnosticFormat } from '../output.js';

export interface BindgenOptions extends LoadFlags {
  readonly lang: string;
  readonly guest: boolean;
  readonly host: boolean;
  readonly out: string | undefined;
  readonly world?: string | undefined;
  readonly format: DiagnosticFormat;
  readonly color: boolean;
}

export function bindgen(path: string, options: BindgenOptions): number {
  if (options.lang !== 'ts') throw new UsageError(`unsupported --lang \`${options.lang}\` (supported: ts)`);
  if (options.host && options.guest) throw new UsageError('pass either --guest or --host, not both');
  if (!options.guest && !options.host) throw new UsageError('pass --guest (componentize-js declarations) or --host (host bindings)');
  if (!options.out) throw new UsageError('missing output directory: pass -o DIR');
  const loaded = loadWorld(path, options, options.world, true);
  if (hasErrors(loaded.diagnostics) || !loaded.resolve || loaded.world === undefined) {
    printDiagnostics(loaded.diagnostics, options.format, options.color);
    return failureExit(loaded.diagnostics);
  }
  if (loaded.diagnostics.length > 0) printDiagnostics(loaded.diagnostics, options.format, options.color);
  const files = options.host ? generateHost(loaded.resolve, loaded.world) : generateGuest(loaded.resolve, loaded.world);
  try {
    for (const [rel, text] of files) {
      const target = join(options.out, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  } catch (e) {
    throw new UsageError(`cannot write to \`${options.out}\`: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (options.format === 'human') {
    process.stderr.write(`wrote ${files.size} file${files.size === 1 ? '' : 's'} to ${options.out}\n`);
  }
  return Exit.Ok;
}
