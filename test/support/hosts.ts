/**
 * The seam between component tests and host bindings.
 *
 * A {@link Host} takes the guest's main core module (the one componentize-js
 * produced, as extracted by jco transpile) and typed imports, and returns the
 * typed, lifted exports. Property tests are written against this interface only,
 * so every host runs the very same checks:
 *
 * - {@link jcoHost} wraps jco's transpiled glue (the reference);
 * - witc's generated host bindings get a `witcHost` factory with the same
 *   signature (run `witc bindgen --lang ts --host` on the component's WIT,
 *   import the result, call its `instantiate(core, imports)`), appended to
 *   {@link HOSTS}.
 *
 * Conventions every host must follow (they are jco's, which witc adopts):
 * imports are keyed by unversioned interface name (`'witc:interop/host'`) with
 * camelCase members; exports are keyed by the camelCase interface name
 * (`values`, `resources`); values are mapped as in docs/testing.md.
 */
import { compileCore, importJcoGlue, type BuiltComponent, type ImportObject } from './components.js';
import type { CoreModule } from './wasm.js';

export type { ImportObject } from './components.js';

/** Runs a component's core module from JavaScript. */
export interface Host {
  /** Shown in test names. */
  readonly name: string;
  /**
   * Instantiates `core` (fresh instance, fresh handle tables) with `imports` and
   * returns the lifted exports. `E` describes the world's exports.
   */
  instantiate<E>(core: Uint8Array, imports: ImportObject): Promise<E>;
}

/** Creates the {@link Host} for one built component (its WIT, world and glue). */
export type HostFactory = (built: BuiltComponent) => Promise<Host>;

/**
 * jco 1.17.9 as a host: its async instantiation-mode glue, fed `core` in place of
 * the guest's main core module (the shim and fix-up modules jco also
 * instantiates come from the build).
 */
export const jcoHost: HostFactory = async (built) => {
  const instantiate = await importJcoGlue(built.transpiledDir);
  return {
    name: `jco ${built.manifest.versions.jco}`,
    async instantiate<E>(core: Uint8Array, imports: ImportObject): Promise<E> {
      const getCoreModule = (name: string): CoreModule => {
        if (name === built.manifest.mainCore) return compileCore(core);
        const bytes = built.coreModules.get(name);
        if (bytes === undefined) throw new Error(`jco asked for an unknown core module ${name}`);
        return compileCore(bytes);
      };
      return (await instantiate(getCoreModule, imports)) as E;
    },
  };
};

/** A named host factory. */
export interface HostEntry {
  readonly name: string;
  readonly create: HostFactory;
}

/**
 * Every host the interop properties run against. The first entry is the
 * reference: other hosts must also give results identical to it.
 */
export const HOSTS: readonly HostEntry[] = [{ name: 'jco', create: jcoHost }];
