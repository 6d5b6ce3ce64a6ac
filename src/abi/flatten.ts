/**
 * Flattening of value types and function types into core WebAssembly value types (CanonicalABI.md, "Flattening").
 */
import { despecialize, type AbiCase, type AbiType, type AddrType, type CoreType } from './types.js';

/** At most this many flat parameters are passed directly (sync functions). */
export const MAX_FLAT_PARAMS = 16;
/** At most this many flat parameters are passed directly by async-lowered functions. */
export const MAX_FLAT_ASYNC_PARAMS = 4;
/** At most this many flat results are returned directly. */
export const MAX_FLAT_RESULTS = 1;

/** `flatten_type(t, opts)`: the core value types a value of `type` is passed as. */
export function flattenType(type: AbiType, addr: AddrType): CoreType[] {
  const d = despecialize(type);
  switch (d.kind) {
    case 'primitive':
      switch (d.name) {
        case 's64':
        case 'u64':
          return ['i64'];
        case 'f32':
          return ['f32'];
        case 'f64':
          return ['f64'];
        case 'string':
          return [addr, addr];
        default:
          return ['i32'];
      }
    case 'list': {
      if (d.length === undefined) return [addr, addr];
      const one = flattenType(d.element, addr);
      const out: CoreType[] = [];
      for (let i = 0; i < d.length; i++) out.push(...one);
      return out;
    }
    case 'record':
      return d.fields.flatMap((f) => flattenType(f.type, addr));
    case 'variant':
      return flattenVariant(d.cases, addr);
    case 'flags':
    case 'handle':
      return ['i32'];
  }
}

/** `join(a, b)`: the core type that can carry both `a` and `b` by bit-casting. */
export function joinCore(a: CoreType, b: CoreType): CoreType {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

/** `flatten_variant`: the discriminant (i32) followed by the joined payload types of all cases. */
export function flattenVariant(cases: readonly AbiCase[], addr: AddrType): CoreType[] {
  const flat: CoreType[] = [];
  for (const c of cases) {
    if (!c.type) continue;
    flattenType(c.type, addr).forEach((ft, i) => {
      flat[i] = i < flat.length ? joinCore(flat[i] as CoreType, ft) : ft;
    });
  }
  return ['i32', ...flat];
}

/** `flatten_types`: the concatenated flattening of several types. */
export function flattenTypes(types: readonly AbiType[], addr: AddrType): CoreType[] {
  return types.flatMap((ty) => flattenType(ty, addr));
}

/** A core function signature. */
export interface CoreFuncType {
  readonly params: CoreType[];
  readonly results: CoreType[];
}

/** How a function is flattened: lifted (an export) or lowered (an import), sync or async (with or without callback). */
export interface FlattenFuncOptions {
  readonly addr: AddrType;
  readonly context: 'lift' | 'lower';
  readonly async?: boolean;
  readonly callback?: boolean;
}

/**
 * `flatten_functype(opts, ft, context)`: the core signature of a component function. Params beyond the limit are
 * passed as one pointer to a tuple in memory; results beyond the limit are returned through a pointer (lift) or
 * written to a caller-supplied out-pointer (lower).
 */
export function flattenFunction(
  params: readonly AbiType[],
  results: readonly AbiType[],
  opts: FlattenFuncOptions,
): CoreFuncType {
  let fp = flattenTypes(params, opts.addr);
  let fr = flattenTypes(results, opts.addr);
  if (!opts.async) {
    if (fp.length > MAX_FLAT_PARAMS) fp = [opts.addr];
    if (fr.length > MAX_FLAT_RESULTS) {
      if (opts.context === 'lift') fr = [opts.addr];
      else {
        fp = [...fp, opts.addr];
        fr = [];
      }
    }
    return { params: fp, results: fr };
  }
  if (opts.context === 'lift') {
    if (fp.length > MAX_FLAT_PARAMS) fp = [opts.addr];
    return { params: fp, results: opts.callback ? ['i32'] : [] };
  }
  if (fp.length > MAX_FLAT_ASYNC_PARAMS) fp = [opts.addr];
  if (fr.length > 0) fp = [...fp, opts.addr];
  return { params: fp, results: ['i32'] };
}
