/**
 * Real WebAssembly components for tests: built with componentize-js from a
 * JavaScript (or TypeScript) guest and a WIT world, transpiled with jco, and
 * cached on disk by content hash.
 *
 * Layout of one cache entry (`node_modules/.cache/witc-components/<name>-<hash>/`):
 *
 * - `component.wasm`   the component produced by componentize-js
 * - `wit/`, `guest.js`  the exact WIT files and guest JavaScript it was built from
 * - `transpiled/`      jco's output in async instantiation mode: `<name>.js`
 *                      (glue exporting `instantiate`), `<name>.d.ts`,
 *                      `interfaces/*.d.ts` and every core module as a file
 * - `manifest.json`    what was built and how ({@link Manifest}); written
 *                      last, so a directory with a manifest is complete
 *
 * The key hashes the WIT text (every `.wit` file under a WIT directory), the
 * world, the guest source, the options, the componentize-js and jco versions
 * and {@link CACHE_LAYOUT}. Anything else never invalidates an entry; delete the
 * folder (or set `WITC_COMPONENT_CACHE` elsewhere) to force a rebuild.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { wasm, type CoreModule } from './wasm.js';

/** WASI-backed engine features componentize-js can leave out. */
export type EngineFeature = 'stdio' | 'random' | 'clocks' | 'http' | 'fetch-event';

/** Every feature: a guest built without them imports no WASI at all. */
export const NO_WASI: readonly EngineFeature[] = ['random', 'stdio', 'clocks', 'http', 'fetch-event'];

/** Bumped whenever the cache layout or the build recipe changes. */
export const CACHE_LAYOUT = 2;

/** The repository root (this file lives in `test/support/`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where cache entries live; `WITC_COMPONENT_CACHE` overrides it. */
export function cacheRoot(): string {
  return process.env['WITC_COMPONENT_CACHE'] ?? join(REPO_ROOT, 'node_modules', '.cache', 'witc-components');
}

/** What to build. Give exactly one of `witPath`/`witSource` and of `guestSource`/`guestPath`. */
export interface BuildOptions {
  /** Short name: cache folder prefix and jco's output name (`<name>.js`). */
  readonly name: string;
  /** A `.wit` file or a WIT package directory (with optional `deps/`). */
  readonly witPath?: string;
  /** WIT text of a single-file package. */
  readonly witSource?: string;
  /** The world to build. */
  readonly world: string;
  /** The guest module source (JavaScript, or TypeScript with `guestLang: 'ts'`). */
  readonly guestSource?: string;
  /** A guest file; `.ts`/`.mts` files are stripped of types with esbuild. */
  readonly guestPath?: string;
  /** Language of `guestSource`; defaults to `js`. */
  readonly guestLang?: 'js' | 'ts';
  /** Engine features to drop; defaults to {@link NO_WASI} (a pure component). */
  readonly disableFeatures?: readonly EngineFeature[];
}

/** Stored next to the artifacts of one cache entry. */
export interface Manifest {
  readonly layout: number;
  readonly key: string;
  readonly name: string;
  readonly world: string;
  readonly versions: ToolVersions;
  readonly disableFeatures: readonly EngineFeature[];
  /** Core module file names in `transpiled/`, in jco's instantiation order. */
  readonly coreModules: readonly string[];
  /** The guest's own core module (the one exporting `memory` and `cabi_realloc`). */
  readonly mainCore: string;
  /** Interfaces the component imports, as jco reports them (`ns:pkg/iface`). */
  readonly imports: readonly string[];
  /** Milliseconds spent in componentize-js and in jco transpile. */
  readonly timings: { readonly componentizeMs: number; readonly transpileMs: number };
}

