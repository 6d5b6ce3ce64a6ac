/**
 * `witc bindgen --lang ts --guest [--world W] PATH -o DIR`: resolve WIT and write TypeScript bindings.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { generateGuest } from '../../bindgen/guest.js';
import { loadWorld, type LoadFlags } from '../load.js';
import { Exit, UsageError, printDiagnostics, type DiagnosticFormat } from '../output.js';

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
  if (options.host) throw new UsageError('--host: TypeScript host bindings are not implemented yet (use --guest)');
  if (!options.guest) throw new UsageError('pass --guest (TypeScript guest declarations for componentize-js)');
  if (!options.out) throw new UsageError('missing output directory: pass -o DIR');
  const loaded = loadWorld(path, options, options.world, true);
  if (hasErrors(loaded.diagnostics) || !loaded.resolve || loaded.world === undefined) {
    printDiagnostics(loaded.diagnostics, options.format, options.color);
    return Exit.Errors;
  }
  if (loaded.diagnostics.length > 0) printDiagnostics(loaded.diagnostics, options.format, options.color);
  const files = generateGuest(loaded.resolve, loaded.world);
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
