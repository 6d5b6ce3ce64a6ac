/**
 * `npm run bench [-- --quick] [-- NAME…]`: every benchmark, printed side by side with jco where it applies.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benches } from './suites/index.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const sharedDir = resolve(process.env.WITC_SHARED ?? '../shared');
const shared = existsSync(sharedDir) ? sharedDir : undefined;
if (!shared) console.log(`(no ${sharedDir}: benchmarks that need it are skipped)`);

/**
 * The machine's load when a suite starts: timings move with it (on a 2-core machine a load of 2 means another process
 * competes with the benchmark and with V8's garbage-collector threads), so it is printed with them. Windows has none.
 */
function load(): string {
  const one = loadavg()[0]!;
  return one > 0 ? ` (load average ${one.toFixed(2)})` : '';
}

const cpu = cpus();
console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`);

for (const b of benches) {
  if (names.length > 0 && !names.includes(b.name)) continue;
  console.log(`\n## ${b.name}${load()}`);
  try {
    await b.run({ shared, quick, log: (l) => console.log(l) });
  } catch (e) {
    console.log(`  failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  }
}