/** A built (or cached) component and everything derived from it. */
export interface BuiltComponent {
  readonly manifest: Manifest;
  /** The component binary. */
  readonly component: Uint8Array;
  /** Core modules by file name (`<name>.core.wasm`, `<name>.core2.wasm`, …). */
  readonly coreModules: Map<string, Uint8Array>;
  /** The guest's main core module: what a host bindings generator instantiates. */
  readonly mainCore: Uint8Array;
  /** jco's transpiled output (async instantiation mode). */
  readonly transpiledDir: string;
  /** A copy of the WIT it was built from (`world` in `manifest.world`): input for other bindings generators. */
  readonly witDir: string;
  /** The cache entry directory. */
  readonly dir: string;
  /** True when taken from the cache without running componentize-js. */
  readonly fromCache: boolean;
}

/** Versions of the tools that take part in a build. */
export interface ToolVersions {
  readonly componentizeJs: string;
  readonly jco: string;
}

/** Reads the installed componentize-js and jco versions. */
export function toolVersions(): ToolVersions {
  const read = (pkg: string): string => {
    const file = join(REPO_ROOT, 'node_modules', '@bytecodealliance', pkg, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  };
  return { componentizeJs: read('componentize-js'), jco: read('jco') };
}

const inProcess = new Map<string, Promise<BuiltComponent>>();

/**
 * Builds a component (or takes it from the cache) and transpiles it with jco.
 * Concurrent calls for the same inputs share one build; concurrent processes
 * each build into a private folder and the first to finish wins the rename.
 */
export async function buildComponent(options: BuildOptions): Promise<BuiltComponent> {
  const inputs = await readInputs(options);
  const key = cacheKey(inputs);
  const dir = join(cacheRoot(), `${options.name}-${key.slice(0, 16)}`);
  let pending = inProcess.get(dir);
  if (pending === undefined) {
    pending = existsSync(join(dir, 'manifest.json')) ? Promise.resolve(readEntry(dir, true)) : build(inputs, key, dir);
    inProcess.set(dir, pending);
    pending.catch(() => inProcess.delete(dir));
  }
  return pending;
}

/** Everything that determines a build, read and normalised. */
interface Inputs {
  readonly name: string;
  readonly world: string;
  /** WIT files relative to the WIT root, sorted by path. */
  readonly witFiles: readonly (readonly [string, string])[];
  /** JavaScript handed to componentize-js (TypeScript already stripped). */
  readonly guestJs: string;
  readonly disableFeatures: readonly EngineFeature[];
  readonly versions: ToolVersions;
}

async function readInputs(options: BuildOptions): Promise<Inputs> {
  if ((options.witPath === undefined) === (options.witSource === undefined)) {
    throw new Error('buildComponent: give exactly one of witPath and witSource');
  }
  if ((options.guestPath === undefined) === (options.guestSource === undefined)) {
    throw new Error('buildComponent: give exactly one of guestPath and guestSource');
  }
  const witFiles =
    options.witPath !== undefined ? readWitTree(options.witPath) : ([['world.wit', options.witSource ?? '']] as const);
  const lang = options.guestPath !== undefined ? (/\.m?ts$/.test(options.guestPath) ? 'ts' : 'js') : options.guestLang;
  const source = options.guestPath !== undefined ? readFileSync(options.guestPath, 'utf8') : (options.guestSource ?? '');
  return {
    name: options.name,
    world: options.world,
    witFiles,
    guestJs: lang === 'ts' ? await stripTypes(source) : source,
    disableFeatures: [...(options.disableFeatures ?? NO_WASI)].sort(),
    versions: toolVersions(),
  };
}

/** The `.wit` files of a file or directory (recursively, for `deps/`). */
function readWitTree(path: string): [string, string][] {
  if (!statSync(path).isDirectory()) return [[path.replace(/^.*[\\/]/, ''), readFileSync(path, 'utf8')]];
  const files: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.wit')) files.push([relative(path, full).split('\\').join('/'), readFileSync(full, 'utf8')]);
    }
  };
  walk(path);
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function stripTypes(source: string): Promise<string> {
  const { transform } = await import('esbuild');
  const result = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
  return result.code;
}

/** The hex SHA-256 that names a cache entry. */
function cacheKey(inputs: Inputs): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ layout: CACHE_LAYOUT, ...inputs }));
  return hash.digest('hex');
}

