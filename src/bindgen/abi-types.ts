/**
 * The resolver's types (`Type`, `TypeDef`) mapped to the canonical ABI's own model (`AbiType` in src/abi).
 * Aliases are followed; handles carry the id of the resource definition they point at (`r<id>`, after following
 * `use` aliases), so that two handles name the same resource exactly when the keys are equal.
 */
import { t, type AbiType } from '../abi/index.js';
import type { Func, Resolve, Type } from '../resolve/model.js';

/** The resource key used in `own`/`borrow` AbiTypes for the resource definition `id`. */
export function resourceKey(id: number): string {
  return `r${id}`;
}

/** Follows `type a = b` aliases from the type id `id` to the id of the definition it names. */
export function dealiasId(resolve: Resolve, id: number): number {
  let cur = id;
  for (let guard = 0; guard < 10_000; guard++) {
    const def = resolve.types[cur];
    if (!def || def.kind.tag !== 'type' || typeof def.kind.type !== 'number') return cur;
    cur = def.kind.type;
  }
  return cur;
}

/** The `AbiType` of a resolver type. Unknown or malformed ids map to `u8` (never reached for resolved input). */
export function abiType(resolve: Resolve, type: Type): AbiType {
  if (typeof type === 'string') return t.prim(type);
  const def = resolve.types[type];
  if (!def) return t.prim('u8');
  const k = def.kind;
  const sub = (x: Type | null): AbiType | undefined => (x === null ? undefined : abiType(resolve, x));
  switch (k.tag) {
    case 'type':
      return abiType(resolve, k.type);
    case 'record':
      return { kind: 'record', fields: k.fields.map((f) => ({ name: f.name, type: abiType(resolve, f.type) })) };
    case 'flags':
      return t.flags(k.flags.map((f) => f.name));
    case 'tuple':
      return t.tuple(k.types.map((x) => abiType(resolve, x)));
    case 'variant':
      return { kind: 'variant', cases: k.cases.map((c) => ({ name: c.name, type: sub(c.type) })) };
    case 'enum':
      return t.enum(k.cases.map((c) => c.name));
    case 'option':
      return t.option(abiType(resolve, k.type));
    case 'result':
      return t.result(sub(k.ok), sub(k.err));
    case 'list':
      return t.list(abiType(resolve, k.type));
    case 'fixed-length-list':
      return t.list(abiType(resolve, k.type), k.size);
    case 'map':
      return t.map(abiType(resolve, k.key), abiType(resolve, k.value));
    case 'handle': {
      const key = resourceKey(dealiasId(resolve, k.type));
      return k.handle === 'own' ? t.own(key) : t.borrow(key);
    }
    case 'future':
      return { kind: 'future', type: sub(k.type) };
    case 'stream':
      return { kind: 'stream', type: sub(k.type) };
    case 'resource':
      // A bare resource type used as a value means `own<r>`.
      return t.own(resourceKey(type));
    case 'unknown':
      return t.prim('u8');
  }
}

/** The parameter and result `AbiType`s of a function. */
export function functionAbi(resolve: Resolve, func: Func): { params: AbiType[]; results: AbiType[] } {
  return {
    params: func.params.map((p) => abiType(resolve, p.type)),
    results: func.result === undefined ? [] : [abiType(resolve, func.result)],
  };
}
