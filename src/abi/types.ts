/**
 * The canonical ABI's own, self-contained type model (`AbiType`). It mirrors the component-model value types that the
 * canonical ABI distinguishes (CanonicalABI.md, "Despecialization" and the `match despecialize(t)` case analyses) and
 * nothing more: no names of type definitions, no docs, no interfaces. Bindgen maps the resolver's types to it; the
 * vector runner maps the vectors' JSON types to it.
 */

/** Scalar and string types that have no type parameters. */
export type PrimitiveName =
  | 'bool'
  | 's8'
  | 'u8'
  | 's16'
  | 'u16'
  | 's32'
  | 'u32'
  | 's64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

/** A labelled field of a record. */
export interface AbiField {
  readonly name: string;
  readonly type: AbiType;
}

/** A case of a variant; `type` is absent when the case has no payload. */
export interface AbiCase {
  readonly name: string;
  readonly type?: AbiType | undefined;
}

/**
 * A value type as the canonical ABI sees it. `own`/`borrow` carry a resource identity (`resource`): an opaque key the
 * runtime context maps to a `ResourceType` object; two handles have the same resource type iff the keys are equal.
 */
export type AbiType =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'list'; readonly element: AbiType; readonly length?: number | undefined }
  | { readonly kind: 'record'; readonly fields: readonly AbiField[] }
  | { readonly kind: 'tuple'; readonly types: readonly AbiType[] }
  | { readonly kind: 'variant'; readonly cases: readonly AbiCase[] }
  | { readonly kind: 'enum'; readonly names: readonly string[] }
  | { readonly kind: 'option'; readonly type: AbiType }
  | { readonly kind: 'result'; readonly ok?: AbiType | undefined; readonly error?: AbiType | undefined }
  | { readonly kind: 'flags'; readonly names: readonly string[] }
  | { readonly kind: 'map'; readonly key: AbiType; readonly value: AbiType }
  | { readonly kind: 'own'; readonly resource: string }
  | { readonly kind: 'borrow'; readonly resource: string }
  | { readonly kind: 'future'; readonly type?: AbiType | undefined }
  | { readonly kind: 'stream'; readonly type?: AbiType | undefined };

/** Memory index type (`addrtype` of the memory): i32 for 32-bit memories, i64 for memory64. */
export type AddrType = 'i32' | 'i64';

/** The `string-encoding` canonopt. */
export type StringEncoding = 'utf8' | 'utf16' | 'latin1+utf16';

/** A core WebAssembly value type, as produced by flattening. */
export type CoreType = 'i32' | 'i64' | 'f32' | 'f64';

/** Shorthand constructors, handy in tests and in bindgen's type mapping. */
export const t = {
  prim: (name: PrimitiveName): AbiType => ({ kind: 'primitive', name }),
  list: (element: AbiType, length?: number): AbiType => ({ kind: 'list', element, length }),
  record: (fields: ReadonlyArray<readonly [string, AbiType]>): AbiType => ({
    kind: 'record',
    fields: fields.map(([name, type]) => ({ name, type })),
  }),
  tuple: (types: readonly AbiType[]): AbiType => ({ kind: 'tuple', types }),
  variant: (cases: ReadonlyArray<readonly [string, AbiType | undefined]>): AbiType => ({
    kind: 'variant',
    cases: cases.map(([name, type]) => ({ name, type })),
  }),
  enum: (names: readonly string[]): AbiType => ({ kind: 'enum', names }),
  option: (type: AbiType): AbiType => ({ kind: 'option', type }),
  result: (ok?: AbiType, error?: AbiType): AbiType => ({ kind: 'result', ok, error }),
  flags: (names: readonly string[]): AbiType => ({ kind: 'flags', names }),
  map: (key: AbiType, value: AbiType): AbiType => ({ kind: 'map', key, value }),
  own: (resource: string): AbiType => ({ kind: 'own', resource }),
  borrow: (resource: string): AbiType => ({ kind: 'borrow', resource }),
};

/**
 * The despecialized view used by layout and flattening: tuples, enums, options and results become variants or
 * records, and maps become lists of key/value tuples (CanonicalABI.md, "Despecialization").
 */
export type Despecialized =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'list'; readonly element: AbiType; readonly length?: number | undefined }
  | { readonly kind: 'record'; readonly fields: readonly AbiField[] }
  | { readonly kind: 'variant'; readonly cases: readonly AbiCase[] }
  | { readonly kind: 'flags'; readonly names: readonly string[] }
  | { readonly kind: 'handle' };

/** Despecialize one level of `type` (see `Despecialized`). */
export function despecialize(type: AbiType): Despecialized {
  switch (type.kind) {
    case 'tuple':
      return { kind: 'record', fields: type.types.map((ft, i) => ({ name: String(i), type: ft })) };
    case 'enum':
      return { kind: 'variant', cases: type.names.map((name) => ({ name })) };
    case 'option':
      return { kind: 'variant', cases: [{ name: 'none' }, { name: 'some', type: type.type }] };
    case 'result':
      return { kind: 'variant', cases: [{ name: 'ok', type: type.ok }, { name: 'error', type: type.error }] };
    case 'map':
      return { kind: 'list', element: { kind: 'tuple', types: [type.key, type.value] } };
    case 'own':
    case 'borrow':
    case 'future':
    case 'stream':
      return { kind: 'handle' };
    default:
      return type;
  }
}
