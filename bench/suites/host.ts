/**
 * Host bindings throughput: one light core module (test/bindgen-host/echo-core.ts: echo functions in WAT, so a call
 * costs only the host's lift/lower), run through witc's generated host bindings, through jco 1.17.9's transpiled
 * glue, and through a hand-written ideal codec that moves the same bytes. Prints calls/s and the ratios
 * witc/jco and ideal/witc. Targets (issue 4): ≥ 5× jco on records, variants and options, ≥ 2× on strings, within
 * 2× of the ideal codec.
 */
import { resolve as resolvePath } from 'node:path';
import { measure, type Bench, type BenchContext } from '../harness.js';
import { buildEchoComponent, ECHO_WIT } from '../../test/bindgen-host/echo-core.js';
import { importGenerated } from '../../test/support/witc-host.js';
import { generateHost } from '../../src/bindgen/host/index.js';
import { loadSources, selectWorld } from '../../src/resolve/index.js';

type Api = {
  echoRec(v: unknown): unknown;
  echoVar(v: unknown): unknown;
  echoOpt(v: unknown): unknown;
  echoStrings(v: string[]): string[];
  echoString(v: string): string;
};

interface Workload {
  readonly name: string;
  /** Issue 4's target for witc/jco on this workload. */
  readonly target: number;
  /** Calls per batch. */
  readonly calls: number;
  run(api: Api): void;
}

const rec = { id: 7, score: 1.5, ok: true, big: -1234567890123n };
const variant = { tag: 'c', val: 'hello' };
const opt = { tag: 'some', val: 42 };
const strings1000 = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
const ascii100k = Array.from({ length: 10 }, (_, i) => 'x'.repeat(100_000 - 1) + String(i));
const wide100k = Array.from({ length: 10 }, (_, i) => 'é😀ж'.repeat(12_500) + String(i));

