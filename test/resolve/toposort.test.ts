import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GraphSort, toposort, type Dep } from '../../src/resolve/toposort.js';
import { ResolveError } from '../../src/resolve/errors.js';

/** The sort as wit-parser states it: repeatedly take the first-declared node whose dependencies are all taken. */
function reference(n: number, deps: number[][]): number[] {
  const done = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  for (;;) {
    let next = -1;
    for (let i = 0; i < n && next < 0; i++) if (!done[i] && deps[i]!.every((j) => j < 0 || done[j])) next = i;
    if (next < 0) return order;
    done[next] = true;
    order.push(next);
  }
}

function flatten(deps: number[][]): { start: Int32Array; targets: Int32Array } {
  const start = new Int32Array(deps.length + 1);
  const flat: number[] = [];
  deps.forEach((d, i) => {
    start[i] = flat.length;
    flat.push(...d);
  });
  start[deps.length] = flat.length;
  return { start, targets: Int32Array.from(flat) };
}

/** Graphs of up to 40 nodes; -1 targets are "no edge" (unknown names the resolver has reported). */
const graphs = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.array(
      fc.array(fc.integer({ min: -1, max: Math.max(0, n - 1) }), {
        maxLength: 4,
      }),
      { minLength: n, maxLength: n },
    ),
  ),
);

describe('GraphSort', () => {
  it('orders like the first-declared-ready rule, and stops at a cycle', () => {
    // One sorter for all graphs: its buffers are reused, as the resolver reuses them from scope to scope.
    const sorter = new GraphSort();
    fc.assert(
      fc.property(graphs, ([n, deps]) => {
        const { start, targets } = flatten(deps);
        const count = sorter.sort(n, start, targets);
        const expected = reference(n, deps);
        expect(Array.from(sorter.order.subarray(0, count))).toEqual(expected);
        if (count < n) {
          // The blamed edge joins two nodes that are both left out.
          const k = sorter.cycleEdge(n, start, targets);
          const from = deps.findIndex((_, i) => k >= start[i]! && k < start[i + 1]!);
          expect(expected).not.toContain(from);
          expect(expected).not.toContain(targets[k]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('orders an acyclic graph completely', () => {
    const sorter = new GraphSort();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.nat(), { maxLength: 5 }), {
              minLength: n,
              maxLength: n,
            }),
          ),
        ),
        ([n, raw]) => {
          // Edges only to earlier nodes: no cycle.
          const deps = raw.map((d, i) => (i === 0 ? [] : d.map((x) => x % i)));
          const { start, targets } = flatten(deps);
          expect(sorter.sort(n, start, targets)).toBe(n);
          expect(Array.from(sorter.order.subarray(0, n))).toEqual(reference(n, deps));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('toposort', () => {
  const span = (start: number) => ({
    source: undefined as never,
    start,
    end: start + 1,
  });
  const dep = (name: string, at: number): Dep => ({ name, span: span(at) });

  it('puts dependencies first, the first declared first among those ready', () => {
    const deps = new Map<string, Dep[]>([
      ['a', [dep('c', 0)]],
      ['b', []],
      ['c', []],
    ]);
    expect(toposort('type', deps)).toEqual(['b', 'c', 'a']);
  });

  it('reports an unknown name and a cycle at the edge wit-parser blames', () => {
    const unknown = new Map<string, Dep[]>([['a', [dep('nope', 7)]]]);
    expect(() => toposort('type', unknown)).toThrow(ResolveError);
    expect(() => toposort('type', unknown)).toThrow('type `nope` does not exist');
    const cycle = new Map<string, Dep[]>([
      ['a', []],
      ['b', [dep('c', 3)]],
      ['c', [dep('b', 5)]],
    ]);
    try {
      toposort('interface or world', cycle);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ResolveError);
      expect((e as ResolveError).diagnostic.message).toBe('interface or world `c` depends on itself');
      expect((e as ResolveError).diagnostic.span?.start).toBe(3);
    }
  });
});