/** Minimal typing of jco's `transpile` (its published types are inaccurate). */
type Transpile = (
  component: Uint8Array,
  options: { name: string; instantiation: 'async'; base64Cutoff: number; quiet?: boolean },
) => Promise<{ files: Record<string, Uint8Array>; imports: string[] }>;

async function build(inputs: Inputs, key: string, dir: string): Promise<BuiltComponent> {
  const scratch = join(tmpdir(), `witc-component-${process.pid}-${randomBytes(6).toString('hex')}`);
  const staging = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(join(scratch, 'wit'), { recursive: true });
    for (const [file, text] of inputs.witFiles) {
      mkdirSync(dirname(join(scratch, 'wit', file)), { recursive: true });
      writeFileSync(join(scratch, 'wit', file), text);
    }
    writeFileSync(join(scratch, 'guest.js'), inputs.guestJs);

    const started = performance.now();
    const { componentize } = await import('@bytecodealliance/componentize-js');
    const { component } = await componentize({
      sourcePath: join(scratch, 'guest.js'),
      witPath: join(scratch, 'wit'),
      worldName: inputs.world,
      disableFeatures: [...inputs.disableFeatures],
    });
    const componentizeMs = performance.now() - started;

    const jco = (await import('@bytecodealliance/jco')) as unknown as { transpile: Transpile };
    const transpiled = await jco.transpile(component, { name: inputs.name, instantiation: 'async', base64Cutoff: 0 });
    const transpileMs = performance.now() - started - componentizeMs;

    mkdirSync(join(staging, 'transpiled'), { recursive: true });
    writeFileSync(join(staging, 'component.wasm'), component);
    writeFileSync(join(staging, 'guest.js'), inputs.guestJs);
    for (const [file, text] of inputs.witFiles) {
      mkdirSync(dirname(join(staging, 'wit', file)), { recursive: true });
      writeFileSync(join(staging, 'wit', file), text);
    }
    for (const [file, bytes] of Object.entries(transpiled.files)) {
      mkdirSync(dirname(join(staging, 'transpiled', file)), { recursive: true });
      writeFileSync(join(staging, 'transpiled', file), bytes);
    }
    const coreModules = coreModuleOrder(inputs.name, Object.keys(transpiled.files));
    const manifest: Manifest = {
      layout: CACHE_LAYOUT,
      key,
      name: inputs.name,
      world: inputs.world,
      versions: inputs.versions,
      disableFeatures: inputs.disableFeatures,
      coreModules,
      mainCore: findMainCore(coreModules, transpiled.files),
      imports: transpiled.imports,
      timings: { componentizeMs: Math.round(componentizeMs), transpileMs: Math.round(transpileMs) },
    };
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    publish(staging, dir);
    return readEntry(dir, false);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Moves a finished staging folder into place unless another process was faster. */
function publish(staging: string, dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  if (existsSync(join(dir, 'manifest.json'))) return;
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    if (!existsSync(join(dir, 'manifest.json'))) throw error;
  }
}

/** `<name>.core.wasm`, `<name>.core2.wasm`, … in numeric order. */
function coreModuleOrder(name: string, files: readonly string[]): string[] {
  const index = (file: string): number => Number(file.slice(name.length + '.core'.length, -'.wasm'.length) || '1');
  return files
    .filter((file) => file.startsWith(`${name}.core`) && file.endsWith('.wasm') && !file.includes('/'))
    .sort((a, b) => index(a) - index(b));
}

/** The core module that exports `memory` and `cabi_realloc`: the guest itself. */
function findMainCore(names: readonly string[], files: Record<string, Uint8Array>): string {
  const main = names.find((name) => {
    const exports = wasm.Module.exports(new wasm.Module(files[name] as Uint8Array));
    return exports.some((e) => e.name === 'memory') && exports.some((e) => e.name === 'cabi_realloc');
  });
  if (main === undefined) throw new Error(`no core module exports memory and cabi_realloc (${names.join(', ')})`);
  return main;
}

