/**
 * `witc fmt [--check | --write] FILES…`: format WIT files in the canonical style (docs/formatting.md).
 *
 * - default: print the formatted text of a single file (or of stdin, `-`) to stdout;
 * - `--write`: rewrite the files whose formatting changes (others are not touched);
 * - `--check`: list the files whose formatting would change and exit 1 if there are any.
 *
 * A directory stands for its `*.wit` files. A file with syntax errors is never written: its diagnostics are printed
 * and the exit code is 1.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatText } from '../../format/index.js';
import { Exit, UsageError, printDiagnostics, type DiagnosticFormat } from '../output.js';

export interface FmtOptions {
  readonly check: boolean;
  readonly write: boolean;
  /** Line width (default: the formatter's). */
  readonly width?: number | undefined;
  readonly format: DiagnosticFormat;
  readonly color: boolean;
}

export function fmt(paths: readonly string[], options: FmtOptions): number {
  if (options.check && options.write) throw new UsageError('--check and --write cannot be used together');
  const files = expand(paths);
  if (files.length === 0) throw new UsageError('no .wit files to format');
  if (!options.check && !options.write && files.length > 1) {
    throw new UsageError(`${files.length} files given: use --write to rewrite them or --check to list the ones that change`);
  }
  if (options.write && files.includes('-')) throw new UsageError('--write cannot rewrite stdin (`-`)');
  let status: number = Exit.Ok;
  let changed = 0;
  for (const file of files) {
    const text = read(file);
    if (text === undefined) {
      // Never format (or rewrite) a file we could not decode exactly: a lossy decode would corrupt it.
      process.stderr.write(`error: \`${file}\` is not valid UTF-8; not formatted\n`);
      status = Exit.Errors;
      continue;
    }
    const result = formatText(text, file === '-' ? '<stdin>' : file, { width: options.width });
    if (result.text === undefined) {
      printDiagnostics(result.diagnostics, options.format, options.color);
      process.stderr.write(`${file}: not formatted\n`);
      status = Exit.Errors;
      continue;
    }
    if (!options.check && !options.write) {
      process.stdout.write(result.text);
      continue;
    }
    if (result.text === text) continue;
    changed++;
    if (options.check) {
      process.stdout.write(`${file}\n`);
      status = Exit.Errors;
    } else {
      writeFileSync(file, result.text);
      process.stderr.write(`formatted ${file}\n`);
    }
  }
  if (options.check && changed > 0 && options.format === 'human') {
    process.stderr.write(`${changed} file${changed === 1 ? '' : 's'} would be reformatted\n`);
  }
  return status;
}

/** Files as given, directories replaced by their `*.wit` files (sorted); `-` is stdin. */
function expand(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new UsageError(`cannot read \`${p}\`: no such file or directory`);
    }
    if (!isDir) out.push(p);
    else out.push(...readdirSync(p).filter((n) => n.endsWith('.wit')).sort().map((n) => join(p, n)));
  }
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The file's text, or undefined when it is not valid UTF-8. */
function read(file: string): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    throw new UsageError(`cannot read \`${file}\`: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
