/**
 * Resolver benchmarks, side by side with jco in the same run:
 *   - warm parse+resolve of ../shared/bench/synth.wit (MB/s) vs `generateTypes` of jco 1.17.9 and of jco 1.35 (the
 *     `jco-latest` dev dependency) on the same text, and the resolver stage alone (phase A and linking of the
 *     already parsed file);
 *   - warm parse+resolve of the WASI 0.3 set (ms) vs both jco versions on the same directory;
 *   - warm re-check of the WASI 0.3 set after an edit of one file, with `LoadOptions.cache` (incremental loading);
 *   - cold `node dist/cli.cjs check` of wit-examples/hello.wit (with WASI 0.3 in deps/) vs cold `jco types` (both).
 * Targets (issue 3): synth ≥ 30 MB/s, WASI 0.3 ≤ 6 ms warm, cold check ≤ 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmtMs, measure, ratio, type Bench, type BenchContext } from '../harness.js';
import { LoadCache, loadPath, memoryHost } from '../../src/resolve/index.js';
import { parse } from '../../src/syntax/index.js';
import type * as ast from '../../src/syntax/ast.js';
import { PackageResolver } from '../../src/resolve/unresolved.js';
import { Remap } from '../../src/resolve/link.js';
import { emptyResolve } from '../../src/resolve/model.js';

const JCO = resolve('node_modules/@bytecodealliance/jco');

interface JcoApi {
  $init: Promise<void>;
  generateTypes(name: string, options: { wit: { tag: 'source' | 'path'; val: string }; world?: string }): unknown;
}

const JCO_TRANSPILE = resolve('node_modules/@bytecodealliance/jco-transpile');

/** The WASI filesystem shim jco 1.35 uses (its own nested copy). */
function jcoLatestShim(): string | undefined {
  return ['dist/nodejs/filesystem.js', 'lib/nodejs/filesystem.js']
    .map((p) => join(JCO_TRANSPILE, 'node_modules/@bytecodealliance/preview2-shim', p))
    .find((p) => existsSync(p));
}

/**
 * jco 1.35's `generateTypes` (its `jco-transpile` package). Its WASI shim starts with no preopened directory, so a
 * path could not be read: `/` is preopened first (the workaround in ../shared/notes/ecosystem.md).
 */
async function loadJcoLatest(): Promise<JcoApi | undefined> {
  const file = join(JCO_TRANSPILE, 'vendor/js-component-bindgen-component.js');
  const shim = jcoLatestShim();
  if (!existsSync(file) || !shim) return undefined;
  const fs = (await import(pathToFileURL(shim).href)) as { _addPreopen?: (guest: string, host: string) => void };
  fs._addPreopen?.('/', '/');
  const api = (await import(pathToFileURL(file).href)) as JcoApi;
  await api.$init;
  return api;
}

/** `; <label> generateTypes <time>[ = <rate>]; witc <ratio>`, or why jco failed. */
async function versus(
  label: string,
  api: JcoApi | undefined,
  run: (api: JcoApi) => unknown,
  ours: number,
  iterations: number,
  rate?: (ms: number) => string,
): Promise<string> {
  if (!api) return '';
  try {
    const theirs = await measure(() => run(api), { warmup: 1, iterations });
    return `; ${label} generateTypes ${fmtMs(theirs.median)}${rate ? ` = ${rate(theirs.median)} MB/s` : ''}; witc ${ratio(ours, theirs.median)}`;
  } catch (e) {
    const detail = (e as { payload?: unknown }).payload ?? e;
    return `; ${label} failed: ${detail instanceof Error ? detail.message.split('\n')[0] : String(detail)}`;
  }
}

async function loadJco(): Promise<JcoApi | undefined> {
  const file = join(JCO, 'obj/js-component-bindgen-component.js');
  if (!existsSync(file)) return undefined;
  const api = (await import(pathToFileURL(file).href)) as JcoApi;
  await api.$init;
  return api;
}

/** A full collection when the bench runs with `--expose-gc` (as `npm run bench` does). */
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The resolver stage alone on a parsed file of one package (as load.ts runs it): phase A, then linking. */
function resolveStage(file: ast.File): void {
  const items = file.items.filter((i): i is ast.Interface | ast.World | ast.TopLevelUse => i.kind !== 'NestedPackage');
  const resolver = new PackageResolver();
  resolver.push(file.package, { items });
  new Remap(emptyResolve(), resolver.resolve()).append();
}

/** The WASI 0.3 packages as an in-memory directory: `http` is the root, the others are in `deps/`. */
function wasiFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const pkg of readdirSync(root).sort()) {
    const prefix = pkg === 'http' ? 'wasi/http' : `wasi/http/deps/${pkg}`;
    for (const f of readdirSync(join(root, pkg))) if (f.endsWith('.wit')) files[`${prefix}/${f}`] = readFileSync(join(root, pkg, f), 'utf8');
  }
  return files;
}

