/**
 * witc's generated TypeScript host bindings as a {@link Host}: resolve the component's WIT, run `generateHost`,
 * bundle the generated module with esbuild (the runtime import pointing at src/bindgen/host/runtime.ts), write it
 * to a temporary file and import it. Also used by the host benchmark (plain Node, no vitest).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateHost } from '../../src/bindgen/host/index.js';
import { loadPath, selectWorld } from '../../src/resolve/index.js';
import { nodeHost } from '../../src/node/host.js';
import { compileCore, type BuiltComponent, type ImportObject } from './components.js';
import type { Host, HostFactory } from './hosts.js';

/** The `instantiate` exported by generated bindings. */
export type WitcInstantiate = (module: unknown, imports: ImportObject) => Promise<unknown>;

let counter = 0;

/** Absolute path of the host runtime the generated code imports. */
export function runtimePath(root: string): string {
  return resolvePath(root, 'src/bindgen/host/runtime.ts');
}

/** Generates the host bindings of `world` in the WIT at `witPath` (TypeScript source, one file). */
export function generateHostSource(witPath: string, world: string | undefined, runtime: string): string {
  const loaded = loadPath(nodeHost, witPath);
  if (!loaded.resolve)
    throw new Error(`cannot load ${witPath}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const selected = selectWorld(loaded.resolve, loaded.main, world);
  if (selected.world === undefined)
    throw new Error(`no world: ${selected.diagnostics.map((d) => d.message).join('; ')}`);
  const files = generateHost(loaded.resolve, selected.world, { runtime });
  return [...files.values()][0] as string;
}

/** Bundles generated TypeScript (with its runtime) into one ES module and imports it. */
export async function importGenerated(source: string, root: string): Promise<{ instantiate: WitcInstantiate }> {
  const result = await build({
    stdin: { contents: source, loader: 'ts', resolveDir: root, sourcefile: 'bindings.ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const dir = join(tmpdir(), 'witc-host-bindings');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bindings-${process.pid}-${Date.now()}-${counter++}.mjs`);
  writeFileSync(file, result.outputFiles[0]!.text);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { instantiate: WitcInstantiate };
}

/** witc as a host of a built component: bindings generated from the component's WIT (`built.witDir`). */
export const witcHost: HostFactory = async (built: BuiltComponent): Promise<Host> => {
  const repo = resolvePath(new URL('../..', import.meta.url).pathname);

  const source = generateHostSource(built.witDir, built.manifest.world, runtimePath(repo));
  const { instantiate } = await importGenerated(source, repo);
  return {
    name: 'witc',
    async instantiate<E>(core: Uint8Array, imports: ImportObject): Promise<E> {
      return (await instantiate(compileCore(core), imports)) as E;
    },
  };
};
