/**
 * Structural interning of anonymous types (`list<u8>`, `result<a, b>`, `tuple<…>`, handles): one trie per
 * constructor over its component types. The trie lives in one open-addressing hash table of typed arrays, keyed by
 * (parent node, component), so interning allocates no objects: a type expression that repeats an earlier one (most
 * of them do) costs one or two table probes.
 */
import type { Type, TypeDefKind } from './model.js';

/** The constructors of anonymous types, each the root of its own trie. */
export type AnonTag = 'own' | 'borrow' | 'list' | 'option' | 'future' | 'stream' | 'fixed-length-list' | 'result' | 'map' | 'tuple';

const ROOTS: Record<AnonTag, number> = {
  own: 0,
  borrow: 1,
  list: 2,
  option: 3,
  future: 4,
  stream: 5,
  'fixed-length-list': 6,
  result: 7,
  map: 8,
  tuple: 9,
};
const ROOT_COUNT = 10;

/** Keys of primitive components: -2, -3, … (`null`, an absent component, is -1; type ids are ≥ 0). */
const PRIMITIVE_KEYS = new Map<string, number>(
  ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string', 'error-context'].map((p, i) => [p, -2 - i]),
);

function keyOf(t: Type | null): number {
  if (typeof t === 'number') return t;
  if (t === null) return -1;
  return PRIMITIVE_KEYS.get(t) ?? -1000;
}

/** Interns anonymous types by structure; trie nodes are numbers, each mapped to the type id interned there, if any. */
export class AnonTypes {
  /** Hash table slots: parent node + 1 (0 = empty slot), component key, child node. */
  private parents: Int32Array;
  private keys: Float64Array;
  private children: Int32Array;
  private used = 0;
  /** The type id interned at each node, -1 for none. */
  private ids: Int32Array;
  private nodes = ROOT_COUNT;

  /**
   * `expected`: about how many nodes the trie will get, to size the table once instead of doubling it all the way
   * (WIT text has roughly one per 100 characters).
   */
  constructor(expected = 0) {
    let size = 1024;
    while (size < 2 * expected) size *= 2;
    this.parents = new Int32Array(size);
    this.keys = new Float64Array(size);
    this.children = new Int32Array(size);
    this.ids = new Int32Array(size >> 1).fill(-1);
  }

  /** The type interned at `node`, or undefined. */
  get(node: number): number | undefined {
    const id = this.ids[node]!;
    return id < 0 ? undefined : id;
  }

  /** Records the type interned at `node`; returns it. */
  set(node: number, id: number): number {
    this.ids[node] = id;
    return id;
  }

  /** The node of a one-component type (`list<T>`, `option<T>`, handles, `future<T>`, `stream<T>`). */
  node1(tag: AnonTag, a: Type | null): number {
    return this.step(ROOTS[tag], keyOf(a));
  }

  /** The node of a two-component type (`result<T, E>`, `map<K, V>`); `b` may be a fixed-length list's size. */
  node2(tag: AnonTag, a: Type | null, b: Type | null): number {
    return this.step(this.step(ROOTS[tag], keyOf(a)), keyOf(b));
  }

  /** The node of a fixed-length list: its element, then its size. */
  fixedList(element: Type, size: number): number {
    return this.step(this.step(ROOTS['fixed-length-list'], keyOf(element)), size);
  }

  /** The node of a tuple: its length, then one step per component. */
  tuple(types: readonly Type[]): number {
    return this.tupleOf(types, 0, types.length);
  }

  /** The node of the tuple of `types[from]` to `types[from + n - 1]`. */
  tupleOf(types: readonly Type[], from: number, n: number): number {
    let node = this.step(ROOTS.tuple, n);
    for (let i = from; i < from + n; i++) node = this.step(node, keyOf(types[i]!));
    return node;
  }

  /** The trie node of `kind`; `get` of it is the interned type, if any. */
  find(kind: TypeDefKind): number {
    switch (kind.tag) {
      case 'handle':
        return this.node1(kind.handle, kind.type);
      case 'list':
      case 'option':
      case 'future':
      case 'stream':
        return this.node1(kind.tag, kind.type);
      case 'fixed-length-list':
        return this.fixedList(kind.type, kind.size);
      case 'result':
        return this.node2(kind.tag, kind.ok, kind.err);
      case 'map':
        return this.node2(kind.tag, kind.key, kind.value);
      case 'tuple':
        return this.tuple(kind.types);
      default:
        // Records, variants, … are never anonymous in WIT text; keep them distinct.
        return this.newNode();
    }
  }

  /** The child of `parent` for `key`, created if missing. */
  private step(parent: number, key: number): number {
    const mask = this.parents.length - 1;
    let slot = hash(parent, key) & mask;
    for (;;) {
      const p = this.parents[slot]!;
      if (p === 0) break;
      if (p === parent + 1 && this.keys[slot] === key) return this.children[slot]!;
      slot = (slot + 1) & mask;
    }
    const child = this.newNode();
    this.parents[slot] = parent + 1;
    this.keys[slot] = key;
    this.children[slot] = child;
    if (++this.used * 2 > this.parents.length) this.grow();
    return child;
  }

  private newNode(): number {
    const n = this.nodes++;
    if (n >= this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2).fill(-1);
      ids.set(this.ids);
      this.ids = ids;
    }
    return n;
  }

  /** Doubles the table (kept at most half full). */
  private grow(): void {
    const { parents, keys, children } = this;
    const size = parents.length * 2;
    const mask = size - 1;
    this.parents = new Int32Array(size);
    this.keys = new Float64Array(size);
    this.children = new Int32Array(size);
    for (let i = 0; i < parents.length; i++) {
      const p = parents[i]!;
      if (p === 0) continue;
      let slot = hash(p - 1, keys[i]!) & mask;
      while (this.parents[slot] !== 0) slot = (slot + 1) & mask;
      this.parents[slot] = p;
      this.keys[slot] = keys[i]!;
      this.children[slot] = children[i]!;
    }
  }
}

/** Mixes a node and a key (an integer, possibly beyond 32 bits for a list size) into a table index. */
function hash(parent: number, key: number): number {
  let h = Math.imul(parent, 0x9e3779b1) ^ Math.imul(key | 0, 0x85ebca6b) ^ ((key / 4294967296) | 0);
  h ^= h >>> 15;
  return h >>> 0;
}
