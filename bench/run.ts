/**
 * `npm run bench [-- --quick] [-- NAME…]`: every benchmark, printed side by side with jco where it applies.
 */
import { spawnSync } from 'node:child_process';
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
 * The state of the machine when a suite starts, printed with its timings because they move with it:
 * - the load average (on a 2-core machine a load of 2 means another process competes with the benchmark and with
 *   V8's garbage-collector threads; Windows has none);
 * - how long `node -e 0` takes (median of 5). On a shared host, memory-bound work such as parsing slows down while
 *   arithmetic does not and the load average stays low; Node's start-up shows it (54–61 ms on the machine the docs
 *   were measured on when it was fast, 65–90 ms when it was slow).
 */
function machineState(): string {
  const parts: string[] = [];
  const one = loadavg()[0]!;
  if (one > 0) parts.push(`load average ${one.toFixed(2)}`);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    if (spawnSync(process.execPath, ['-e', '0']).status === 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  if (times.length > 0) parts.push(`\`node -e 0\` ${times[times.length >> 1]!.toFixed(0)} ms`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

const cpu = cpus();
console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`);

for (const b of benches) {
  if (names.length > 0 && !names.includes(b.name)) continue;
  console.log(`\n## ${b.name}${machineState()}`);
  try {
    await b.run({ shared, quick, log: (l) => console.log(l) });
  } catch (e) {
    console.log(`  failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  }
}