function readEntry(dir: string, fromCache: boolean): BuiltComponent {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const transpiledDir = join(dir, 'transpiled');
  const coreModules = new Map<string, Uint8Array>();
  for (const name of manifest.coreModules) coreModules.set(name, new Uint8Array(readFileSync(join(transpiledDir, name))));
  return {
    manifest,
    component: new Uint8Array(readFileSync(join(dir, 'component.wasm'))),
    coreModules,
    mainCore: coreModules.get(manifest.mainCore) as Uint8Array,
    transpiledDir,
    witDir: join(dir, 'wit'),
    dir,
    fromCache,
  };
}

/** An instance import object: interface name (`ns:pkg/iface`, no version) to members. */
export type ImportObject = Record<string, Record<string, unknown>>;

/** The `instantiate` function of jco's async instantiation-mode glue. */
export type JcoInstantiate = (
  getCoreModule: (name: string) => CoreModule,
  imports: ImportObject,
) => Promise<Record<string, unknown>>;

/** Imports the glue module of a transpiled folder and returns its `instantiate`. */
export async function importJcoGlue(transpiledDir: string): Promise<JcoInstantiate> {
  const glue = readdirSync(transpiledDir).find((file) => file.endsWith('.js'));
  if (glue === undefined) throw new Error(`no jco glue module in ${transpiledDir}`);
  const module = (await import(/* @vite-ignore */ pathToFileURL(join(transpiledDir, glue)).href)) as {
    instantiate: JcoInstantiate;
  };
  return module.instantiate;
}

const compiled = new WeakMap<Uint8Array, CoreModule>();

/** Compiles a core module once per byte array. */
export function compileCore(bytes: Uint8Array): CoreModule {
  let module = compiled.get(bytes);
  if (module === undefined) {
    module = new wasm.Module(bytes);
    compiled.set(bytes, module);
  }
  return module;
}

/**
 * The reference host: imports jco's glue from a transpiled folder, instantiates
 * it with `imports` (keys are unversioned interface names, as the glue reads
 * them) and returns its exports (`{ values, resources, 'ns:pkg/values': … }`).
 */
export async function loadTranspiled(transpiledDir: string, imports: ImportObject = {}): Promise<Record<string, unknown>> {
  const instantiate = await importJcoGlue(transpiledDir);
  const modules = new Map<string, CoreModule>();
  const getCoreModule = (name: string): CoreModule => {
    let module = modules.get(name);
    if (module === undefined) {
      module = new wasm.Module(readFileSync(join(transpiledDir, name)));
      modules.set(name, module);
    }
    return module;
  };
  return instantiate(getCoreModule, imports);
}

/** A component to test with, or why componentize-js cannot build one here. */
export type Availability = { readonly built: BuiltComponent } | { readonly skipped: string };

/**
 * {@link buildComponent}, except that when the build fails *and* componentize-js
 * also fails on a trivial world (so the machine cannot run it at all), the
 * result says why instead of throwing. A build that fails only for `options`
 * still throws: that is a broken fixture, not a missing tool.
 */
export async function buildOrSkip(
  options: BuildOptions,
  tools: { build: typeof buildComponent; canary: typeof canBuildComponents } = {
    build: buildComponent,
    canary: canBuildComponents,
  },
): Promise<Availability> {
  try {
    return { built: await tools.build(options) };
  } catch (error) {
    const canary = await tools.canary();
    if (canary !== true) return { skipped: `componentize-js cannot run on this machine: ${canary}` };
    throw error;
  }
}

/** True when componentize-js builds a one-function component, else the error text. */
export async function canBuildComponents(): Promise<true | string> {
  try {
    await buildComponent({
      name: 'canary',
      witSource: 'package witc:canary;\n\nworld canary {\n  export answer: func() -> u32;\n}\n',
      world: 'canary',
      guestSource: 'export function answer() { return 42; }\n',
    });
    return true;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
  }
}

/** The cache key {@link buildComponent} would use for `options` (nothing is built). */
export async function componentKey(options: BuildOptions): Promise<string> {
  return cacheKey(await readInputs(options));
}
