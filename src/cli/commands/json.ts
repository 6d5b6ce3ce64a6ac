/**
 * `witc json PATH`: print the resolved packages as the JSON wasm-tools' wit-parser produces for the same input.
 */
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { resolveToJson } from '../../resolve/index.js';
import { loadForCli, type LoadFlags } from '../load.js';
import { Exit, failureExit, printDiagnostics, type DiagnosticFormat } from '../output.js';

export interface JsonOptions extends LoadFlags {
  readonly format: DiagnosticFormat;
  readonly color: boolean;
}

export function json(path: string, options: JsonOptions): number {
  const result = loadForCli(path, options);
  if (hasErrors(result.diagnostics) || !result.resolve) {
    // Diagnostics never go to stdout here, so the JSON output stays parseable for pipes.
    printDiagnostics(result.diagnostics, options.format === 'json' ? 'human' : options.format, options.color);
    return failureExit(result.diagnostics);
  }
  printDiagnostics(result.diagnostics, options.format === 'json' ? 'human' : options.format, options.color);
  // Byte-identical to wit-parser's output, which has no final newline; add one only for a terminal.
  process.stdout.write(resolveToJson(result.resolve) + (process.stdout.isTTY ? '\n' : ''));
  return Exit.Ok;
}
