/**
 * The VS Code extension in editors/vscode: its manifest contributes the `wit` language and the grammar, the grammar
 * copy script puts the grammar where the manifest points, the language configuration fits WIT, and extension.js
 * starts `witc lsp --stdio` through vscode-languageclient (run here against stand-ins for `vscode` and the client).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grammarPath, repoRoot } from './textmate.js';

const dir = join(repoRoot(), 'editors', 'vscode');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
const manifest = readJson(join(dir, 'package.json'));
const config = readJson(join(dir, 'language-configuration.json'));

describe('editors/vscode/package.json', () => {
  it('contributes the wit language for .wit files with its configuration', () => {
    const lang = manifest.contributes.languages.find((l: { id: string }) => l.id === 'wit');
    expect(lang.extensions).toEqual(['.wit']);
    expect(lang.configuration).toBe('./language-configuration.json');
    expect(manifest.activationEvents).toContain('onLanguage:wit');
    expect(manifest.main).toBe('./extension.js');
  });

  it('contributes the grammar under its scope name, at the path the copy script writes', () => {
    const [g] = manifest.contributes.grammars;
    expect(g).toMatchObject({ language: 'wit', scopeName: readJson(grammarPath()).scopeName });
    const tmp = mkdtempSync(join(tmpdir(), 'witc-vscode-'));
    try {
      mkdirSync(join(tmp, 'grammar'));
      mkdirSync(join(tmp, 'editors', 'vscode', 'scripts'), { recursive: true });
      copyFileSync(grammarPath(), join(tmp, 'grammar', 'wit.tmLanguage.json'));
      const script = join(tmp, 'editors', 'vscode', 'scripts', 'copy-grammar.mjs');
      copyFileSync(join(dir, 'scripts', 'copy-grammar.mjs'), script);
      const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const copied = readFileSync(join(tmp, 'editors', 'vscode', g.path), 'utf8');
      expect(copied).toBe(readFileSync(grammarPath(), 'utf8'));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('keeps vscode-languageclient out of the root package', () => {
    expect(manifest.dependencies['vscode-languageclient']).toMatch(/^\d+\.\d+\.\d+$/);
    const root = readJson(join(repoRoot(), 'package.json'));
    expect({ ...root.dependencies, ...root.devDependencies }).not.toHaveProperty('vscode-languageclient');
  });
});

describe('editors/vscode/language-configuration.json', () => {
  it('uses WIT comment syntax', () => {
    expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
  });

  it('selects whole kebab-case and %-escaped names as words', () => {
    const word = new RegExp(config.wordPattern, 'g');
    expect('use %record-x.{error-context as e2-3};'.match(word)).toEqual(['use', '%record-x', 'error-context', 'as', 'e2-3']);
  });

  it('indents after an open brace or parenthesis and outdents on the closer', () => {
    const inc = new RegExp(config.indentationRules.increaseIndentPattern);
    const dec = new RegExp(config.indentationRules.decreaseIndentPattern);
    expect(inc.test('interface i {')).toBe(true);
    expect(inc.test('  f: func(')).toBe(true);
    expect(inc.test('record r { a: u32 }')).toBe(false);
    expect(inc.test('// a comment {')).toBe(false);
    expect(dec.test('  }')).toBe(true);
    expect(dec.test('  f: func();')).toBe(false);
  });
});

describe('editors/vscode/extension.js', () => {
  interface Started {
    id: string;
    server: { command: string; args: string[]; transport?: unknown };
    client: { documentSelector: { language: string }[] };
    started: boolean;
  }

  /** Runs extension.js's activate() with stand-in modules; returns what it passed to LanguageClient. */
  async function activate(settings: Record<string, unknown>): Promise<Started[]> {
    const created: Started[] = [];
    class LanguageClient {
      record: Started;
      constructor(id: string, _name: string, server: Started['server'], client: Started['client']) {
        this.record = { id, server, client, started: false };
        created.push(this.record);
      }
      async start() {
        this.record.started = true;
      }
      async stop() {}
    }
    const vscode = {
      workspace: {
        getConfiguration: () => ({ get: (key: string, dflt: unknown) => settings[key] ?? dflt }),
        workspaceFolders: undefined,
        createFileSystemWatcher: (glob: string) => ({ glob }),
      },
      commands: { registerCommand: (name: string) => ({ name }) },
      window: { showErrorMessage: () => undefined },
    };
    const realRequire = createRequire(import.meta.url);
    const fakeRequire = (name: string) =>
      name === 'vscode' ? vscode : name === 'vscode-languageclient/node' ? { LanguageClient } : realRequire(name);
    const module = { exports: {} as { activate(ctx: unknown): Promise<void> } };
    const source = readFileSync(join(dir, 'extension.js'), 'utf8');
    new Function('require', 'module', 'exports', source)(fakeRequire, module, module.exports);
    await module.exports.activate({ subscriptions: [] });
    return created;
  }

  it('starts `witc lsp --stdio` for wit documents', async () => {
    const [c] = await activate({});
    expect(c).toBeDefined();
    expect(c!.server.command).toBe('witc');
    expect(c!.server.args).toEqual(['lsp', '--stdio']);
    // A transport would make vscode-languageclient append a second `--stdio`.
    expect(c!.server.transport).toBeUndefined();
    expect(c!.client.documentSelector.map((d) => d.language)).toEqual(['wit', 'wit']);
    expect(c!.started).toBe(true);
  });

  it('honours witc.server.path and witc.server.extraArgs', async () => {
    const [c] = await activate({ 'server.path': '/opt/witc/bin/witc', 'server.extraArgs': ['--log', 'debug'] });
    expect(c!.server.command).toBe('/opt/witc/bin/witc');
    expect(c!.server.args).toEqual(['lsp', '--stdio', '--log', 'debug']);
  });
});

