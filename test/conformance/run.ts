/**
 * `npm run conformance`: every suite that needs ../shared. Ends with `N passed, M failed, K skipped` and exits 1 when
 * any suite has an unexpected failure (known failures are counted as skipped and listed with their reasons).
 *
 *   npm run conformance -- [--suite NAME] [--filter TEXT] [--verbose]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Suite, SuiteContext } from './harness.js';
import { suites } from './suites/index.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = opt('--suite');
const filter = opt('--filter');
const verbose = args.includes('--verbose');

const shared = resolve(process.env.WITC_SHARED ?? '../shared');
if (!existsSync(shared)) {
  console.error(`conformance: ${shared} not found (set WITC_SHARED to the shared/ folder)`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const selected: Suite[] = suites.filter((s) => !only || s.name === only);
for (const suite of selected) {
  const ctx: SuiteContext = { shared, filter, verbose, log: (l) => console.log(`  ${l}`) };
  console.log(`suite ${suite.name}`);
  const t0 = performance.now();
  try {
    const r = await suite.run(ctx);
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    console.log(
      `  -> ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${Math.round(performance.now() - t0)} ms)`,
    );
  } catch (e) {
    failed += 1;
    console.log(`  -> suite crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
