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

/** Several independent errors of one package (the first is the one wit-parser reports). */
export class ResolveErrors extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics[0]?.message ?? 'errors');
  }
}

/** An error caused by an earlier reported error: dropped, not reported. */
export class FollowOnError extends Error {}

/** Runs `f`; a `ResolveError` is recorded in `errors` and `undefined` returned. Follow-on errors are dropped. */
export function recover<T>(errors: Diagnostic[], f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof ResolveError) errors.push(e.diagnostic);
    else if (e instanceof ResolveErrors) errors.push(...e.diagnostics);
    else if (!(e instanceof FollowOnError)) throw e;
    return undefined;
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

/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
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