/**
 * Incremental loading: the WASI 0.3 set re-checked after each edit of one file (alternating between two texts of
 * `http/types.wit`, so that every load sees a change), through one `LoadCache`: one file parsed, one package resolved
 * and linked per load.
 */
function incremental(files: Record<string, string>, iterations: number): string {
  const path = 'wasi/http/types.wit';
  const text = files[path]!;
  const at = text.lastIndexOf('}');
  const hosts = [text, `${text.slice(0, at)}  type bench-edit = u32;\n${text.slice(at)}`].map((t) => memoryHost({ ...files, [path]: t }));
  const cache = new LoadCache();
  loadPath(hosts[1]!, 'wasi/http', { cache });
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const r = loadPath(hosts[i & 1]!, 'wasi/http', { cache });
    times.push(performance.now() - t0);
    if (!r.resolve) return `incremental re-check failed: ${r.diagnostics[0]?.message}`;
  }
  times.sort((a, b) => a - b);
  return `WASI 0.3 set re-check after an edit of http/types.wit (LoadOptions.cache): ${fmtMs(times[times.length >> 1]!)} (best ${fmtMs(times[0]!)})`;
}

/** Median and best wall time of `runs` runs of a command; `before` runs ahead of each one (untimed). */
function spawnMs(
  cmd: string,
  args: string[],
  runs: number,
  options: { env?: NodeJS.ProcessEnv; before?: () => void } = {},
): { ms: number; min: number; ok: boolean; out: string } {
  const times: number[] = [];
  let ok = true;
  let out = '';
  for (let i = 0; i < runs; i++) {
    options.before?.();
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: options.env });
    times.push(performance.now() - t0);
    ok &&= r.status === 0;
    out = `${r.stdout}${r.stderr}`.trim();
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1]!, min: times[0]!, ok, out };
}

