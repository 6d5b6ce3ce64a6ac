/**
 * Terminal output for the CLI: colours (picocolors, honouring NO_COLOR / FORCE_COLOR / TTY), diagnostic printing
 * and exit codes.
 */
import pc from 'picocolors';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Codes } from '../diagnostics/codes.js';
import { diagnosticToJson, renderHuman, renderReference, type Colors } from '../diagnostics/render.js';

/** Exit codes shared by every command. */
export const Exit = {
  Ok: 0,
  /** The input has errors (diagnostics were printed). */
  Errors: 1,
  /** Bad command line, or a path that cannot be read. */
  Usage: 2,
  /** A bug in witc (reported without a stack trace unless WITC_DEBUG is set). */
  Internal: 3,
} as const;

export type DiagnosticFormat = 'human' | 'json' | 'wasm-tools';

export function colorsFor(enabled: boolean): Colors {
  const c = pc.createColors(enabled);
  return { red: c.red, yellow: c.yellow, blue: c.blue, cyan: c.cyan, bold: c.bold };
}

export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Prints diagnostics to stderr (human, wasm-tools) or stdout (json). */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  color: boolean,
): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ diagnostics: diagnostics.map(diagnosticToJson) }, null, 2) + '\n');
    return;
  }
  const colors = colorsFor(color);
  for (const d of diagnostics) {
    process.stderr.write((format === 'wasm-tools' ? renderReference(d) : renderHuman(d, { colors })) + '\n\n');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (format === 'human' && (errors > 0 || warnings > 0)) {
    const parts = [];
    if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
    if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    const line = `${errors > 0 ? 'error' : 'warning'}: ${parts.join(', ')} found`;
    process.stderr.write((errors > 0 ? colors.red(colors.bold(line)) : colors.yellow(line)) + '\n');
  }
}

/**
 * The exit code for a failed load: 2 when a file could not be read (an I/O problem, like a missing path), else 1.
 */
export function failureExit(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.code === Codes.Io) ? Exit.Usage : Exit.Errors;
}

/** An error the user can act on (bad flag value, unreadable path): printed as one line, exit code 2. */
export class UsageError extends Error {}
