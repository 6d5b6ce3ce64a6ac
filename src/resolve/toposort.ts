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
  const index = new Map(names.map((n, i) => [n, i]));
  const remaining = new Array<number>(names.length).fill(0);
  const reverse: number[][] = names.map(() => []);
  names.forEach((name, i) => {
    const edges = deps.get(name)!;
    remaining[i] = edges.length;
    for (const e of edges) {
      const j = index.get(e.name);
      if (j === undefined) {
        const h = hint(e.name);
        fail(Codes.UnknownName, `${kind} \`${e.name}\` does not exist${h ? `\n${h}` : ''}`, e.span, { notes: notes(e.name) });
      }
      reverse[j].push(i);
    }
  });
  const heap = new MinHeap();
  remaining.forEach((c, i) => c === 0 && heap.push(i));
  const order: string[] = [];
  for (let node = heap.pop(); node !== undefined; node = heap.pop()) {
    order.push(names[node]!);
    for (const i of reverse[node]!) if (--remaining[i]! === 0) heap.push(i);
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
