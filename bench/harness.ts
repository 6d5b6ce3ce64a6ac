/**
 * Shared helpers for `npm run bench`. Benchmarks print numbers and ratios; they never assert timings.
 */
export interface BenchContext {
  /** Absolute path of ../shared (benchmarks that need its inputs are skipped without it). */
  readonly shared: string | undefined;
  readonly log: (line: string) => void;
  /** `--quick`: fewer iterations (used to smoke-test the benchmarks themselves). */
  readonly quick: boolean;
}

export interface Bench {
  readonly name: string;
  run(ctx: BenchContext): Promise<void>;
}

/**
 * Runs `fn` repeatedly after a warm-up and returns the median, the minimum and the quartiles (`q1`, `q3`: the middle
 * half of the runs) of the wall time in milliseconds, and the minor page faults per timed run (memory the process
 * touched for the first time: V8 returns the old generation's emptied pages to the system after a full collection,
 * and each page is faulted in again when reused, which costs 1–2 µs per 4 KB here).
 */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  { warmup = 3, iterations = 10, minTimeMs = 0 } = {},
): Promise<{ median: number; min: number; q1: number; q3: number; runs: number; pageFaults: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const faults0 = process.resourceUsage().minorPageFault;
  const start = performance.now();
  while (times.length < iterations || performance.now() - start < minTimeMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const pageFaults = (process.resourceUsage().minorPageFault - faults0) / times.length;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { median: times[times.length >> 1]!, min: times[0]!, q1: at(0.25), q3: at(0.75), runs: times.length, pageFaults };
}

export function fmtMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

/** "x.y× faster" / "x.y× slower" of `ours` against `theirs` (both durations). */
export function ratio(ours: number, theirs: number): string {
  const r = theirs / ours;
  return r >= 1 ? `${r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`;
}
