/**
 * Conversions between the ABI vectors' JSON (../shared/abi-vectors/README.md §1-§2) and witc's AbiType and JS value
 * representation. Used by the vector runner; kept free of Node APIs.
 */
import { lowerCamelCase, runtime, type AbiType, type PrimitiveName } from '../../../src/abi/index.js';
import { isNullableOption, typedArrayOf } from '../../../src/abi/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const PRIMS = new Set<string>([
  'bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string', 'error-context',
]);

/** A vector JSON type as an AbiType. */
export function typeFromJson(j: Json): AbiType {
  if (typeof j === 'string') {
    if (!PRIMS.has(j)) throw new Error(`unknown primitive type ${j}`);
    return { kind: 'primitive', name: j as PrimitiveName };
  }
  if ('list' in j) return { kind: 'list', element: typeFromJson(j.list), length: j.len ?? undefined };
  if ('record' in j)
    return { kind: 'record', fields: j.record.map(([n, t]: [string, Json]) => ({ name: n, type: typeFromJson(t) })) };
  if ('tuple' in j) return { kind: 'tuple', types: j.tuple.map(typeFromJson) };
  if ('variant' in j)
    return {
      kind: 'variant',
      cases: j.variant.map(([n, t]: [string, Json]) => ({ name: n, type: t === null ? undefined : typeFromJson(t) })),
    };
  if ('enum' in j) return { kind: 'enum', names: j.enum };
  if ('option' in j) return { kind: 'option', type: typeFromJson(j.option) };
  if ('result' in j) {
    const r = j.result;
    return {
      kind: 'result',
      ok: r.ok == null ? undefined : typeFromJson(r.ok),
      error: r.error == null ? undefined : typeFromJson(r.error),
    };
  }
  if ('flags' in j) return { kind: 'flags', names: j.flags };
  if ('map' in j) return { kind: 'map', key: typeFromJson(j.map[0]), value: typeFromJson(j.map[1]) };
  if ('own' in j) return { kind: 'own', resource: j.own };
  if ('borrow' in j) return { kind: 'borrow', resource: j.borrow };
  throw new Error(`unknown type ${JSON.stringify(j)}`);
}

