/**
 * Helpers for host-bindings tests on hand-written core modules: generate witc's host bindings for a WIT world,
 * bundle them with the runtime, and instantiate them over a WAT module assembled with jco's `parse`.
 */
import { resolve as resolvePath } from 'node:path';
import { expect } from 'vitest';
import { generateHost } from '../../src/bindgen/host/index.js';
import { loadSources, selectWorld } from '../../src/resolve/index.js';
import { Trap } from '../../src/bindgen/host/runtime.js';
import { importGenerated } from '../support/witc-host.js';
import { wasm } from '../support/wasm.js';
import { assemble } from './echo-core.js';

const repo = resolvePath(import.meta.dirname, '../..');
const runtime = resolvePath(repo, 'src/bindgen/host/runtime.ts');

/** The host bindings source of the only (or the named) world in `wit`. */
export function hostSource(wit: string, world?: string): string {
  const loaded = loadSources({ '/t.wit': wit }, '/t.wit');
  if (!loaded.resolve) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const id = selectWorld(loaded.resolve, loaded.main, world).world!;
  return [...generateHost(loaded.resolve, id, { runtime }).values()][0]!;
}

/** Generated bindings bundled with their runtime, which is re-exported as `rt` (the very copy the bindings use). */
export interface Bindings {
  instantiate(module: unknown, imports: object): Promise<any>;
  rt: typeof import('../../src/bindgen/host/runtime.js');
}

/** Generates and bundles the host bindings of `wit`, re-exporting their runtime as `rt`. */
export async function bindings(wit: string): Promise<Bindings> {
  const source = `${hostSource(wit)}\nexport * as rt from ${JSON.stringify(runtime)};\n`;
  return (await importGenerated(source, repo)) as unknown as Bindings;
}

/** Generates, bundles and instantiates the host bindings of `wit` over the core module `wat`. */
export async function instantiateWat(wit: string, wat: string, imports: object): Promise<any> {
  const { instantiate } = await importGenerated(hostSource(wit), repo);
  return instantiate(new wasm.Module(await assemble(wat)), imports as never);
}

/** Assembles `wat` into a compiled core module. */
export async function coreModule(wat: string): Promise<unknown> {
  return new wasm.Module(await assemble(wat));
}

/** The error `call` throws (fails the test when it returns). */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

/** Asserts that `e` is a `Trap` of `kind` (compared by name: the bindings bundle their own runtime copy). */
export function isTrap(e: unknown, kind: string): Trap {
  expect(e).toBeInstanceOf(Error);
  expect((e as Error).name).toBe(new Trap('out_of_bounds', '').name);
  expect((e as Trap).kind).toBe(kind);
  return e as Trap;
}

/** WAT lines for a module's `memory` export and a bump-allocating `cabi_realloc` (heap from 1024, never frees). */
export const BUMP_MEMORY = `  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $p))
`;
