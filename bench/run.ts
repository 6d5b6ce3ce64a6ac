/**
 * `npm run bench [-- --quick] [-- NAME…]`: every benchmark, printed side by side with jco where it applies.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { benches } from './suites/index.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const sharedDir = resolve(process.env.WITC_SHARED ?? '../shared');
const shared = existsSync(sharedDir) ? sharedDir : undefined;
if (!shared) console.log(`(no ${sharedDir}: benchmarks that need it are skipped)`);

for (const b of benches) {
  if (names.length > 0 && !names.includes(b.name)) continue;
  console.log(`\n## ${b.name}`);
  try {
    await b.run({ shared, quick, log: (l) => console.log(l) });
  } catch (e) {
    console.log(`  failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  }
}