/** Every resource name used by a type. */
export function resourcesOf(t: AbiType, out = new Set<string>()): Set<string> {
  switch (t.kind) {
    case 'own':
    case 'borrow':
      out.add(t.resource);
      break;
    case 'list':
      resourcesOf(t.element, out);
      break;
    case 'record':
      t.fields.forEach((f) => resourcesOf(f.type, out));
      break;
    case 'tuple':
      t.types.forEach((x) => resourcesOf(x, out));
      break;
    case 'variant':
      t.cases.forEach((c) => c.type && resourcesOf(c.type, out));
      break;
    case 'option':
      resourcesOf(t.type, out);
      break;
    case 'result':
      if (t.ok) resourcesOf(t.ok, out);
      if (t.error) resourcesOf(t.error, out);
      break;
    case 'map':
      resourcesOf(t.key, out);
      resourcesOf(t.value, out);
      break;
    default:
      break;
  }
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Number from an `0x…` f32 bit pattern. */
export function f32FromBits(hex: string): number {
  u32[0] = parseInt(hex, 16);
  return f32[0] as number;
}

/** Number from an `0x…` f64 bit pattern. */
export function f64FromBits(hex: string): number {
  u64[0] = BigInt(hex);
  return f64[0] as number;
}

/** `0x%08x` bit pattern of a number as f32. */
export function f32Bits(x: number): string {
  f32[0] = x;
  return '0x' + (u32[0] as number).toString(16).padStart(8, '0');
}

/** `0x%016x` bit pattern of a number as f64. */
export function f64Bits(x: number): string {
  f64[0] = x;
  return '0x' + (u64[0] as bigint).toString(16).padStart(16, '0');
}

/** A vector value as the JS value generated code takes (maps as entry arrays). */
export function valueToJs(t: AbiType, v: Json): unknown {
  switch (t.kind) {
    case 'primitive':
      switch (t.name) {
        case 's64':
        case 'u64':
          return BigInt(v);
        case 'f32':
          return f32FromBits(v);
        case 'f64':
          return f64FromBits(v);
        case 'char':
          return String.fromCodePoint(v);
        case 'error-context':
          return new runtime.ErrorContext(v);
        default:
          return v;
      }
    case 'list': {
      const arr = (v as Json[]).map((e) => valueToJs(t.element, e));
      const typed = t.length === undefined ? typedArrayOf(t.element) : undefined;
      if (typed) return new (globalThis as any)[typed](arr);
      return arr;
    }
    case 'record': {
      const o: Record<string, unknown> = {};
      for (const f of t.fields) o[lowerCamelCase(f.name)] = valueToJs(f.type, v[f.name]);
      return o;
    }
    case 'tuple':
      return t.types.map((x, i) => valueToJs(x, v[i]));
    case 'variant': {
      const c = t.cases.find((c) => c.name === v.case);
      return { tag: v.case, val: c?.type ? valueToJs(c.type, v.value) : undefined };
    }
    case 'enum':
      return v;
    case 'option':
      if (isNullableOption(t)) return v.case === 'none' ? undefined : valueToJs(t.type, v.value);
      return v.case === 'none' ? { tag: 'none' } : { tag: 'some', val: valueToJs(t.type, v.value) };
    case 'result': {
      const ok = v.case === 'ok';
      const pt = ok ? t.ok : t.error;
      return { tag: ok ? 'ok' : 'err', val: pt ? valueToJs(pt, v.value) : undefined };
    }
    case 'flags': {
      const set = new Set(v as string[]);
      const o: Record<string, boolean> = {};
      for (const n of t.names) o[lowerCamelCase(n)] = set.has(n);
      return o;
    }
    case 'map':
      return (v as Json[]).map(([k, x]) => [valueToJs(t.key, k), valueToJs(t.value, x)]);
    default:
      return v; // own/borrow: the rep
  }
}

/** A lifted JS value back in the vectors' JSON form (for comparison with `lifted_value`). */
export function valueFromJs(t: AbiType, v: any): Json {
  switch (t.kind) {
    case 'primitive':
      switch (t.name) {
        case 's64':
        case 'u64':
          return typeof v === 'bigint' ? v.toString() : `<not a bigint: ${String(v)}>`;
        case 'f32':
          return f32Bits(v);
        case 'f64':
          return f64Bits(v);
        case 'char':
          return typeof v === 'string' ? v.codePointAt(0) : `<not a char: ${String(v)}>`;
        case 'error-context':
          return v instanceof runtime.ErrorContext ? v.message : '<not an error context>';
        default:
          return v;
      }
    case 'list':
      return Array.from(v as ArrayLike<unknown>, (e) => valueFromJs(t.element, e));
    case 'record': {
      const o: Record<string, unknown> = {};
      for (const f of t.fields) o[f.name] = valueFromJs(f.type, v[lowerCamelCase(f.name)]);
      return o;
    }
    case 'tuple':
      return t.types.map((x, i) => valueFromJs(x, v[i]));
    case 'variant': {
      const c = t.cases.find((c) => c.name === v.tag);
      return c?.type ? { case: v.tag, value: valueFromJs(c.type, v.val) } : { case: v.tag };
    }
    case 'enum':
      return v;
    case 'option':
      if (isNullableOption(t)) return v === undefined ? { case: 'none' } : { case: 'some', value: valueFromJs(t.type, v) };
      return v.tag === 'none' ? { case: 'none' } : { case: 'some', value: valueFromJs(t.type, v.val) };
    case 'result': {
      const pt = v.tag === 'ok' ? t.ok : t.error;
      const label = v.tag === 'ok' ? 'ok' : 'error';
      return pt ? { case: label, value: valueFromJs(pt, v.val) } : { case: label };
    }
    case 'flags':
      return t.names.filter((n) => v[lowerCamelCase(n)] === true);
    case 'map':
      return (v as Array<[unknown, unknown]>).map(([k, x]) => [valueFromJs(t.key, k), valueFromJs(t.value, x)]);
    default:
      return v;
  }
}