function workloads(quick: boolean): Workload[] {
  const n = quick ? 2_000 : 100_000;
  return [
    {
      name: 'record',
      target: 5,
      calls: n,
      run: (a) => {
        for (let i = 0; i < n; i++) a.echoRec(rec);
      },
    },
    {
      name: 'variant',
      target: 5,
      calls: n,
      run: (a) => {
        for (let i = 0; i < n; i++) a.echoVar(variant);
      },
    },
    {
      name: 'option<option<u32>>',
      target: 5,
      calls: n,
      run: (a) => {
        for (let i = 0; i < n; i++) a.echoOpt(opt);
      },
    },
    {
      name: 'list of 1000 short strings',
      target: 2,
      calls: 20,
      run: (a) => {
        for (let i = 0; i < 20; i++) a.echoStrings(strings1000);
      },
    },
    {
      name: '10 × 100 KB ASCII strings',
      target: 2,
      calls: 10,
      run: (a) => {
        for (const s of ascii100k) a.echoString(s);
      },
    },
    {
      name: '10 × 100 KB non-ASCII strings',
      target: 2,
      calls: 10,
      run: (a) => {
        for (const s of wide100k) a.echoString(s);
      },
    },
  ];
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The ideal codec: straight DataView/TextEncoder code for exactly these types and this module's layout. */
function idealApi(ex: Record<string, any>): Api {
  const memory = ex.memory as { buffer: ArrayBuffer };
  const realloc = ex.cabi_realloc as (a: number, b: number, c: number, d: number) => number;
  const f = (n: string) => ex[`witc:bench/api#${n}`] as (...a: any[]) => number;
  const post = (n: string) => ex[`cabi_post_witc:bench/api#${n}`] as (p: number) => void;
  const [fRec, fVar, fOpt, fStrs, fStr] = ['echo-rec', 'echo-var', 'echo-opt', 'echo-strings', 'echo-string'].map(
    f,
  ) as ((...a: any[]) => number)[];
  const [pRec, pVar, pOpt, pStrs, pStr] = ['echo-rec', 'echo-var', 'echo-opt', 'echo-strings', 'echo-string'].map(
    post,
  ) as ((p: number) => void)[];
  let buf: ArrayBuffer = memory.buffer;
  let dv = new DataView(buf);
  let u8 = new Uint8Array(buf);
  const sync = () => {
    if (memory.buffer !== buf) {
      buf = memory.buffer;
      dv = new DataView(buf);
      u8 = new Uint8Array(buf);
    }
  };
  const putString = (s: string): [number, number] => {
    const max = s.length * 3;
    const p = realloc(0, 0, 1, max);
    sync();
    return [p, enc.encodeInto(s, u8.subarray(p, p + max)).written];
  };
  const getString = (p: number, n: number) => dec.decode(u8.subarray(p, p + n));
  return {
    echoRec(v: any) {
      const p = fRec!(v.id, v.score, v.ok ? 1 : 0, v.big);
      sync();
      const out = {
        id: dv.getUint32(p, true),
        score: dv.getFloat64(p + 8, true),
        ok: u8[p + 16] !== 0,
        big: dv.getBigInt64(p + 24, true),
      };
      pRec!(p);
      return out;
    },
    echoVar(v: any) {
      let p: number;
      if (v.tag === 'a') p = fVar!(0, 0, 0);
      else if (v.tag === 'b') p = fVar!(1, v.val, 0);
      else {
        const [q, n] = putString(v.val);
        p = fVar!(2, q, n);
      }
      sync();
      const d = u8[p];
      const out =
        d === 0
          ? { tag: 'a' }
          : d === 1
            ? { tag: 'b', val: dv.getUint32(p + 4, true) }
            : { tag: 'c', val: getString(dv.getUint32(p + 4, true), dv.getUint32(p + 8, true)) };
      pVar!(p);
      return out;
    },
    echoOpt(v: any) {
      const p = v.tag === 'none' ? fOpt!(0, 0, 0) : v.val === undefined ? fOpt!(1, 0, 0) : fOpt!(1, 1, v.val);
      sync();
      const out =
        u8[p] === 0 ? { tag: 'none' } : { tag: 'some', val: u8[p + 4] === 0 ? undefined : dv.getUint32(p + 8, true) };
      pOpt!(p);
      return out;
    },
    echoStrings(v: string[]) {
      const list = realloc(0, 0, 4, v.length * 8);
      for (let i = 0; i < v.length; i++) {
        const [q, n] = putString(v[i]!);
        dv.setUint32(list + i * 8, q, true);
        dv.setUint32(list + i * 8 + 4, n, true);
      }
      const p = fStrs!(list, v.length);
      sync();
      const base = dv.getUint32(p, true);
      const len = dv.getUint32(p + 4, true);
      const out = new Array<string>(len);
      for (let i = 0; i < len; i++)
        out[i] = getString(dv.getUint32(base + i * 8, true), dv.getUint32(base + i * 8 + 4, true));
      pStrs!(p);
      return out;
    },
    echoString(s: string) {
      const [q, n] = putString(s);
      const p = fStr!(q, n);
      sync();
      const out = getString(dv.getUint32(p, true), dv.getUint32(p + 4, true));
      pStr!(p);
      return out;
    },
  };
}

async function witcApi(core: unknown): Promise<Api> {
  const loaded = loadSources({ '/bench.wit': ECHO_WIT }, '/bench.wit');
  const world = selectWorld(loaded.resolve!, loaded.main).world!;
  const repo = resolvePath('.');
  const source = [
    ...generateHost(loaded.resolve!, world, { runtime: resolvePath(repo, 'src/bindgen/host/runtime.ts') }).values(),
  ][0]!;
  const { instantiate } = await importGenerated(source, repo);
  return ((await instantiate(core, {})) as { api: Api }).api;
}

function rate(calls: number, ms: number): string {
  const r = (calls * 1000) / ms;
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)} M/s` : r >= 1e3 ? `${(r / 1e3).toFixed(1)} k/s` : `${r.toFixed(1)} /s`;
}

export const hostBench: Bench = {
  name: 'host',
  async run(ctx: BenchContext): Promise<void> {
    const W = (globalThis as { WebAssembly?: any }).WebAssembly;
    const built = await buildEchoComponent();
    const module = new W.Module(built.core);
    const witc = await witcApi(module);
    const jco = (await built.jcoInstantiate(() => module, {})).api as Api;
    const ideal = idealApi((await W.instantiate(module, {})).exports);
    // Every host must give the same answers before it is timed.
    for (const [name, api] of [
      ['witc', witc],
      ['jco', jco],
    ] as const) {
      const same =
        JSON.stringify(
          [api.echoRec(rec), api.echoVar(variant), api.echoOpt(opt), api.echoStrings(strings1000.slice(0, 3))],
          (_k, x) => (typeof x === 'bigint' ? String(x) : x),
        ) ===
        JSON.stringify(
          [ideal.echoRec(rec), ideal.echoVar(variant), ideal.echoOpt(opt), ideal.echoStrings(strings1000.slice(0, 3))],
          (_k, x) => (typeof x === 'bigint' ? String(x) : x),
        );
      if (!same || api.echoString(wide100k[0]!) !== wide100k[0])
        throw new Error(`${name} disagrees with the ideal codec`);
    }
    const opts = ctx.quick ? { warmup: 1, iterations: 3 } : { warmup: 3, iterations: 9, minTimeMs: 300 };
    ctx.log(
      'workload                        witc          jco           ideal         witc/jco   ideal/witc  targets (≥N× jco, ≤2× ideal)',
    );
    for (const w of workloads(ctx.quick)) {
      const tw = (await measure(() => w.run(witc), opts)).median;
      const tj = (await measure(() => w.run(jco), opts)).median;
      const ti = (await measure(() => w.run(ideal), opts)).median;
      ctx.log(
        `${w.name.padEnd(31)} ${rate(w.calls, tw).padEnd(13)} ${rate(w.calls, tj).padEnd(13)} ${rate(w.calls, ti).padEnd(13)} ` +
          `${(tj / tw).toFixed(2).padStart(6)}×   ${(tw / ti).toFixed(2).padStart(6)}×     ` +
          `${tj / tw >= w.target ? 'met' : 'MISSED'} (≥${w.target}×), ${tw / ti <= 2 ? 'met' : 'MISSED'}`,
      );
    }
  },
};
