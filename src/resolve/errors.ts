/**
 * Internal error plumbing of the resolver. Resolution steps throw a `ResolveError` (wit-parser stops at its first
 * error in a package, and so must we to report the same first error); the loader catches it at the package
 * boundary and turns it into a `Diagnostic`. Nothing escapes the public API as an exception.
 */
import { diagnostic, type Diagnostic, type Label } from '../diagnostics/diagnostic.js';
import type { Span } from '../text/source.js';

export class ResolveError extends Error {
  constructor(
    readonly diagnostic: Diagnostic,
  ) {
    super(diagnostic.message);
  }
}

export function fail(
  code: string,
  message: string,
  span?: Span | undefined,
  extra: { labels?: Label[]; notes?: string[] } = {},
): never {
  throw new ResolveError(diagnostic({ code, message, span, ...extra }));
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

/** The closest candidate within a small edit distance (case-insensitive match first), if any. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(name.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Notes with a "did you mean" hint, or none. */
export function didYouMean(name: string, candidates: Iterable<string>): string[] {
  const s = suggest(name, candidates);
  return s === undefined ? [] : [`did you mean \`${s}\`?`];
}
