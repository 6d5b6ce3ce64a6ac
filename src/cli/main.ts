/**
 * The `witc` command line. Argument parsing is commander's; each command lives in ./commands and returns an exit
 * code (0 clean, 1 errors in the input, 2 usage or I/O problem, 3 internal error).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { check } from './commands/check.js';
import { json } from './commands/json.js';
import { Exit, UsageError, useColor, type DiagnosticFormat } from './output.js';
import { version } from './version.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function commaList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

function parseFormat(value: string): DiagnosticFormat {
  if (value === 'human' || value === 'json' || value === 'wasm-tools') return value;
  throw new InvalidArgumentError('expected one of: human, json, wasm-tools');
}

interface ResolveFlags {
  deps: string[];
  features: string[];
  allFeatures?: boolean;
  builtinWit: boolean;
  world?: string;
  format: DiagnosticFormat;
  color?: boolean;
}

/** The loading part of the flags, as the commands take them. */
function loadFlags(flags: ResolveFlags) {
  return {
    deps: flags.deps,
    features: flags.features,
    allFeatures: flags.allFeatures === true,
    builtinWit: flags.builtinWit,
  };
}

/** Options shared by the commands that load WIT. */
function withResolveOptions(cmd: Command): Command {
  return cmd
    .option('--deps <dir>', 'extra dependency folder, searched like deps/ (repeatable)', collect, [])
    .option('--features <list>', 'enable @unstable features (comma-separated, repeatable)', commaList, [])
    .option('--all-features', 'enable every @unstable feature')
    .option('--no-builtin-wit', "don't use the WASI packages shipped by installed npm packages (@bytecodealliance/jco)")
    .addOption(
      new Option('--format <format>', 'diagnostics format: human, json, wasm-tools')
        .argParser(parseFormat)
        .default('human'),
    )
    .option('--no-color', 'disable colours (also NO_COLOR=1)');
}

export function buildProgram(): Command {
  const program = new Command('witc')
    .description('A WIT toolchain: check, resolve and generate bindings for WebAssembly components.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run `witc --help` for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  withResolveOptions(
    program
      .command('check')
      .description('parse and resolve a WIT file or package directory and report every problem')
      .argument('<path>', 'a .wit file or a package directory (with an optional deps/ folder)')
      .option('--world <name>', 'also check that this world exists'),
  ).action((path: string, flags: ResolveFlags) => {
    process.exitCode = check(path, {
      ...loadFlags(flags),
      world: flags.world,
      format: flags.format,
      color: useColor(flags.color, process.stderr),
    });
  });

  withResolveOptions(
    program
      .command('json')
      .description("print the resolved packages as JSON, exactly as wasm-tools' wit-parser serialises them")
      .argument('<path>', 'a .wit file or a package directory (with an optional deps/ folder)'),
  ).action((path: string, flags: ResolveFlags) => {
    process.exitCode = json(path, {
      ...loadFlags(flags),
      format: flags.format,
      color: useColor(flags.color, process.stderr),
    });
  });

  withResolveOptions(
    program
      .command('bindgen')
      .description('generate TypeScript bindings for a world: guest declarations (componentize-js) or host bindings')
      .argument('<path>', 'a .wit file or a package directory (with an optional deps/ folder)')
      .option('--lang <lang>', 'target language (ts)', 'ts')
      .option('--guest', 'declarations for a component implemented in TypeScript (componentize-js)')
      .option('--host', 'host bindings that run a component from TypeScript (instantiate a core module)')
      .option('--world <name>', 'the world to generate (default: the only world of the package)')
      .option('-o, --out <dir>', 'output directory'),
  ).action(async (path: string, flags: ResolveFlags & { lang: string; guest?: boolean; host?: boolean; out?: string }) => {
    // Commands other than check/json load on demand, so that `witc check` starts fast.
    const { bindgen } = await import('./commands/bindgen.js');
    process.exitCode = bindgen(path, {
      lang: flags.lang,
      guest: flags.guest === true,
      host: flags.host === true,
      out: flags.out,
      ...loadFlags(flags),
      world: flags.world,
      format: flags.format,
      color: useColor(flags.color, process.stderr),
    });
  });

  program
    .command('lsp')
    .description('run the WIT language server (LSP over stdin/stdout)')
    .option('--stdio', 'talk LSP over stdin/stdout (the only transport)')
    .option('--no-builtin-wit', "don't use the WASI packages shipped by installed npm packages (@bytecodealliance/jco)")
    .action(async (flags: { stdio?: boolean; builtinWit: boolean }) => {
      const { lsp } = await import('./commands/lsp.js');
      lsp({ stdio: flags.stdio === true, builtinWit: flags.builtinWit });
    });

  program
    .command('fmt')
    .description('format WIT files in the canonical style, keeping every comment (stdout for one file by default)')
    .argument('<files...>', '.wit files or directories (their *.wit files); `-` reads stdin')
    .option('--check', 'list the files whose formatting would change; exit 1 if any')
    .option('--write', 'rewrite the files whose formatting changes')
    .option('--width <n>', 'line width (default 100)', parseWidth)
    .addOption(
      new Option('--format <format>', 'diagnostics format: human, json, wasm-tools').argParser(parseFormat).default('human'),
    )
    .option('--no-color', 'disable colours (also NO_COLOR=1)')
    .action(async (files: string[], flags: { check?: boolean; write?: boolean; width?: number; format: DiagnosticFormat; color?: boolean }) => {
      const { fmt } = await import('./commands/fmt.js');
      process.exitCode = fmt(files, {
        check: flags.check === true,
        write: flags.write === true,
        width: flags.width,
        format: flags.format,
        color: useColor(flags.color, process.stderr),
      });
    });

  return program;
}

function parseWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 20 || n > 1000) throw new InvalidArgumentError('expected an integer from 20 to 1000');
  return n;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : Exit.Ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; everything else commander rejects is a usage error.
      return e.exitCode === 0 ? Exit.Ok : Exit.Usage;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return Exit.Usage;
    }
    reportInternal(e);
    return Exit.Internal;
  }
}

/** A bug: say so plainly; the stack only with WITC_DEBUG=1. */
function reportInternal(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: internal error in witc: ${msg}\n`);
  if (process.env.WITC_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  else process.stderr.write('(this is a bug in witc; rerun with WITC_DEBUG=1 for details and please report it)\n');
}

/** Runs the command line as the `witc` executable (./bin.ts) does; resolves to the exit code. */
export function run(argv: readonly string[]): Promise<number> {
  // A closed pipe (`witc json x.wit | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return main(argv);
}
