/**
 * wit-parser's topological sort: Kahn's algorithm where, among the ready nodes, the one declared first is taken
 * next. Used for interfaces/worlds of a package (edges = `use` / `include`) and for the types of one scope.
 *
 * The sort itself works on node numbers (`GraphSort`): the types of a scope are sorted once per interface, and the
 * resolver keeps one `GraphSort` whose buffers serve every scope. `toposort` is the same sort over named nodes.
 */
import type { Span } from '../text/source.js';
import { Codes } from '../diagnostics/codes.js';
import { fail } from './errors.js';

/** An edge to the node `name`, with the span to blame. */
export interface Dep {
  readonly name: string;
  readonly span: Span;
}

/** `a`, or a copy of it with room for at least `n` entries. */
export function growInts(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Kahn's algorithm over nodes `0 … n-1`, the lowest-numbered ready node first. Node `i` depends on the nodes
 * `targets[start[i]] … targets[start[i + 1] - 1]`; a negative target is no edge. Buffers are reused from sort to sort.
 */
export class GraphSort {
  /** The nodes in order: the first `sort()` entries. */
  order = new Int32Array(64);
  /** Per node: how many of its dependencies are not ordered yet (0 for every ordered node). */
  private remaining = new Int32Array(64);
  /** Per node: where its dependents start in `dependents` (`n + 1` entries). */
  private dependentStart = new Int32Array(65);
  private dependents = new Int32Array(64);
  private heap = new Int32Array(64);

  /** Sorts; returns how many nodes were ordered (less than `n` exactly when there is a cycle). */
  sort(n: number, start: Int32Array, targets: Int32Array): number {
    const remaining = (this.remaining = growInts(this.remaining, n));
    const dStart = (this.dependentStart = growInts(this.dependentStart, n + 1));
    const dependents = (this.dependents = growInts(this.dependents, start[n]!));
    const heap = (this.heap = growInts(this.heap, n));
    const order = (this.order = growInts(this.order, n));
    dStart.fill(0, 0, n + 1);
    for (let i = 0; i < n; i++) {
      let count = 0;
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const j = targets[k]!;
        if (j < 0) continue;
        count++;
        dStart[j + 1]!++;
      }
      remaining[i] = count;
    }
    // Prefix sums: `dStart[j + 1]` becomes where j's dependents end.
    for (let i = 0; i < n; i++) dStart[i + 1]! += dStart[i]!;
    const edgeCount = dStart[n]!;
    // Fill each node's dependents from the end of its range down: `dStart[j + 1]` ends where they start.
    for (let i = n - 1; i >= 0; i--) {
      for (let k = start[i + 1]! - 1; k >= start[i]!; k--) {
        const j = targets[k]!;
        if (j >= 0) dependents[--dStart[j + 1]!] = i;
      }
    }
    // Shift back by one slot: `dStart[j]` is where j's dependents start, `dStart[j + 1]` where they end.
    for (let j = 0; j < n; j++) dStart[j] = dStart[j + 1]!;
    dStart[n] = edgeCount;
    let size = 0;
    for (let i = 0; i < n; i++) if (remaining[i] === 0) size = heapPush(heap, size, i);
    let count = 0;
    while (size > 0) {
      const node = heap[0]!;
      size = heapPop(heap, size);
      order[count++] = node;
      for (let k = dStart[node]!; k < dStart[node + 1]!; k++) {
        const i = dependents[k]!;
        if (--remaining[i]! === 0) size = heapPush(heap, size, i);
      }
    }
    return count;
  }

  /**
   * After a sort that left nodes out: the first edge (an index into `targets`) of the first unordered node that
   * leads to another unordered node, the edge wit-parser blames for the cycle.
   */
  cycleEdge(n: number, start: Int32Array, targets: Int32Array): number {
    for (let i = 0; i < n; i++) {
      if (this.remaining[i] === 0) continue;
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const j = targets[k]!;
        if (j >= 0 && this.remaining[j] !== 0) return k;
      }
    }
    throw new Error('toposort: cycle not found');
  }
}

/** Adds `x` to the min-heap `heap[0 … size-1]`; returns the new size. */
function heapPush(heap: Int32Array, size: number, x: number): number {
  let i = size;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p]! <= x) break;
    heap[i] = heap[p]!;
    i = p;
  }
  heap[i] = x;
  return size + 1;
}

/** Removes the least entry (`heap[0]`) of the min-heap `heap[0 … size-1]`; returns the new size. */
function heapPop(heap: Int32Array, size: number): number {
  const last = heap[--size]!;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && heap[r]! < heap[l]! ? r : l;
    if (heap[c]! >= last) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = last;
  return size;
}

/**
 * Returns the node names in dependency order. `kind` names nodes in messages ("type", "interface or world").
 * `notes` gives "did you mean" notes for an unknown name; `hint` an extra message line (the float32 hint).
 */
export function toposort(
  kind: string,
  deps: ReadonlyMap<string, readonly Dep[]>,
  notes: (name: string) => string[] = () => [],
  hint: (name: string) => string | undefined = () => undefined,
): string[] {
  const names = [...deps.keys()];
  const n = names.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(names[i]!, i);
  const edges: Dep[] = [];
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    start[i] = edges.length;
    for (const e of deps.get(names[i]!)!) edges.push(e);
  }
  start[n] = edges.length;
  const targets = new Int32Array(edges.length);
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k]!;
    const j = index.get(e.name);
    if (j === undefined) {
      const h = hint(e.name);
      fail(Codes.UnknownName, `${kind} \`${e.name}\` does not exist${h ? `\n${h}` : ''}`, e.span, { notes: notes(e.name) });
    }
    targets[k] = j;
  }
  const sorter = new GraphSort();
  const count = sorter.sort(n, start, targets);
  if (count < n) {
    const e = edges[sorter.cycleEdge(n, start, targets)]!;
    fail(Codes.Cycle, `${kind} \`${e.name}\` depends on itself`, e.span);
  }
  const order: string[] = [];
  for (let k = 0; k < n; k++) order.push(names[sorter.order[k]!]!);
  return order;
}
