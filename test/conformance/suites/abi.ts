import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVectorFile } from '../../abi/vectors/runner.js';
import type { Suite } from '../harness.js';

/** Canonical ABI vectors: every `*.jsonl` under ../shared/abi-vectors, run against generated lift/lower code. */
export const abiSuite: Suite = {
  name: 'abi',
  async run(ctx) {
    const dir = join(ctx.shared, 'abi-vectors');
    let passed = 0;
    let failed = 0;
    let shown = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      const outcomes = runVectorFile(readFileSync(join(dir, file), 'utf8'), ctx.filter);
      let filePassed = 0;
      for (const o of outcomes) {
        if (o.failures.length === 0) {
          filePassed++;
          continue;
        }
        if (ctx.verbose || shown++ < 10) ctx.log(`FAIL ${file} ${o.id}: ${o.failures.join('; ')}`);
      }
      ctx.log(`${file}: ${filePassed}/${outcomes.length} passed`);
      passed += filePassed;
      failed += outcomes.length - filePassed;
    }
    return { passed, failed, skipped: 0 };
  },
};
