/**
 * The runtime of witc's generated TypeScript host bindings. Generated code imports it as `rt`: it is the canonical
 * ABI runtime of src/abi (memory views, string codecs, traps, handle tables) plus what a host needs on top: handles
 * lifted to and lowered from JavaScript objects (resource classes), `ComponentError`, error payloads of imports, and
 * core module instantiation. Plain ES2022; runs in browsers.
 */
import * as abi from '../../abi/runtime/index.js';
import type { AbiContext, HandleContext, ResourceType, StringSource } from '../../abi/runtime/index.js';
import { ComponentInstance, enterFailed, throwTrapped, trapInstance } from './instance.js';

export * from '../../abi/runtime/index.js';
export * from './instance.js';

const encoder = new TextEncoder();

function checkAllocation(cx: AbiContext, ptr: number, size: number): void {
  if (ptr + size > cx.u8.length)
    abi.trap('out_of_bounds', `realloc returned ${ptr}: ${size} bytes there exceed memory of ${cx.u8.length} bytes`);
}

/**
 * Store a JS string as UTF-8 (the `utf8` string-encoding), the host's way: short ASCII strings are written directly
 * into an exact allocation; others are encoded into a worst-case allocation (3 bytes per UTF-16 unit) that is then
 * shrunk to the written length with `cabi_realloc`, so the guest always owns exactly `len` bytes. Sets `cx.len`.
 */
export function lowerToUtf8(cx: AbiContext, s: string, _src: StringSource): number {
  if (typeof s !== 'string') throw new TypeError('expected a string');
  const n = s.length;
  if (n <= 64) {
    let ascii = true;
    for (let i = 0; i < n; i++)
      if (s.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii) {
      const p = cx.realloc(0, 0, 1, n);
      checkAllocation(cx, p, n);
      const u8 = cx.u8;
      for (let i = 0; i < n; i++) u8[p + i] = s.charCodeAt(i);
      cx.len = n;
      return p;
    }
  }
  const worst = 3 * n;
  let p = cx.realloc(0, 0, 1, worst);
  checkAllocation(cx, p, worst);
  const { written } = encoder.encodeInto(s, cx.u8.subarray(p, p + worst));
  if (written < worst) {
    p = cx.realloc(p, worst, 1, written);
    checkAllocation(cx, p, written);
  }
  cx.len = written;
  return p;
}

let scratch = new Uint16Array(1024);
const utf16Decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Lift a UTF-8 string of `units` bytes at `ptr` (`load_string_from_range`). Short or ASCII-led strings use the
 * runtime's path (native `TextDecoder`); long strings with non-ASCII bytes near the start are validated and
 * transcoded to UTF-16 in JavaScript, then turned into a string by the UTF-16 decoder, which is several times faster
 * than V8's UTF-8 decoder on such text. Both trap on invalid UTF-8.
 */
