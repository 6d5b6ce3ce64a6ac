/**
 * Loads grammar/wit.tmLanguage.json into vscode-textmate (with the Oniguruma WebAssembly regex engine, as VS Code
 * does) and tokenizes WIT text. Shared by the vitest tests in test/editor and the editor-grammar conformance suite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import oniguruma from 'vscode-oniguruma';
import textmate from 'vscode-textmate';
import type { IGrammar, StateStack } from 'vscode-textmate';

/** One token of one line: its text, UTF-16 offsets within the line and its scopes (outermost first). */
export interface LineToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

/** The tokens of one line and the scopes that are still open at its end. */
export interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly LineToken[];
  /** Scopes of the rule stack after the line (outermost first): what the next line starts inside. */
  readonly openScopes: readonly string[];
}

/** Finds the repository root (the folder holding grammar/wit.tmLanguage.json) from this module's location. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'grammar', 'wit.tmLanguage.json')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('grammar/wit.tmLanguage.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Path of the grammar file. */
export function grammarPath(): string {
  return join(repoRoot(), 'grammar', 'wit.tmLanguage.json');
}

let loaded: Promise<IGrammar> | undefined;
let wasmLoaded: Promise<void> | undefined;

/** Loads the WIT grammar from grammar/wit.tmLanguage.json once per process. */
export function loadWitGrammar(): Promise<IGrammar> {
  const path = grammarPath();
  loaded ??= loadGrammarText(readFileSync(path, 'utf8'), path);
  return loaded;
}

/** Loads the Oniguruma WebAssembly module once per process. */
function loadOniguruma(): Promise<void> {
  wasmLoaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return wasmLoaded;
}

/** Loads a grammar (scope `source.wit`) from JSON text; tests use it to check that a damaged grammar is caught. */
export async function loadGrammarText(json: string, path = 'wit.tmLanguage.json'): Promise<IGrammar> {
  await loadOniguruma();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.wit' ? textmate.parseRawGrammar(json, path) : null,
  });
  const grammar = await registry.loadGrammar('source.wit');
  if (!grammar) throw new Error(`could not load ${path}`);
  return grammar;
}

/** The documented (declared but not exported) shape of vscode-textmate's rule stack, read for `openScopes`. */
interface StateStackView {
  readonly contentNameScopesList: { getScopeNames(): string[] } | null;
}

/** Tokenizes a whole text line by line, the way an editor does (`\n` and `\r\n` line breaks). */
export function tokenizeText(grammar: IGrammar, text: string): TokenizedLine[] {
  let state: StateStack = textmate.INITIAL;
  const out: TokenizedLine[] = [];
  for (const line of text.split(/\r?\n/)) {
    const r = grammar.tokenizeLine(line, state, 0);
    state = r.ruleStack;
    const tokens = r.tokens.map((t) => ({
      text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)),
      start: t.startIndex,
      end: Math.min(t.endIndex, line.length),
      scopes: t.scopes,
    }));
    const openScopes = (state as unknown as StateStackView).contentNameScopesList?.getScopeNames() ?? [];
    out.push({ text: line, tokens, openScopes });
  }
  return out;
}

/** The innermost scope of the token covering `offset` on `line`, or undefined. */
export function scopeAt(line: TokenizedLine, offset: number): readonly string[] | undefined {
  return line.tokens.find((t) => t.start <= offset && offset < t.end)?.scopes;
}
