/**
 * Arrays of exactly their length, built from array literals, for the lists the parser and the resolver keep.
 *
 * Why: V8 pre-tenures an array literal (the array and its elements) once its allocation site's arrays tend to
 * survive, so a tree's lists go straight to the old generation. An array grown by `push`, or made by `map` or
 * `slice`, gets its elements from the young generation instead, where every long-lived list is copied by a scavenge
 * before it is promoted. On synth.wit that was 2–3 MB copied per parse and as much per resolve. Lists longer than
 * eight items are made with `new Array(n)` (see `longArray`).
 */

/**
 * An array of `n` empty slots, to be filled in order. `new Array(n)` allocates the elements with the array, where V8
 * allocates the array (pre-tenured, like a literal, once its site's arrays survive); an array grown by `push` gets
 * new elements from the young generation at each growth. Above 65 536 slots V8 would make `new Array(n)` a
 * dictionary, so such (unheard-of) lists grow by `push` instead.
 */
function longArray<T>(n: number): T[] {
  return n <= 65536 ? new Array<T>(n) : [];
}

/** `src[from]` to `src[from + n - 1]` as a new array. */
export function exactSlice<T>(src: readonly T[], from: number, n: number): T[] {
  const s = src;
  const i = from;
  switch (n) {
    case 0:
      return [];
    case 1:
      return [s[i]!];
    case 2:
      return [s[i]!, s[i + 1]!];
    case 3:
      return [s[i]!, s[i + 1]!, s[i + 2]!];
    case 4:
      return [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!];
    case 5:
      return [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, s[i + 4]!];
    case 6:
      return [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, s[i + 4]!, s[i + 5]!];
    case 7:
      return [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, s[i + 4]!, s[i + 5]!, s[i + 6]!];
    case 8:
      return [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!, s[i + 4]!, s[i + 5]!, s[i + 6]!, s[i + 7]!];
    default: {
      const out = longArray<T>(n);
      for (let k = 0; k < n; k++) out[k] = s[i + k]!;
      return out;
    }
  }
}

/** `xs.map(f)` (see the module comment); `f` is called in order, once per item. */
export function mapExact<T, U>(xs: readonly T[], f: (x: T) => U): U[] {
  switch (xs.length) {
    case 0:
      return [];
    case 1:
      return [f(xs[0]!)];
    case 2:
      return [f(xs[0]!), f(xs[1]!)];
    case 3:
      return [f(xs[0]!), f(xs[1]!), f(xs[2]!)];
    case 4:
      return [f(xs[0]!), f(xs[1]!), f(xs[2]!), f(xs[3]!)];
    case 5:
      return [f(xs[0]!), f(xs[1]!), f(xs[2]!), f(xs[3]!), f(xs[4]!)];
    case 6:
      return [f(xs[0]!), f(xs[1]!), f(xs[2]!), f(xs[3]!), f(xs[4]!), f(xs[5]!)];
    case 7:
      return [f(xs[0]!), f(xs[1]!), f(xs[2]!), f(xs[3]!), f(xs[4]!), f(xs[5]!), f(xs[6]!)];
    case 8:
      return [f(xs[0]!), f(xs[1]!), f(xs[2]!), f(xs[3]!), f(xs[4]!), f(xs[5]!), f(xs[6]!), f(xs[7]!)];
    default: {
      const out = longArray<U>(xs.length);
      for (let k = 0; k < xs.length; k++) out[k] = f(xs[k]!);
      return out;
    }
  }
}
