// @ts-check
'use strict';
/**
 * WIT for VS Code: syntax colouring comes from the grammar contribution in package.json; everything else (diagnostics,
 * hover, definitions, references, rename, completion, symbols, semantic tokens, formatting, folding) comes from the
 * witc language server, started here as `witc lsp --stdio`.
 */
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/**
 * The witc executable: the `witc.server.path` setting, else the first workspace folder's node_modules/.bin/witc,
 * else `witc` from PATH.
 * @returns {string}
 */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('witc').get('server.path', '');
  if (configured) return configured;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && folder.uri.scheme === 'file') {
    const bin = process.platform === 'win32' ? 'witc.cmd' : 'witc';
    const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', bin);
    if (fs.existsSync(local)) return local;
  }
  return 'witc';
}

/** @returns {LanguageClient} */
function createClient() {
  const extraArgs = vscode.workspace.getConfiguration('witc').get('server.extraArgs', []);
  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const serverOptions = {
    command: serverCommand(),
    // No `transport` on purpose: vscode-languageclient would append its own `--stdio`; we pass the flag ourselves.
    args: ['lsp', '--stdio', ...extraArgs],
    // npm installs `witc.cmd` on Windows, which needs a shell to run.
    options: { shell: process.platform === 'win32' },
  };
  /** @type {import('vscode-languageclient/node').LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'wit' },
      { scheme: 'untitled', language: 'wit' },
    ],
    // Files in deps/ folders change outside the editor; tell the server so it re-resolves.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.wit') },
    outputChannelName: 'WIT (witc)',
  };
  return new LanguageClient('witc', 'WIT language server (witc)', serverOptions, clientOptions);
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  client = createClient();
  context.subscriptions.push(
    vscode.commands.registerCommand('witc.restartServer', async () => {
      if (client) await client.stop();
      client = createClient();
      await client.start();
    }),
  );
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(
      `Could not start \`witc lsp --stdio\` (${message}). Install witc or set "witc.server.path".`,
    );
  }
}

/** @returns {Promise<void> | undefined} */
function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