export const resolveBench: Bench = {
  name: 'resolve',
  async run(ctx: BenchContext) {
    if (!ctx.shared) return ctx.log('  skipped: needs ../shared');
    const iterations = ctx.quick ? 3 : 15;

    // 1. synth.wit
    const synthPath = join(ctx.shared, 'bench/synth.wit');
    const synth = readFileSync(synthPath, 'utf8');
    const mb = Buffer.byteLength(synth) / 1e6;
    const host = memoryHost({ 'synth.wit': synth });
    const check = loadPath(host, 'synth.wit');
    if (!check.resolve) ctx.log(`  synth.wit: ${check.diagnostics[0]?.message}`);
    // Warm: five runs first, so that the measured ones run optimized code (two left the first measured runs slower),
    // from a clean heap (the suites before this one leave theirs).
    gc();
    const ours = await measure(() => loadPath(host, 'synth.wit'), { warmup: 5, iterations: ctx.quick ? 3 : 21 });
    const rate = (ms: number) => (mb / (ms / 1000)).toFixed(1);
    const parsed = parse(synth, 'synth.wit');
    const stage = parsed.diagnostics.length === 0 ? await measure(() => resolveStage(parsed.file), { warmup: 3, iterations }) : undefined;

    // 2. WASI 0.3 set
    const wasiRoot = join(ctx.shared, 'wit/wasi-0.3.0');
    const wasi = memoryHost(wasiFiles(wasiRoot));
    const w = loadPath(wasi, 'wasi/http');
    if (!w.resolve) ctx.log(`  wasi 0.3: ${w.diagnostics[0]?.message}`);
    gc(); // start from a clean heap (synth.wit leaves a large one)
    const oursW = await measure(() => loadPath(wasi, 'wasi/http'), { warmup: 20, iterations: iterations * 6 });
    const incrementalLine = incremental(wasiFiles(wasiRoot), iterations * 6);

    // jco is loaded only now: with both of its versions loaded first (their WebAssembly instances and heaps in this
    // process), witc's synth.wit median was 72.9 ms against 69.2 ms (8 alternating processes each), and spread more.
    gc();
    const jco = await loadJco().catch(() => undefined);
    const jcoLatest = await loadJcoLatest().catch(() => undefined);
    let line = `  synth.wit (${mb.toFixed(2)} MB) warm parse+resolve: witc ${fmtMs(ours.median)} = ${rate(ours.median)} MB/s (middle half of the runs ${rate(ours.q3)}–${rate(ours.q1)} MB/s, best ${rate(ours.min)}; ${Math.round(ours.pageFaults)} minor page faults per run; target ≥ 30)`;
    const synthTypes = (api: JcoApi) => api.generateTypes('synth', { wit: { tag: 'source', val: synth }, world: 'synth' });
    const jcoRuns = Math.max(3, iterations >> 2);
    line += await versus('jco 1.17.9', jco, synthTypes, ours.median, jcoRuns, rate);
    line += await versus('jco 1.35', jcoLatest, synthTypes, ours.median, jcoRuns, rate);
    ctx.log(line);
    if (stage) ctx.log(`  synth.wit resolver stage alone (phase A + linking of the parsed file): ${fmtMs(stage.median)} (best ${fmtMs(stage.min)})`);
    ctx.log(`  ${incrementalLine}`);
    line = `  WASI 0.3 set (6 packages) warm parse+resolve: witc ${fmtMs(oursW.median)} (best ${fmtMs(oursW.min)}; target ≤ 6 ms)`;
    const tmp = mkdtempSync(join(tmpdir(), 'witc-bench-'));
    try {
      const dir = join(tmp, 'http');
      cpSync(join(wasiRoot, 'http'), dir, { recursive: true });
      mkdirSync(join(dir, 'deps'));
      for (const p of readdirSync(wasiRoot)) if (p !== 'http') cpSync(join(wasiRoot, p), join(dir, 'deps', p), { recursive: true });
      const wasiTypes = (api: JcoApi) => api.generateTypes('proxy', { wit: { tag: 'path', val: dir }, world: 'wasi:http/service' });
      line += await versus('jco 1.17.9', jco, wasiTypes, oursW.median, Math.max(3, iterations >> 1));
      line += await versus('jco 1.35', jcoLatest, wasiTypes, oursW.median, Math.max(3, iterations >> 1));
      ctx.log(line);

      // 3. cold CLI: hello.wit with WASI 0.3 in deps/
      const hello = join(tmp, 'hello');
      mkdirSync(join(hello, 'deps'), { recursive: true });
      // wit-parser (jco) needs the version on the reference; witc also accepts it without (one version loaded).
      writeFileSync(join(hello, 'hello.wit'), readFileSync('wit-examples/hello.wit', 'utf8').replace('wasi:http/handler;', 'wasi:http/handler@0.3.0;'));
      for (const p of readdirSync(wasiRoot)) cpSync(join(wasiRoot, p), join(hello, 'deps', p), { recursive: true });
      const runs = ctx.quick ? 3 : 9;
      const node0 = spawnMs(process.execPath, ['-e', '0'], runs);
      // The CLI's V8 code cache (src/cli/code-cache.ts) in a folder of the bench's own: first runs (the folder emptied
      // before each), then the runs that find the cache, as every run after the first does.
      const cacheDir = join(tmp, 'code-cache');
      const env = { ...process.env, WITC_CACHE_DIR: cacheDir };
      const check = ['dist/cli.cjs', 'check', hello];
      const first = spawnMs(process.execPath, check, runs, { env, before: () => rmSync(cacheDir, { recursive: true, force: true }) });
      const witc = spawnMs(process.execPath, check, runs, { env });
      const builtin = spawnMs(process.execPath, ['dist/cli.cjs', 'check', 'wit-examples/hello.wit'], runs, { env });
      ctx.log(`  cold \`node -e 0\`: ${fmtMs(node0.ms)} (best ${fmtMs(node0.min)}) — a baseline for the machine's current load`);
      ctx.log(
        `  cold \`witc check\` hello.wit (reference @0.3.0) + deps/ (WASI 0.3): ${fmtMs(witc.ms)} (best ${fmtMs(witc.min)})${witc.ok ? '' : ` (failed: ${witc.out.split('\n')[0]})`} (target ≤ 150 ms); first run, which writes the code cache: ${fmtMs(first.ms)} (best ${fmtMs(first.min)})${first.ok ? '' : ' (failed)'}`,
      );
      ctx.log(`  cold \`witc check wit-examples/hello.wit\` (built-in WASI): ${fmtMs(builtin.ms)} (best ${fmtMs(builtin.min)})${builtin.ok ? '' : ' (failed)'}`);
      const coldJco = (version: string, args: string[]) => {
        const j = spawnMs(process.execPath, [...args, 'types', hello, '--world-name', 'hello-world-server', '-o', join(tmp, `out-${version}`)], runs);
        ctx.log(
          `  cold \`jco types\` (${version}) same input: ${fmtMs(j.ms)} (best ${fmtMs(j.min)})${j.ok ? '' : ` (failed: ${j.out.split('\n')[0]})`}; witc ${ratio(witc.ms, j.ms)} (first run ${ratio(first.ms, j.ms)})`,
        );
      };
      const jcoBin = join(JCO, 'src/jco.js');
      if (existsSync(jcoBin)) coldJco('1.17.9', [jcoBin]);
      // jco 1.35's CLI, with `/` preopened by a module loaded first (see loadJcoLatest).
      const latestBin = resolve('node_modules/jco-latest/dist/jco.js');
      const shim = jcoLatestShim();
      if (existsSync(latestBin) && shim) {
        const preopen = join(tmp, 'preopen.mjs');
        writeFileSync(preopen, `import { _addPreopen } from ${JSON.stringify(pathToFileURL(shim).href)};\n_addPreopen('/', '/');\n`);
        coldJco('1.35', ['--import', pathToFileURL(preopen).href, latestBin]);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
