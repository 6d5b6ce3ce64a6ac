/**
 * The JavaScript representation of values in generated code (jco's conventions, ../shared/notes/ecosystem.md §1.3):
 * bool → boolean, 8..32-bit integers and floats → number, 64-bit → bigint, char and string → string, record →
 * object, tuple and fixed-length list → array, numeric list → typed array, variant and result →
 * `{ tag, val }` (result tags `ok`/`err`), enum → label string, option → `T | undefined` unless `T` is itself
 * such an option (then `{ tag: 'none' | 'some', val }`), flags → object of booleans, map → `Map` (or entries),
 * own/borrow → the resource rep (a number), error-context → `ErrorContext`.
 */
import type { AbiCase, AbiType, PrimitiveName } from '../types.js';

/** True when `option<T>` is represented as `T | undefined` (T is not itself lifted to `undefined`). */
export function isNullableOption(type: AbiType): boolean {
  return type.kind === 'option' && !isNullableOption(type.type);
}

/** The typed-array class used for `list<T>` of this element type, if any. */
export function typedArrayOf(element: AbiType): string | undefined {
  if (element.kind !== 'primitive') return undefined;
  return TYPED_ARRAY_CLASS[element.name];
}

/** The typed-array class of a numeric primitive (the representation of `list<T>`), shared with bindgen's types. */
export const TYPED_ARRAY_CLASS: Readonly<Partial<Record<PrimitiveName, string>>> = {
  u8: 'Uint8Array',
  s8: 'Int8Array',
  u16: 'Uint16Array',
  s16: 'Int16Array',
  u32: 'Uint32Array',
  s32: 'Int32Array',
  u64: 'BigUint64Array',
  s64: 'BigInt64Array',
  f32: 'Float32Array',
  f64: 'Float64Array',
};

/** A variant-like case with the JS tag used for it. */
export interface TaggedCase {
  readonly tag: string;
  readonly type?: AbiType | undefined;
}

/** The cases of a variant, option (tagged form) or result with their JS tags. */
export function taggedCases(type: AbiType): TaggedCase[] {
  switch (type.kind) {
    case 'variant':
      return type.cases.map((c: AbiCase) => ({ tag: c.name, type: c.type }));
    case 'option':
      return [{ tag: 'none' }, { tag: 'some', type: type.type }];
    case 'result':
      return [
        { tag: 'ok', type: type.ok },
        { tag: 'err', type: type.error },
      ];
    default:
      return [];
  }
}