export function liftUtf8(cx: AbiContext, ptr: number, units: number): string {
  if (units <= 32 || units > abi.MAX_STRING_BYTE_LENGTH || ptr + units > cx.u8.length)
    return abi.liftUtf8(cx, ptr, units);
  const u8 = cx.u8;
  let ascii = true;
  for (let i = ptr, end = ptr + 64; i < end; i++)
    if ((u8[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) return abi.liftUtf8(cx, ptr, units);
  const k = utf8ToUtf16(u8, ptr, ptr + units);
  if (k < 0) return abi.trap('invalid_string_encoding', `${units} bytes at ${ptr} are not valid UTF-8`);
  return utf16Decoder.decode(scratch.subarray(0, k));
}

/** Validating UTF-8 → UTF-16 transcoding into `scratch`; returns the number of code units, or -1 if invalid. */
function utf8ToUtf16(u8: Uint8Array, start: number, end: number): number {
  if (scratch.length < end - start) scratch = new Uint16Array(end - start);
  const out = scratch;
  let k = 0;
  let i = start;
  while (i < end) {
    const b = u8[i] as number;
    if (b < 0x80) {
      out[k++] = b;
      i++;
    } else if (b < 0xc2) {
      return -1;
    } else if (b < 0xe0) {
      if (i + 1 >= end) return -1;
      const c1 = u8[i + 1] as number;
      if ((c1 & 0xc0) !== 0x80) return -1;
      out[k++] = ((b & 0x1f) << 6) | (c1 & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      if (i + 2 >= end) return -1;
      const c1 = u8[i + 1] as number;
      const c2 = u8[i + 2] as number;
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return -1;
      const cp = ((b & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
      out[k++] = cp;
      i += 3;
    } else if (b < 0xf5) {
      if (i + 3 >= end) return -1;
      const c1 = u8[i + 1] as number;
      const c2 = u8[i + 2] as number;
      const c3 = u8[i + 3] as number;
      if ((c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return -1;
      const cp = ((b & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f);
      if (cp < 0x10000 || cp > 0x10ffff) return -1;
      const v = cp - 0x10000;
      out[k++] = 0xd800 | (v >> 10);
      out[k++] = 0xdc00 | (v & 0x3ff);
      i += 4;
    } else {
      return -1;
    }
  }
  return k;
}

/** Thrown by an exported function whose `result` came back as `err`; `payload` is the error value. */
export class ComponentError extends Error {
  readonly payload: unknown;

  constructor(payload: unknown) {
    super(typeof payload === 'string' ? payload : `component returned an error: ${describe(payload)}`);
    this.name = 'ComponentError';
    this.payload = payload;
  }
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * The `err` payload of a host import that threw: an object with a `payload` property supplies it; for a `string`
 * error type an `Error`'s message is used; anything else propagates (the guest call fails).
 */
export function errorPayload(e: unknown, stringError: boolean): unknown {
  if (typeof e === 'object' && e !== null && 'payload' in e) return (e as { payload: unknown }).payload;
  if (stringError && e instanceof Error) return e.message;
  throw e;
}

/** A resource type whose handles are JavaScript objects on the host side. */
export class HostResourceType extends abi.ResourceType {
  constructor(
    name: string,
    impl: object | null,
    dtor: ((rep: number) => void) | null,
    /** The host object for a lifted handle's rep (`own`: the host takes ownership). */
    readonly fromRep: (rep: number, own: boolean) => unknown,
    /** The rep to lower for a host object (`own`: ownership moves to the guest). */
    readonly toRep: (obj: unknown, own: boolean) => number,
  ) {
    super(name, impl, dtor);
  }

  /** Called when an export call ends: forget objects that were only lent for it. */
  endCall?: () => void;
}

function host(t: ResourceType): HostResourceType {
  if (!(t instanceof HostResourceType)) throw new TypeError(`resource type ${t.name} has no host representation`);
  return t;
}

/** `lift_own`, then the host object for the rep. */
export function liftOwn(cx: HandleContext, i: number, t: ResourceType): unknown {
  return host(t).fromRep(abi.liftOwn(cx, i, t), true);
}

/** `lift_borrow`, then the host object for the rep. */
export function liftBorrow(cx: HandleContext, i: number, t: ResourceType): unknown {
  return host(t).fromRep(abi.liftBorrow(cx, i, t), false);
}

/** The rep of a host object, then `lower_own`. */
export function lowerOwn(cx: HandleContext, v: unknown, t: ResourceType): number {
  return abi.lowerOwn(cx, host(t).toRep(v, true), t);
}

/** The rep of a host object, then `lower_borrow`. */
export function lowerBorrow(cx: HandleContext, v: unknown, t: ResourceType): number {
  return abi.lowerBorrow(cx, host(t).toRep(v, false), t);
}

/** The state every object of an exported (guest-implemented) resource class carries. */
export interface GuestHandle {
  /** The guest's rep, `undefined` once dropped or moved into the guest. */
  $rep?: number | undefined;
  /** True for a borrow the guest lent to a host import (disposing it does not run the destructor). */
  $borrowed?: boolean | undefined;
}

/**
 * The resource type of a resource the guest exports: handles become instances of `cls` (created without running
 * its constructor); `dtor` is the guest's `[dtor]` export, if any.
 */
export function guestResource(
  name: string,
  instance: object,
  cls: { prototype: object },
  dtor: ((rep: number) => unknown) | undefined,
): HostResourceType {
  return new HostResourceType(
    name,
    instance,
    dtor === undefined ? null : (rep) => void dtor(rep),
    (rep, own) => {
      const o = Object.create(cls.prototype) as GuestHandle;
      o.$rep = rep;
      if (!own) o.$borrowed = true;
      return o;
    },
    (obj, own) => {
      const rep = obj instanceof (cls as unknown as new () => object) ? (obj as GuestHandle).$rep : undefined;
      if (rep === undefined) throw new TypeError(`expected a live ${name} resource (it was dropped or moved)`);
      if (own) (obj as GuestHandle).$rep = undefined;
      return rep;
    },
  );
}

/**
 * `[Symbol.dispose]` of an exported resource object: drop the handle once, running the guest's destructor. A live
 * object of an instance that trapped throws; the destructor is a call into the instance, so it obeys `may_enter`.
 */
export function disposeGuest(
  inst: ComponentInstance,
  obj: GuestHandle,
  dtor: ((rep: number) => unknown) | undefined,
  what: string,
): void {
  const rep = obj.$rep;
  if (rep === undefined) return;
  if (inst.trapped) throwTrapped(inst, what);
  if (obj.$borrowed || dtor === undefined) {
    obj.$rep = undefined;
    return;
  }
  if (!inst.mayEnter) enterFailed(inst, what);
  obj.$rep = undefined;
  inst.mayEnter = false;
  try {
    dtor(rep);
  } catch (e) {
    throw trapInstance(inst, e);
  }
  inst.mayEnter = true;
}

/**
 * The resource type of a resource the host implements (an imported resource): reps index a table of host objects.
 * An entry counts the own handles the guest holds; when the guest drops (or hands back) the last one, the object
 * leaves the table, and a drop also calls its `[Symbol.dispose]` (if any). Objects only lent to the guest for one
 * export call (`borrow` arguments) leave the table when the call ends (`endBorrowScope`).
 */
export function hostResource(name: string): HostResourceType {
  const entries = new Map<number, { readonly obj: object; owners: number }>();
  const ids = new Map<object, number>();
  const lent = new Set<number>();
  let next = 1;
  const remove = (rep: number): object | undefined => {
    const e = entries.get(rep);
    if (e === undefined) return undefined;
    entries.delete(rep);
    ids.delete(e.obj);
    lent.delete(rep);
    return e.obj;
  };
  const type = new HostResourceType(
    name,
    null,
    (rep) => {
      const e = entries.get(rep);
      if (e === undefined) return;
      e.owners -= 1;
      if (e.owners > 0) return;
      (remove(rep) as { [Symbol.dispose]?: () => void } | undefined)?.[Symbol.dispose]?.();
    },
    (rep, own) => {
      const e = entries.get(rep);
      if (e === undefined) throw new TypeError(`no host ${name} object for rep ${rep}`);
      if (own) {
        e.owners -= 1;
        if (e.owners <= 0 && !lent.has(rep)) remove(rep);
      }
      return e.obj;
    },
    (obj, own) => {
      if (typeof obj !== 'object' || obj === null) throw new TypeError(`expected a ${name} object`);
      let id = ids.get(obj);
      if (id === undefined) {
        id = next++;
        ids.set(obj, id);
        entries.set(id, { obj, owners: 0 });
      }
      const e = entries.get(id)!;
      if (own) e.owners += 1;
      else if (e.owners === 0) lent.add(id);
      return id;
    },
  );
  type.endCall = () => {
    for (const id of lent) {
      const e = entries.get(id);
      if (e !== undefined && e.owners === 0) remove(id);
    }
    lent.clear();
  };
  return type;
}

/** `endBorrowScope` (trap if the guest kept borrowed handles), then release objects lent for the call. */
export function endBorrowScope(cx: HandleContext): void {
  try {
    abi.endBorrowScope(cx);
  } finally {
    for (const t of Object.values(cx.resources)) if (t instanceof HostResourceType) t.endCall?.();
  }
}

/** A compiled core module (`WebAssembly.Module`), kept opaque so no DOM typings are needed. */
export type CoreModule = object;

/** What `instantiate` accepts: the core module's bytes, a compiled module, or a function producing one. */
export type ModuleSource = ArrayBuffer | ArrayBufferView | CoreModule | (() => CoreModule | PromiseLike<CoreModule>);

/** The exports of a core instance. */
export type CoreExports = Record<string, any>;

/** A core import as `WebAssembly.Module.imports` describes it. */
interface CoreImportDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: string;
}

interface WasmApi {
  Module: (new (bytes: ArrayBuffer | ArrayBufferView) => object) & {
    imports?(module: object): CoreImportDescriptor[];
  };
  instantiate(module: object, imports: object): Promise<{ exports: CoreExports }>;
  compile(bytes: ArrayBuffer | ArrayBufferView): Promise<object>;
}

function wasmApi(): WasmApi {
  const w = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!w) throw new TypeError('WebAssembly is not available in this JavaScript environment');
  return w;
}

/** Compile (if needed) and instantiate a core module with `imports`; returns its exports. */
export async function instantiateCore(
  source: ModuleSource,
  imports: Record<string, Record<string, unknown>>,
): Promise<CoreExports> {
  const w = wasmApi();
  let module: object;
  if (typeof source === 'function') module = await (source as () => CoreModule | PromiseLike<CoreModule>)();
  else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) module = await w.compile(source);
  else module = source;
  refuseAsyncBuiltins(w, module, imports);
  const instance = await w.instantiate(module, imports);
  return instance.exports;
}

/** Core import names of the async ABI's built-ins and async-lowered functions (`[async-lower]f`, `[task-return]f`, …). */
const ASYNC_BUILTIN =
  /^\[(async-|task-|subtask-|stream-|future-|waitable|context-|backpressure|yield|thread-|error-context-|cancel)/;

/** Throw `UnsupportedError` when the module imports an async ABI built-in that the bindings do not provide. */
function refuseAsyncBuiltins(w: WasmApi, module: object, imports: Record<string, Record<string, unknown>>): void {
  const list = typeof w.Module.imports === 'function' ? w.Module.imports(module) : [];
  for (const i of list) {
    if (i.kind !== 'function' || imports[i.module]?.[i.name] !== undefined) continue;
    if (ASYNC_BUILTIN.test(i.name)) throw new UnsupportedError('async-abi', `${i.module} ${i.name}`);
  }
}

/** The core export `name`, which must be a function. */
export function coreFunction(exports: CoreExports, name: string): (...args: any[]) => any {
  const f = exports[name];
  if (typeof f !== 'function')
    throw new TypeError(`the core module does not export the function ${JSON.stringify(name)}`);
  return f as (...args: any[]) => any;
}

/** The optional core export `name` (`cabi_post_*`, `[dtor]*`). */
export function optionalFunction(exports: CoreExports, name: string): ((...args: any[]) => any) | undefined {
  const f = exports[name];
  return typeof f === 'function' ? (f as (...args: any[]) => any) : undefined;
}

/** What `UnsupportedError` refuses: an `async` function, a `future` or `stream` value, or the async ABI's built-ins. */
export type UnsupportedFeature = 'async' | 'future' | 'stream' | 'async-abi';

/**
 * Thrown by generated bindings for what they do not implement yet: calling an `async` function or one whose
 * parameters or result contain a `future` or `stream` (the async ABI), and, from `instantiate`, a core module that
 * imports the async ABI's built-ins. `feature` says which; `item` names the function or core import.
 */
export class UnsupportedError extends Error {
  readonly feature: UnsupportedFeature;
  readonly item: string;

  constructor(feature: UnsupportedFeature, item: string) {
    super(`${unsupportedText(feature, item)} is not supported by witc's host bindings yet (no async ABI)`);
    this.name = 'UnsupportedError';
    this.feature = feature;
    this.item = item;
  }
}

function unsupportedText(feature: UnsupportedFeature, item: string): string {
  switch (feature) {
    case 'async':
      return `the async function ${item}`;
    case 'future':
    case 'stream':
      return `the function ${item} (it passes a ${feature})`;
    case 'async-abi':
      return `the core import ${item} (an async ABI built-in)`;
  }
}

/** Throws `UnsupportedError` (keeps generated wrappers short). */
export function unsupportedFunction(feature: UnsupportedFeature, item: string): never {
  throw new UnsupportedError(feature, item);
}
