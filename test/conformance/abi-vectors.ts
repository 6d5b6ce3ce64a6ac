/**
 * `npm run conformance:abi -- FILE.jsonl [...] [--filter ID] [--verbose]`: run canonical ABI vectors
 * (../shared/abi-vectors/README.md) against witc's generated lift/lower code. Ends with `N passed, M failed`;
 * exits 1 when any vector fails.
 */
import { readFileSync } from 'node:fs';
import { runVectorFile } from '../abi/vectors/runner.js';

const args = process.argv.slice(2);
const files: string[] = [];
let filter: string | undefined;
let verbose = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--filter') filter = args[++i];
  else if (a === '--verbose') verbose = true;
  else files.push(a);
}
if (files.length === 0) {
  console.error('usage: npm run conformance:abi -- FILE.jsonl [...] [--filter ID] [--verbose]');
  process.exit(2);
}

let passed = 0;
let failed = 0;
for (const file of files) {
  const outcomes = runVectorFile(readFileSync(file, 'utf8'), filter);
  let shown = 0;
  let filePassed = 0;
  for (const o of outcomes) {
    if (o.failures.length === 0) {
      filePassed++;
      continue;
    }
    if (verbose || shown < 20) {
      console.log(`FAIL ${o.id}`);
      for (const f of o.failures) console.log(`  ${f}`);
    }
    shown++;
  }
  console.log(`${file}: ${filePassed}/${outcomes.length} passed`);
  passed += filePassed;
  failed += outcomes.length - filePassed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
