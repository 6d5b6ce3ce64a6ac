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
