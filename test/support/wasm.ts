/**
 * The parts of the WebAssembly JavaScript API the component tests use, typed
 * locally: the project's `lib` setting has no DOM typings, and Node's typings
 * do not declare the `WebAssembly` global.
 */

/** A compiled core module (`WebAssembly.Module`). */
export interface CoreModule {
  readonly [Symbol.toStringTag]: string;
}

/** An export of a core module, as `WebAssembly.Module.exports` lists it. */
export interface CoreExport {
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

/** An import of a core module, as `WebAssembly.Module.imports` lists it. */
export interface CoreImport extends CoreExport {
  readonly module: string;
}

interface WasmApi {
  readonly Module: {
    new (bytes: Uint8Array): CoreModule;
    exports(module: CoreModule): CoreExport[];
    imports(module: CoreModule): CoreImport[];
  };
  readonly RuntimeError: new (message?: string) => Error;
}

/** `globalThis.WebAssembly`, typed. */
export const wasm: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
