/**
 * Runs canonical ABI vectors (../shared/abi-vectors/README.md) against code produced by witc's generator: every
 * vector compiles its own module (type, addr, string encoding, source encoding) and drives it on a simulated
 * memory with the README's bump allocator. Shared by `npm run conformance:abi` and the conformance suite.
 */
import {
  AbiContext,
  Trap,
  compileAbiModule,
  elemSize,
  alignment,
  flattenFunction,
  flattenType,
  generateAbiModule,
  runtime,
  type AbiModule,
  type AbiType,
  type AddrType,
  type StringEncoding,
} from '../../../src/abi/index.js';
import { f32Bits, f32FromBits, f64Bits, f64FromBits, resourcesOf, typeFromJson, valueFromJs, valueToJs } from './convert.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** Outcome of one vector: `null` when it passed, else the reasons. */
export type VectorOutcome = { id: string; failures: string[] };

// ---- simulated memory, realloc and handles ----------------------------------------------------------------------

class Sim {
  readonly mem: Uint8Array;
  next: number;
  readonly log: number[][] = [];

  constructor(size: number, fill: number, heapBase: number, readonly reallocOffset = 0) {
    this.mem = new Uint8Array(size).fill(fill);
    this.next = heapBase;
  }

  static fromHex(hex: string, heapBase = 0): Sim {
    const s = new Sim(hex.length / 2, 0, heapBase);
    for (let i = 0; i < s.mem.length; i++) s.mem[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return s;
  }

  realloc = (oldPtr: number | bigint, oldSize: number | bigint, align: number | bigint, newSize: number | bigint) => {
    const big = typeof oldPtr === 'bigint';
    const [o, os, a, ns] = [Number(oldPtr), Number(oldSize), Number(align), Number(newSize)];
    let ret: number;
    if (o !== 0 && ns < os) ret = Math.ceil(o / a) * a;
    else {
      ret = Math.ceil(this.next / a) * a + this.reallocOffset;
      this.next = ret + ns;
      const n = Math.min(os, ns);
      if (n > 0 && ret + n <= this.mem.length && o + n <= this.mem.length) this.mem.copyWithin(ret, o, o + n);
    }
    this.log.push([o, os, a, ns, ret]);
    return big ? BigInt(ret) : ret;
  };

  hex(): string {
    return Buffer.from(this.mem).toString('hex');
  }
}

function makeContext(v: Json, sim: Sim, types: AbiType[], table?: { handles?: Json[]; free?: number[] }): AbiContext {
  const instance = {};
  const other = {};
  const names = new Set<string>();
  for (const t of types) resourcesOf(t, names);
  for (const n of Object.keys(v.resources ?? {})) names.add(n);
  const resources: Record<string, runtime.ResourceType> = {};
  for (const n of names) {
    const impl = v.resources?.[n]?.impl === 'self' ? instance : other;
    resources[n] = new runtime.ResourceType(n, impl);
  }
  const cx = new AbiContext({ memory: sim.mem, realloc: sim.realloc, addr: v.addr, resources, instance });
  if (table) loadTable(cx, table.handles ?? [], table.free ?? []);
  return cx;
}

function loadTable(cx: AbiContext, handles: Json[], free: number[]): void {
  for (const e of handles) {
    if (e === null) cx.handles.array.push(null);
    else if (e.kind === 'own' || e.kind === 'borrow') {
      const rt = cx.resources[e.rt] ?? new runtime.ResourceType(e.rt, {});
      const h = new runtime.ResourceHandle(rt, e.rep, e.kind === 'own', e.kind === 'borrow' ? cx.borrowScope : null);
      h.lends = e.lends ?? 0;
      cx.handles.array.push(h);
    } else if (e.kind === 'error-context') cx.handles.array.push(new runtime.ErrorContext(e.message));
    else cx.handles.array.push({ kind: e.kind });
  }
  cx.handles.free.push(...free);
}

function dumpTable(cx: AbiContext): { handles: Json[]; free: number[] } {
  const handles = cx.handles.array.slice(1).map((e: any) => {
    if (e === null || e === undefined) return null;
    if (e instanceof runtime.ResourceHandle)
      return { kind: e.own ? 'own' : 'borrow', rt: e.rt.name, rep: e.rep, lends: e.lends };
    if (e instanceof runtime.ErrorContext) return { kind: 'error-context', message: e.message };
    return { kind: e.kind };
  });
  return { handles, free: [...cx.handles.free] };
}

// ---- comparison helpers ------------------------------------------------------------------------------------------

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function expectEq(failures: string[], what: string, got: unknown, want: unknown): void {
  if (!same(got, want)) {
    const g = JSON.stringify(got);
    const w = JSON.stringify(want);
    failures.push(`${what}: got ${g.length > 300 ? g.slice(0, 300) + '…' : g}, want ${w.length > 300 ? w.slice(0, 300) + '…' : w}`);
  }
}

function flatToJs(pairs: Json[]): unknown[] {
  return pairs.map(([t, v]: [string, Json]) =>
    t === 'i32' ? v : t === 'i64' ? BigInt(v) : t === 'f32' ? f32FromBits(v) : f64FromBits(v),
  );
}

function flatFromJs(types: string[], vals: unknown[]): Json[] {
  return vals.map((x: any, i) => {
    const t = types[i] ?? '?';
    if (t === 'i32') return [t, typeof x === 'number' ? x >>> 0 : `<${typeof x}>`];
    if (t === 'i64') return [t, typeof x === 'bigint' ? BigInt.asUintN(64, x).toString() : `<${typeof x}>`];
    if (t === 'f32') return [t, typeof x === 'number' ? f32Bits(x) : `<${typeof x}>`];
    return [t, typeof x === 'number' ? f64Bits(x) : `<${typeof x}>`];
  });
}

function compile(req: Parameters<typeof generateAbiModule>[0], v: Json, cx: AbiContext): AbiModule {
  const src = generateAbiModule(req, {
    addr: v.addr as AddrType,
    encoding: (v.encoding ?? 'utf8') as StringEncoding,
    stringSource: v.src_encoding ?? 'utf16',
    maps: 'entries',
  });
  return compileAbiModule(src, cx);
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

// ---- roundtrip ---------------------------------------------------------------------------------------------------

function runRoundtrip(v: Json): string[] {
  const f: string[] = [];
  const type = typeFromJson(v.type);
  const addr = v.addr as AddrType;
  expectEq(f, 'size', elemSize(type, addr), v.size);
  expectEq(f, 'align', alignment(type, addr), v.align);
  expectEq(f, 'flat_types', flattenType(type, addr), v.flat_types);
  const handles = v.uses_handles === true;

  // store
  {
    const s = v.store;
    const sim = new Sim(s.mem_size, s.fill, s.heap_base);
    const cx = makeContext(v, sim, [type], handles ? { handles: [], free: [] } : undefined);
    try {
      compile({ values: [{ name: 'v', type }] }, v, cx).values.v!.store(valueToJs(type, v.value), s.ptr);
      expectEq(f, 'store memory', sim.hex(), s.memory);
      expectEq(f, 'store reallocs', sim.log, s.reallocs);
      expectEq(f, 'store heap_end', sim.next, s.heap_end);
      if (handles) {
        expectEq(f, 'store handles', dumpTable(cx), { handles: s.handles ?? [], free: s.free ?? [] });
        expectEq(f, 'store num_borrows', cx.borrowScope.numBorrows, s.num_borrows ?? 0);
      }
    } catch (e) {
      f.push(`store threw ${describe(e)}`);
    }
  }
  // load
  {
    const s = v.store;
    const sim = Sim.fromHex(s.memory);
    const cx = makeContext(v, sim, [type], handles ? { handles: s.handles, free: s.free } : undefined);
    try {
      const got = compile({ values: [{ name: 'v', type }] }, v, cx).values.v!.load(s.ptr);
      expectEq(f, 'load value', valueFromJs(type, got), v.lifted_value);
      if (handles && s.after_load) expectEq(f, 'load handles', dumpTable(cx), s.after_load);
    } catch (e) {
      f.push(`load threw ${describe(e)}`);
    }
  }
  // lower_flat
  const lf = v.lower_flat;
  {
    const sim = new Sim(lf.mem_size, lf.fill, lf.heap_base);
    const cx = makeContext(v, sim, [type], handles ? { handles: [], free: [] } : undefined);
    try {
      const out: unknown[] = [];
      compile({ values: [{ name: 'v', type }] }, v, cx).values.v!.lowerFlat(valueToJs(type, v.value), out, 0);
      expectEq(f, 'lower_flat flat', flatFromJs(v.flat_types, out), lf.flat);
      expectEq(f, 'lower_flat memory', sim.hex(), lf.memory);
      expectEq(f, 'lower_flat reallocs', sim.log, lf.reallocs);
      expectEq(f, 'lower_flat heap_end', sim.next, lf.heap_end);
      if (handles) {
        expectEq(f, 'lower_flat handles', dumpTable(cx), { handles: lf.handles ?? [], free: lf.free ?? [] });
        expectEq(f, 'lower_flat num_borrows', cx.borrowScope.numBorrows, lf.num_borrows ?? 0);
      }
    } catch (e) {
      f.push(`lower_flat threw ${describe(e)}`);
    }
  }
  // lift_flat
  {
    const sim = Sim.fromHex(lf.memory);
    const cx = makeContext(v, sim, [type], handles ? { handles: lf.handles, free: lf.free } : undefined);
    try {
      const got = compile({ values: [{ name: 'v', type }] }, v, cx).values.v!.liftFlat(flatToJs(lf.flat), 0);
      expectEq(f, 'lift_flat value', valueFromJs(type, got), v.lifted_value);
      if (handles && lf.after_lift) expectEq(f, 'lift_flat handles', dumpTable(cx), lf.after_lift);
    } catch (e) {
      f.push(`lift_flat threw ${describe(e)}`);
    }
  }
  return f;
}

// ---- traps -------------------------------------------------------------------------------------------------------

function runTrap(v: Json): string[] {
  const want = v.expect.trap as string;
  const types: AbiType[] = v.op === 'lift_values' ? v.types.map(typeFromJson) : [typeFromJson(v.type)];
  const type = types[0] as AbiType;
  let sim: Sim;
  if (v.memory !== undefined) sim = Sim.fromHex(v.memory);
  else {
    // Trap requests carry no heap_base: the oracle allocates right after the stored value (store) or at 8.
    const heapBase = v.heap_base ?? (v.op === 'store' ? v.ptr + elemSize(type, v.addr) : 8);
    sim = new Sim(v.mem_size, v.fill ?? 0, heapBase, v.realloc_offset ?? 0);
  }
  const cx = makeContext(v, sim, types, { handles: v.handles ?? [], free: v.free ?? [] });
  try {
    if (v.op === 'lift_values') {
      const mod = compile({ tuples: [{ name: 't', types, maxFlat: v.max_flat }] }, v, cx);
      mod.tuples.t!.lift(flatToJs(v.flat), 0);
    } else {
      const c = compile({ values: [{ name: 'v', type }] }, v, cx).values.v!;
      if (v.op === 'load') c.load(v.ptr);
      else if (v.op === 'lift_flat') c.liftFlat(flatToJs(v.flat), 0);
      else if (v.op === 'store') c.store(valueToJs(type, v.value), v.ptr);
      else if (v.op === 'lower_flat') c.lowerFlat(valueToJs(type, v.value), [], 0);
      else return [`unknown op ${v.op}`];
    }
  } catch (e) {
    if (e instanceof Trap) return e.kind === want ? [] : [`trapped ${e.kind} (${e.message}), want ${want}`];
    return [`threw ${describe(e)}, want trap ${want}`];
  }
  return [`no trap, want ${want}`];
}

// ---- functions ---------------------------------------------------------------------------------------------------

function runFunction(v: Json): string[] {
  const f: string[] = [];
  const params: AbiType[] = v.params.map(typeFromJson);
  const results: AbiType[] = v.results.map(typeFromJson);
  const addr = v.addr as AddrType;
  const variants: Array<[string, Parameters<typeof flattenFunction>[2]]> = [
    ['lift', { addr, context: 'lift' }],
    ['lower', { addr, context: 'lower' }],
    ['lift_async', { addr, context: 'lift', async: true }],
    ['lift_async_callback', { addr, context: 'lift', async: true, callback: true }],
    ['lower_async', { addr, context: 'lower', async: true }],
  ];
  for (const [key, opts] of variants) {
    if (v.flatten?.[key]) expectEq(f, `flatten ${key}`, flattenFunction(params, results, opts), v.flatten[key]);
  }
  const passes: Array<[string, AbiType[], Json]> = [];
  if (v.args) passes.push(['args', params, v.args]);
  if (v.result) passes.push(['result', results, v.result]);
  for (const [what, types, a] of passes) {
    const ctx = { ...v, encoding: a.encoding, src_encoding: a.src_encoding };
    const flatTypes = a.flat.map((p: Json) => p[0]);
    {
      const sim = new Sim(a.mem_size, 0, a.heap_base);
      const cx = makeContext(ctx, sim, types);
      try {
        const mod = compile({ tuples: [{ name: 't', types, maxFlat: a.max_flat }] }, ctx, cx);
        const out: unknown[] = [];
        mod.tuples.t!.lower(types.map((t, i) => valueToJs(t, a.values[i])), out, a.out_ptr);
        expectEq(f, `${what} flat`, flatFromJs(flatTypes, out), a.flat);
        expectEq(f, `${what} memory`, sim.hex(), a.memory);
        expectEq(f, `${what} reallocs`, sim.log, a.reallocs);
        expectEq(f, `${what} heap_end`, sim.next, a.heap_end);
      } catch (e) {
        f.push(`${what} lower threw ${describe(e)}`);
      }
    }
    {
      const sim = Sim.fromHex(a.memory);
      const cx = makeContext(ctx, sim, types);
      try {
        const mod = compile({ tuples: [{ name: 't', types, maxFlat: a.max_flat }] }, ctx, cx);
        const got = mod.tuples.t!.lift(flatToJs(a.lift_flat_in ?? a.flat), 0);
        expectEq(f, `${what} lifted`, types.map((t, i) => valueFromJs(t, got[i])), a.lifted_values);
      } catch (e) {
        f.push(`${what} lift threw ${describe(e)}`);
      }
    }
  }
  return f;
}

/** Run one vector (any file); returns the failures (empty when it passed). */
export function runVector(v: Json): string[] {
  try {
    if (typeof v.id !== 'string') return ['vector without id'];
    if (v.id.startsWith('trap-')) return runTrap(v);
    if (v.id.startsWith('fn-')) return runFunction(v);
    return runRoundtrip(v);
  } catch (e) {
    return [`runner error: ${describe(e)}`];
  }
}

/** Run every vector of a JSONL text. */
export function runVectorFile(text: string, filter?: string): VectorOutcome[] {
  const out: VectorOutcome[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const v = JSON.parse(line);
    if (filter && !String(v.id).includes(filter)) continue;
    out.push({ id: v.id, failures: runVector(v) });
  }
  return out;
}
