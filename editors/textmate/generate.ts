/**
 * Writes grammar/wit.tmLanguage.json from wit-grammar.ts: `npx vite-node editors/textmate/generate.ts`.
 * test/editor/grammar-file.test.ts fails when the committed JSON is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { witGrammarJson } from './wit-grammar.js';

const out = fileURLToPath(new URL('../../grammar/wit.tmLanguage.json', import.meta.url));
writeFileSync(out, witGrammarJson());
console.log(`wrote ${out}`);
