/**
 * Canonical ABI throughput: generated lift/lower code against a hand-written "ideal" codec that moves the same bytes
 * (same layout, same realloc calls), over a real WebAssembly.Memory. Prints calls/s and the ratio to the ideal.
 * (The comparison with jco's transpiled glue needs host bindings and a core module; it is added with bindgen.)
 */
import { AbiContext, compileAbiModule, generateAbiModule, t, type AbiType, type ValueCodec } from '../../src/abi/index.js';
import { measure, type Bench } from '../harness.js';

interface Workload {
  readonly name: string;
  readonly type: AbiType;
  readonly value: unknown;
  /** Calls per measured batch. */
  readonly calls: number;
  /** `memory`: store at 0 then load (how spilled params and results travel); `flat`: lowerFlat then liftFlat. */
  readonly mode: 'memory' | 'flat';
  /** The ideal codec: lower `value` then lift it back, using `dv`/`u8` and the bump allocator `alloc`. */
  ideal(env: IdealEnv): unknown;
}

interface IdealEnv {
  dv: DataView;
  u8: Uint8Array;
  alloc(align: number, size: number): number;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function idealString(env: IdealEnv, s: string): string {
  const p = env.alloc(1, s.length * 3);
  const { written } = enc.encodeInto(s, env.u8.subarray(p, p + s.length * 3));
  return dec.decode(env.u8.subarray(p, p + written));
}

const rec = { id: 7, score: 1.5, ok: true, big: 123n };
const strings1000 = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
const ascii100k = Array.from({ length: 10 }, (_, i) => 'x'.repeat(100_000 - 1) + String(i));
const wide100k = Array.from({ length: 10 }, (_, i) => 'é😀ж'.repeat(25_000) + String(i));

const workloads: Workload[] = [
  {
    name: 'record',
    type: t.record([['id', t.prim('u32')], ['score', t.prim('f64')], ['ok', t.prim('bool')], ['big', t.prim('s64')]]),
    value: rec,
    calls: 100_000,
    mode: 'memory',
    ideal: ({ dv }) => {
      dv.setUint32(0, rec.id, true);
      dv.setFloat64(8, rec.score, true);
      dv.setUint8(16, rec.ok ? 1 : 0);
      dv.setBigInt64(24, rec.big, true);
      return { id: dv.getUint32(0, true), score: dv.getFloat64(8, true), ok: dv.getUint8(16) !== 0, big: dv.getBigInt64(24, true) };
    },
  },
  {
    name: 'variant',
    type: t.variant([['a', undefined], ['b', t.prim('u32')], ['c', t.prim('string')]]),
    value: { tag: 'b', val: 42 },
    calls: 100_000,
    mode: 'memory',
    ideal: ({ dv }) => {
      dv.setUint8(0, 1);
      dv.setUint32(4, 42, true);
      const d = dv.getUint8(0);
      return d === 1 ? { tag: 'b', val: dv.getUint32(4, true) } : undefined;
    },
  },
  {
    name: 'options',
    type: t.tuple([t.option(t.prim('u32')), t.option(t.prim('u32')), t.option(t.prim('f64'))]),
    value: [1, undefined, 2.5],
    calls: 100_000,
    mode: 'memory',
    ideal: ({ dv }) => {
      dv.setUint8(0, 1);
      dv.setUint32(4, 1, true);
      dv.setUint8(8, 0);
      dv.setUint8(16, 1);
      dv.setFloat64(24, 2.5, true);
      return [
        dv.getUint8(0) ? dv.getUint32(4, true) : undefined,
        dv.getUint8(8) ? dv.getUint32(12, true) : undefined,
        dv.getUint8(16) ? dv.getFloat64(24, true) : undefined,
      ];
    },
  },
  {
    name: 'list of 1000 short strings',
    type: t.list(t.prim('string')),
    value: strings1000,
    calls: 200,
    mode: 'flat',
    ideal: (env) => strings1000.map((s) => idealString(env, s)),
  },
  {
    name: '10 strings of 100 KB (ASCII)',
    type: t.list(t.prim('string')),
    value: ascii100k,
    calls: 20,
    mode: 'flat',
    ideal: (env) => ascii100k.map((s) => idealString(env, s)),
  },
  {
    name: '10 strings of 100 KB (non-ASCII)',
    type: t.list(t.prim('string')),
    value: wide100k,
    calls: 20,
    mode: 'flat',
    ideal: (env) => wide100k.map((s) => idealString(env, s)),
  },
];

/** `npm run bench`: generated code vs the ideal codec. */
export const abiBench: Bench = {
  name: 'abi',
  async run(ctx) {
    // (WebAssembly is typed as a namespace only without the DOM lib.)
    const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } } })
      .WebAssembly;
    const memory = new wasm.Memory({ initial: 512 });
    let next = 1024;
    const realloc = (_o: number, _os: number, a: number, ns: number) => {
      const p = Math.ceil(next / a) * a;
      next = p + ns;
      return p;
    };
    const cx = new AbiContext({ memory, realloc });
    const env: IdealEnv = {
      dv: new DataView(memory.buffer),
      u8: new Uint8Array(memory.buffer),
      alloc: (a, n) => realloc(0, 0, a, n),
    };
    for (const w of workloads) {
      const codec = compileAbiModule(generateAbiModule({ values: [{ name: 'v', type: w.type }] }), cx).values
        .v as ValueCodec;
      const calls = ctx.quick ? Math.max(1, w.calls / 100) : w.calls;
      const flat: unknown[] = [];
      const ours = await measure(
        () => {
          for (let i = 0; i < calls; i++) {
            next = 1024;
            if (w.mode === 'memory') {
              codec.store(w.value, 0);
              codec.load(0);
            } else {
              flat.length = 0;
              codec.lowerFlat(w.value, flat, 0);
              codec.liftFlat(flat, 0);
            }
          }
        },
        { iterations: ctx.quick ? 2 : 10 },
      );
      const ideal = await measure(
        () => {
          for (let i = 0; i < calls; i++) {
            next = 1024;
            w.ideal(env);
          }
        },
        { iterations: ctx.quick ? 2 : 10 },
      );
      const perSec = (ms: number) => Math.round((calls / ms) * 1000).toLocaleString('en-US');
      ctx.log(
        `${w.name}: witc ${perSec(ours.median)} calls/s, ideal ${perSec(ideal.median)} calls/s ` +
          `(witc takes ${(ours.median / ideal.median).toFixed(2)}× the ideal time)`,
      );
    }
  },
};
