/**
 * `witc lsp --stdio`: the WIT language server over stdin/stdout (LSP JSON-RPC). The server itself is in src/lsp;
 * this command supplies the Node pieces: the stdio connection, the file system and the built-in WASI packages.
 * Nothing else may write to stdout while it runs: stdout carries the protocol.
 */
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import { startServer } from '../../lsp/server.js';
import { findBuiltinWit } from '../../node/builtin.js';
import { nodeHost } from '../../node/host.js';
import { UsageError } from '../output.js';

export interface LspOptions {
  readonly stdio: boolean;
  readonly builtinWit: boolean;
}

/** Starts the server; it runs until the client sends `exit` (or closes stdin). */
export function lsp(options: LspOptions): void {
  if (!options.stdio) throw new UsageError('only `--stdio` is supported: run `witc lsp --stdio`');
  const builtin = options.builtinWit ? findBuiltinWit() : undefined;
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  startServer(connection, {
    host: nodeHost,
    builtinDirs: builtin?.packageDirs ?? [],
    ...(builtin && builtin.roots.length > 0 ? { builtinLabel: `the WASI packages shipped in ${builtin.roots.join(', ')}` } : {}),
  });
}
