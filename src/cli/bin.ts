/**
 * The `witc` executable, built to dist/cli.cjs. It is CommonJS because an ES module entry costs Node 20 about 7 ms
 * more to start. It loads the command line (./main.ts, bundled into dist/cli-main.cjs) through V8's code cache
 * (./code-cache.ts) and runs it; once the command is done, it saves the cache if there was none.
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { codeCacheDir, loadScript, type LoadedScript } from './code-cache.js';

/** Each command keeps its own cache: a cache holds the functions of the run that made it. */
const COMMANDS = new Set(['check', 'json', 'bindgen', 'fmt', 'lsp']);

const argv = process.argv.slice(2);
const command = argv.find((a) => !a.startsWith('-')) ?? '';
// The bundle is next to this file (through a link too, as with `node --preserve-symlinks-main`).
const bundle = join(dirname(realpathSync(__filename)), 'cli-main.cjs');
let loaded: LoadedScript;
try {
  loaded = loadScript(bundle, codeCacheDir(process.env, process.platform, homedir), COMMANDS.has(command) ? command : 'other');
} catch (e) {
  process.stderr.write(`error: internal error in witc: cannot load ${bundle}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
}
const { run } = loaded.exports as { run(argv: readonly string[]): Promise<number> };
void run(argv).then((code) => {
  process.exitCode = code;
  loaded.save();
});
