/**
 * Test helpers for bindgen: load WIT (in memory or from disk), generate guest bindings, type-check them with the
 * TypeScript compiler API under --strict.
 */
import ts from 'typescript';
import { loadPath, loadSources, selectWorld, type Resolve } from '../../src/resolve/index.js';
import { nodeHost } from '../../src/node/host.js';
import { generateGuest } from '../../src/bindgen/guest.js';

export interface Loaded {
  readonly resolve: Resolve;
  readonly main: readonly number[];
}

function unwrap(
  r: {
    resolve: Resolve | undefined;
    main: readonly number[];
    diagnostics: readonly { message: string; severity?: string }[];
  },
  what: string,
): Loaded {
  if (!r.resolve) throw new Error(`${what}: ${r.diagnostics.map((d) => d.message).join('\n')}`);
  return { resolve: r.resolve, main: r.main };
}

export function loadWit(text: string, features: string[] = []): Loaded {
  return unwrap(loadSources({ '/t.wit': text }, '/t.wit', { features }), 'inline WIT');
}

export function loadDisk(path: string, deps: string[] = [], allFeatures = false): Loaded {
  return unwrap(loadPath(nodeHost, path, { deps, allFeatures }), path);
}

/** All worlds of the main packages. */
export function mainWorlds(l: Loaded): number[] {
  return l.main.flatMap((p) => [...l.resolve.packages[p]!.worlds.values()]);
}

export function guestFor(l: Loaded, world?: string): Map<string, string> {
  const sel = selectWorld(l.resolve, l.main, world);
  if (sel.world === undefined) throw new Error(sel.diagnostics.map((d) => d.message).join('\n'));
  return generateGuest(l.resolve, sel.world);
}

/** Compiler options the generated declarations must satisfy (strict, plus the disposable lib for Symbol.dispose). */
export const checkOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  // The default library is not our output; our .d.ts files are still checked (skipLibCheck stays off).
  skipDefaultLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
  types: [],
};

const libCache = new Map<string, ts.SourceFile>();

/**
 * Type-checks groups of in-memory files; each group is its own program (ambient module names are global to a
 * program, so two worlds' outputs must not share one). Library files are parsed once and shared.
 * Returns the formatted diagnostics per group (empty arrays when clean).
 */
export function typeCheck(
  groups: readonly Map<string, string>[],
  options: ts.CompilerOptions = checkOptions,
): string[][] {
  const results: string[][] = [];
  let old: ts.Program | undefined;
  for (const files of groups) {
    const host = ts.createCompilerHost(options, true);
    const baseGet = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, onError) => {
      const text = files.get(name);
      if (text !== undefined) return ts.createSourceFile(name, text, lang, true);
      const cached = libCache.get(name);
      if (cached) return cached;
      const sf = baseGet(name, lang, onError);
      if (sf) libCache.set(name, sf);
      return sf;
    };
    const baseExists = host.fileExists.bind(host);
    host.fileExists = (name) => files.has(name) || baseExists(name);
    const baseRead = host.readFile.bind(host);
    host.readFile = (name) => files.get(name) ?? baseRead(name);
    const program = ts.createProgram({ rootNames: [...files.keys()], options, host, oldProgram: old });
    old = program;
    const diags = ts.getPreEmitDiagnostics(program);
    results.push(
      diags.map((d) => {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        const loc = d.file ? `${d.file.fileName}${where ? `:${where.line + 1}:${where.character + 1}` : ''}` : '';
        return `${loc} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return results;
}

/** Prefixes generated paths with a virtual root so groups don't clash on disk-like names. */
export function rooted(files: Map<string, string>, root: string): Map<string, string> {
  return new Map([...files].map(([p, t]) => [`${root}/${p}`, t]));
}
