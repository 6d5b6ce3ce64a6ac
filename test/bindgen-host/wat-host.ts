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

/** Generates, bundles and instantiates the host bindings of `wit` over the core module `wat`. */
export async function instantiateWat(wit: string, wat: string, imports: object): Promise<any> {
  const { instantiate } = await importGenerated(hostSource(wit), repo);
  return instantiate(new wasm.Module(await assemble(wat)), imports as never);
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
