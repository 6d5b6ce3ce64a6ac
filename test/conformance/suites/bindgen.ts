/**
 * Guest bindings for every world of wit-parser's ui valid suite and of WASI 0.2.12 / 0.3.0 must type-check with zero
 * errors under --strict (plus exactOptionalPropertyTypes and noUncheckedIndexedAccess). Each world is checked as its
 * own program (ambient module names are global to a program); library files are parsed once and shared.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Suite, SuiteContext, SuiteResult } from '../harness.js';
import { nodeHost } from '../../../src/node/host.js';
import { loadPath, type LoadResult } from '../../../src/resolve/index.js';
import { generateGuest } from '../../../src/bindgen/guest.js';
import { rooted, typeCheck } from '../../bindgen/support.js';

interface Job {
  readonly name: string;
  readonly files: Map<string, string>;
}

function uiCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n !== 'parse-fail' && !n.startsWith('.'))
    .filter((n) => statSync(join(dir, n)).isDirectory() || /\.(wit|wat|wasm|md)$/.test(n))
    .sort();
}

function safeLoad(path: string, packageDirs?: string[]): LoadResult | string {
  try {
    return loadPath(nodeHost, path, { features: ['active'], ...(packageDirs ? { packageDirs } : {}) });
  } catch (e) {
    return `resolver crash: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export const bindgenSuite: Suite = {
  name: 'bindgen',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const jobs: Job[] = [];
    const failures: string[] = [];
    let unresolved = 0;
    const pick = (name: string) => !ctx.filter || name.includes(ctx.filter);
    const addWorlds = (name: string, r: LoadResult | string) => {
      if (typeof r === 'string' || !r.resolve) {
        // Inputs the resolver rejects are the resolve suite's business; they are counted, not failed, here.
        unresolved++;
        return;
      }
      for (const p of r.main) {
        for (const [w, id] of r.resolve.packages[p]!.worlds) {
          const job = `${name}/${w}`;
          try {
            jobs.push({ name: job, files: rooted(generateGuest(r.resolve, id), `/${jobs.length}`) });
          } catch (e) {
            failures.push(`${job}: generator crash: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
    };

    const ui = join(ctx.shared, 'conformance/wit-parser-ui');
    for (const name of uiCases(ui)) if (pick(`ui/${name}`)) addWorlds(`ui/${name}`, safeLoad(join(ui, name)));
    const counts: Record<string, number> = { ui: jobs.length };
    for (const version of ['wasi-0.2.12', 'wasi-0.3.0']) {
      const root = join(ctx.shared, 'wit', version);
      if (!existsSync(root)) continue;
      const before = jobs.length;
      const dirs = readdirSync(root)
        .filter((d) => statSync(join(root, d)).isDirectory())
        .sort();
      for (const d of dirs) {
        if (!pick(`${version}/${d}`)) continue;
        const siblings = dirs.filter((s) => s !== d).map((s) => join(root, s));
        addWorlds(`${version}/${d}`, safeLoad(join(root, d), siblings));
      }
      counts[version] = jobs.length - before;
    }

    const t0 = performance.now();
    const results = typeCheck(jobs.map((j) => j.files));
    const ms = performance.now() - t0;
    let passed = 0;
    jobs.forEach((job, i) => {
      const errors = results[i]!;
      if (errors.length === 0) passed++;
      else failures.push(`${job.name}: ${errors.length} tsc error(s)\n      ${errors.slice(0, 3).join('\n      ')}`);
    });
    ctx.log(
      `worlds: ui ${counts.ui ?? 0}, wasi-0.2.12 ${counts['wasi-0.2.12'] ?? 0}, wasi-0.3.0 ${counts['wasi-0.3.0'] ?? 0}; ` +
        `${passed}/${jobs.length} type-check with zero errors (${(ms / 1000).toFixed(1)} s); ${unresolved} inputs not resolved (skipped)`,
    );
    const shown = ctx.verbose ? failures : failures.slice(0, 10);
    for (const f of shown) ctx.log(`FAIL ${f}`);
    if (failures.length > shown.length) ctx.log(`… ${failures.length - shown.length} more (--verbose)`);
    return { passed, failed: failures.length, skipped: unresolved };
  },
};
