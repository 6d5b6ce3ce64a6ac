/**
 * Warm guest bindgen of the WASI 0.3 `wasi:http/service` world (target ≤ 20 ms; jco `types` measured 74 ms warm
 * for all of WASI 0.3). Printed: generation alone from a resolved model, and load + resolve + generate.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from '../harness.js';
import { fmtMs, measure } from '../harness.js';
import { nodeHost } from '../../src/node/host.js';
import { loadPath, selectWorld } from '../../src/resolve/index.js';
import { generateGuest } from '../../src/bindgen/guest.js';

export const bindgenBench: Bench = {
  name: 'bindgen',
  async run(ctx) {
    if (!ctx.shared) {
      ctx.log('  skipped (needs ../shared/wit/wasi-0.3.0)');
      return;
    }
    const root = join(ctx.shared, 'wit/wasi-0.3.0');
    const siblings = readdirSync(root)
      .filter((d) => d !== 'http' && statSync(join(root, d)).isDirectory())
      .map((d) => join(root, d));
    const load = () => loadPath(nodeHost, join(root, 'http'), { packageDirs: siblings });
    const first = load();
    if (!first.resolve) throw new Error(first.diagnostics.map((d) => d.message).join('\n'));
    const resolve = first.resolve;
    const world = selectWorld(resolve, first.main, 'service').world;
    if (world === undefined) throw new Error('wasi:http/service not found');
    const files = generateGuest(resolve, world);
    const bytes = [...files.values()].reduce((n, t) => n + t.length, 0);
    const iterations = ctx.quick ? 5 : 50;
    const gen = await measure(() => generateGuest(resolve, world), { warmup: 5, iterations });
    const all = await measure(
      () => {
        const r = load();
        return generateGuest(r.resolve!, selectWorld(r.resolve!, r.main, 'service').world!);
      },
      { warmup: 3, iterations: ctx.quick ? 3 : 20 },
    );
    ctx.log(`  wasi:http/service@0.3.0 guest bindings: ${files.size} files, ${(bytes / 1024).toFixed(1)} KiB`);
    ctx.log(`  generate (warm, resolved model): median ${fmtMs(gen.median)}, min ${fmtMs(gen.min)}`);
    ctx.log(`  load + resolve + generate (warm): median ${fmtMs(all.median)}, min ${fmtMs(all.min)}  (target ≤ 20 ms)`);
  },
};
