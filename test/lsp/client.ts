/**
 * Test client: spawns `node dist/cli.cjs lsp --stdio` and talks JSON-RPC to it over stdio with vscode-jsonrpc, like
 * an editor would. Documents are written with cursor markers (`<|>`), parsed out by `marked`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Diagnostic, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const CLI = resolve('dist/cli.cjs');

/** A document with its cursor positions: `<|>` markers are removed, their positions kept in order. */
export function marked(text: string): { text: string; cursors: Position[] } {
  const cursors: Position[] = [];
  let out = '';
  let line = 0;
  let character = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('<|>', i)) {
      cursors.push({ line, character });
      i += 2;
      continue;
    }
    const c = text[i]!;
    out += c;
    if (c === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  return { text: out, cursors };
}

export function uri(path: string): string {
  return pathToFileURL(path).href;
}

/** A temporary directory filled with `files` (relative path → text). */
export function workspace(files: Record<string, string>): { root: string; path: (rel: string) => string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'witc-lsp-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return { root, path: (rel) => join(root, rel), dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export interface Server {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  /** stderr of the server so far, and its log messages. */
  stderr(): string;
  /** Capabilities the server registered dynamically (`client/registerCapability`). */
  readonly registrations: unknown[];
  /** Resolves with the next diagnostics published for `uri` (optionally: for a given document version). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  request<R>(method: string, params: unknown): Promise<R>;
  /** shutdown + exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Spawns the server and initializes it for `rootPath`. */
export async function startServer(rootPath: string, initializationOptions: object = {}, capabilities: object = {}): Promise<Server> {
  const proc = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: resolve('.') });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += String(d)));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; version: number | undefined; resolve: (d: Diagnostic[]) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => (stderr += `[log] ${p.message}\n`));
  const registrations: unknown[] = [];
  conn.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
    registrations.push(...p.registrations);
    return null;
  });
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri(rootPath),
    workspaceFolders: [{ uri: uri(rootPath), name: 'test' }],
    capabilities,
    initializationOptions,
  });
  await conn.sendNotification('initialized', {});
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  return {
    conn,
    proc,
    stderr: () => stderr,
    registrations,
    diagnostics: (u, version) =>
      new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no diagnostics for ${u} (v${version}); stderr: ${stderr}`)), 10_000);
        waiters.push({ uri: u, version, resolve: (d) => (clearTimeout(timer), res(d)) });
      }),
    open: (u, text, version = 1) =>
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'wit', version, text } }),
    change: (u, text, version) =>
      void conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ text }] }),
    request: (method, params) => conn.sendRequest(method, params),
    stop: async () => {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      const code = await exited;
      conn.dispose();
      return code;
    },
  };
}
