/**
 * wit-parser's topological sort: Kahn's algorithm where, among the ready nodes, the one declared first is taken
 * next. Used for interfaces/worlds of a package (edges = `use` / `include`) and for the types of one scope.
 */
import type { Span } from '../text/source.js';
import { Codes } from '../diagnostics/codes.js';
import { fail } from './errors.js';

/** An edge to the node `name`, with the span to blame. */
export interface Dep {
  readonly name: string;
  readonly span: Span;
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
  const remaining = new Array<number>(n).fill(0);
  // Reverse edges, allocated only for nodes that something depends on.
  const reverse: (number[] | undefined)[] = new Array<number[] | undefined>(n).fill(undefined);
  for (let i = 0; i < n; i++) {
    const edges = deps.get(names[i]!)!;
    remaining[i] = edges.length;
    for (const e of edges) {
      const j = index.get(e.name);
      if (j === undefined) {
        const h = hint(e.name);
        fail(Codes.UnknownName, `${kind} \`${e.name}\` does not exist${h ? `\n${h}` : ''}`, e.span, { notes: notes(e.name) });
      }
      (reverse[j] ??= []).push(i);
    }
  }
  const heap = new MinHeap();
  for (let i = 0; i < n; i++) if (remaining[i] === 0) heap.push(i);
  const order: string[] = [];
  for (let node = heap.pop(); node !== undefined; node = heap.pop()) {
    order.push(names[node]!);
    const rev = reverse[node];
    if (rev !== undefined) for (const i of rev) if (--remaining[i]! === 0) heap.push(i);
  }
  if (order.length === names.length) return order;
  for (let i = 0; i < names.length; i++) {
    if (remaining[i] === 0) continue;
    for (const e of deps.get(names[i]!)!) {
      if (remaining[index.get(e.name)!] === 0) continue;
      fail(Codes.Cycle, `${kind} \`${e.name}\` depends on itself`, e.span);
    }
  }
  throw new Error('toposort: cycle not found');
}

/**
 * `toposort` for the types of one scope, on numbers instead of names, with buffers reused from scope to scope (a
 * package has one scope per interface and world). Node `i < defs` is typedef `i`, whose edges are
 * `edges[ends[i - 1] .. ends[i])`; the nodes from `defs` to `count` are the names already in scope, without edges.
 * `target(e)` is the node edge `e` points to, or -1 for an unknown name (such edges were reported and are left out).
 * Returns the typedefs (numbers below `defs`) in wit-parser's order, in a buffer valid until the next call.
 */
export class TypeSort {
  private buf = new Int32Array(1024);

  order(defs: number, count: number, edges: readonly Dep[], ends: readonly number[], target: (e: Dep) => number): Int32Array {
    const m = edges.length;
    // Layout of the buffer: remaining[count], reverse edges (start[count + 1], then sources[m]), heap[count],
    // order[defs], edge targets[m].
    const size = 3 * count + 1 + 2 * m + defs;
    if (this.buf.length < size) this.buf = new Int32Array(Math.max(size, 2 * this.buf.length));
    const b = this.buf;
    b.fill(0, 0, size);
    const REMAINING = 0;
    const START = count;
    const SOURCES = START + count + 1;
    const HEAP = SOURCES + m;
    const ORDER = HEAP + count;
    const TARGETS = ORDER + defs;
    let e = 0;
    for (let i = 0; i < defs; i++) {
      for (const end = ends[i]!; e < end; e++) {
        const j = target(edges[e]!);
        b[TARGETS + e] = j;
        if (j < 0) continue;
        b[REMAINING + i]!++;
        b[START + j + 1]!++;
      }
    }
    for (let j = 0; j < count; j++) b[START + j + 1]! += b[START + j]!;
    // Fill the reverse edges (source typedef of each edge into its target's range); `start` is restored after.
    e = 0;
    for (let i = 0; i < defs; i++) {
      for (const end = ends[i]!; e < end; e++) {
        const j = b[TARGETS + e]!;
        if (j >= 0) b[SOURCES + b[START + j]!++] = i;
      }
    }
    for (let j = count; j > 0; j--) b[START + j] = b[START + j - 1]!;
    b[START] = 0;

    let heapSize = 0;
    const push = (x: number): void => {
      let i = heapSize++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (b[HEAP + p]! <= x) break;
        b[HEAP + i] = b[HEAP + p]!;
        i = p;
      }
      b[HEAP + i] = x;
    };
    const pop = (): number => {
      const top = b[HEAP]!;
      const last = b[HEAP + --heapSize]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heapSize) break;
        const r = l + 1;
        const c = r < heapSize && b[HEAP + r]! < b[HEAP + l]! ? r : l;
        if (b[HEAP + c]! >= last) break;
        b[HEAP + i] = b[HEAP + c]!;
        i = c;
      }
      if (heapSize > 0) b[HEAP + i] = last;
      return top;
    };
    for (let i = 0; i < count; i++) if (b[REMAINING + i] === 0) push(i);
    let done = 0;
    let typedefs = 0;
    while (heapSize > 0) {
      const node = pop();
      done++;
      if (node < defs) b[ORDER + typedefs++] = node;
      for (let k = b[START + node]!, end = b[START + node + 1]!; k < end; k++) {
        const i = b[SOURCES + k]!;
        if (--b[REMAINING + i]! === 0) push(i);
      }
    }
    if (done < count) {
      e = 0;
      for (let i = 0; i < defs; i++) {
        for (const end = ends[i]!; e < end; e++) {
          const j = b[TARGETS + e]!;
          if (b[REMAINING + i] === 0 || j < 0 || b[REMAINING + j] === 0) continue;
          fail(Codes.Cycle, `type \`${edges[e]!.name}\` depends on itself`, edges[e]!.span);
        }
      }
      throw new Error('toposort: cycle not found');
    }
    return b.subarray(ORDER, ORDER + typedefs);
  }
}

/** A binary min-heap of indices. */
class MinHeap {
  private readonly a: number[] = [];
  push(x: number): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number | undefined {
    const a = this.a;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
