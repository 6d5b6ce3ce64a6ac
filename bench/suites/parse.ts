/**
 * Lex + parse throughput, warm: ../shared/bench/synth.wit (2.5 MB) and every file of the WASI 0.2.12 / 0.3.0
 * packages, in MB/s of UTF-8 input, with the lexer alone for comparison.
 *
 * Runs back to back (no forced collection in between: a forced full GC shrinks the heap, and the next run then pays
 * for growing it again, which is not the warm steady state). Reported: the median and the best run.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench, BenchContext } from '../harness.js';
import { parse } from '../../src/syntax/index.js';
import { lex } from '../../src/syntax/lexer.js';
import { Source } from '../../src/text/source.js';

function time(fn: () => void, runs: number): { median: number; best: number } {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1]!, best: times[0]! };
}

function report(ctx: BenchContext, label: string, bytes: number, fn: () => void, runs: number): void {
  const t = time(fn, runs);
  const mbs = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(1);
  ctx.log(`  ${label.padEnd(34)} ${(bytes / 1e6).toFixed(2)} MB  median ${t.median.toFixed(1)} ms = ${mbs(t.median)} MB/s  (best ${mbs(t.best)} MB/s)`);
}

/** Heap kept alive by the result of `fn`, in MB (needs `--expose-gc`, which `npm run bench` passes). */
function retainedMb(fn: () => unknown): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = fn();
  gc();
  const after = process.memoryUsage().heapUsed;
  return result === undefined ? undefined : (after - before) / 1e6;
}

function witFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...witFiles(p));
    else if (n.endsWith('.wit')) out.push(p);
  }
  return out;
}

export const parseBench: Bench = {
  name: 'parse',
  async run(ctx: BenchContext): Promise<void> {
    if (!ctx.shared) {
      ctx.log('  skipped (needs ../shared)');
      return;
    }
    const runs = ctx.quick ? 3 : 15;
    const synth = readFileSync(join(ctx.shared, 'bench/synth.wit'), 'utf8');
    const synthBytes = Buffer.byteLength(synth);
    report(ctx, 'synth.wit lex + parse', synthBytes, () => parse(synth, 'synth.wit'), runs);
    report(ctx, 'synth.wit lex only', synthBytes, () => lex(new Source('synth.wit', synth)), runs);
    const kept = retainedMb(() => parse(synth, 'synth.wit'));
    if (kept !== undefined) ctx.log(`  synth.wit parse result keeps ${kept.toFixed(1)} MB of heap alive`);
    for (const set of ['wasi-0.2.12', 'wasi-0.3.0']) {
      const files = witFiles(join(ctx.shared, 'wit', set)).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
      const bytes = files.reduce((n, x) => n + Buffer.byteLength(x.text), 0);
      const all = () => {
        for (const { f, text } of files) parse(text, f);
      };
      report(ctx, `${set} (${files.length} files) lex + parse`, bytes, all, runs * 4);
    }
  },
};
