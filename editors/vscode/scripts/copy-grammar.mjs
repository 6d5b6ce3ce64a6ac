// Copies the repository's grammar/wit.tmLanguage.json into syntaxes/, where package.json's grammar contribution
// points. vsce only packages files inside this folder, so the grammar is copied rather than referenced with `../..`.
// Runs before `vsce package` (vscode:prepublish); run `npm run grammar` once before launching the extension from source.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../../grammar/wit.tmLanguage.json', import.meta.url));
const dir = fileURLToPath(new URL('../syntaxes/', import.meta.url));
mkdirSync(dir, { recursive: true });
copyFileSync(from, `${dir}wit.tmLanguage.json`);
console.log(`copied ${from} -> ${dir}wit.tmLanguage.json`);
