/** fast-check arbitraries for ABI types and JS values in witc's representation. */
import fc from 'fast-check';
import { isNullableOption, lowerCamelCase, t, type AbiType, type PrimitiveName } from '../../src/abi/index.js';

const PRIMS: PrimitiveName[] = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string'];
const KEYS: PrimitiveName[] = ['u8', 's32', 'u64', 'string', 'char', 'bool'];
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

const primType = fc.constantFrom(...PRIMS).map((n) => t.prim(n));

/** Random value types up to a nesting depth. */
export const typeArb: fc.Arbitrary<AbiType> = fc.letrec<{ ty: AbiType }>((tie) => ({
  ty: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primType,
    fc.integer({ min: 1, max: 40 }).map((n) => t.enum(names('e', n))),
    fc.integer({ min: 1, max: 32 }).map((n) => t.flags(names('f', n))),
    tie('ty').map((e) => t.list(e)),
    fc.tuple(tie('ty'), fc.integer({ min: 1, max: 3 })).map(([e, n]) => t.list(e, n)),
    fc.array(tie('ty'), { minLength: 1, maxLength: 4 }).map((ts) => t.record(ts.map((x, i) => [`field-${i}`, x] as const))),
    fc.array(tie('ty'), { minLength: 1, maxLength: 3 }).map((ts) => t.tuple(ts)),
    fc
      .array(fc.option(tie('ty'), { nil: undefined }), { minLength: 1, maxLength: 4 })
      .map((cs) => t.variant(cs.map((x, i) => [`case-${i}`, x] as const))),
    tie('ty').map((x) => t.option(x)),
    fc.tuple(fc.option(tie('ty'), { nil: undefined }), fc.option(tie('ty'), { nil: undefined })).map(([a, b]) => t.result(a, b)),
    fc.tuple(fc.constantFrom(...KEYS), tie('ty')).map(([k, v]) => t.map(t.prim(k), v)),
  ),
})).ty;

const scalar = fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }));
const str = fc.array(scalar, { maxLength: 12 }).map((cps) => String.fromCodePoint(...cps));

/** A random JS value of `type` in witc's representation. */
export function valueArb(type: AbiType): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'bool': return fc.boolean();
        case 's8': return fc.integer({ min: -128, max: 127 });
        case 'u8': return fc.integer({ min: 0, max: 255 });
        case 's16': return fc.integer({ min: -32768, max: 32767 });
        case 'u16': return fc.integer({ min: 0, max: 65535 });
        case 's32': return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
        case 'u32': return fc.integer({ min: 0, max: 2 ** 32 - 1 });
        case 's64': return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
        case 'u64': return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
        case 'f32': return fc.float();
        case 'f64': return fc.double();
        case 'char': return scalar.map((c) => String.fromCodePoint(c));
        default: return str;
      }
    case 'list':
      return type.length === undefined
        ? fc.array(valueArb(type.element), { maxLength: 5 })
        : fc.array(valueArb(type.element), { minLength: type.length, maxLength: type.length });
    case 'record':
      return fc.record(Object.fromEntries(type.fields.map((f) => [lowerCamelCase(f.name), valueArb(f.type)])));
    case 'tuple':
      return fc.tuple(...type.types.map(valueArb));
    case 'variant':
      return fc.oneof(
        ...type.cases.map((c) =>
          c.type ? valueArb(c.type).map((val) => ({ tag: c.name, val })) : fc.constant({ tag: c.name, val: undefined }),
        ),
      );
    case 'enum':
      return fc.constantFrom(...type.names);
    case 'option':
      if (isNullableOption(type)) return fc.option(valueArb(type.type), { nil: undefined });
      return fc.oneof(fc.constant({ tag: 'none', val: undefined }), valueArb(type.type).map((val) => ({ tag: 'some', val })));
    case 'result':
      return fc.oneof(
        type.ok ? valueArb(type.ok).map((val) => ({ tag: 'ok', val })) : fc.constant({ tag: 'ok', val: undefined }),
        type.error ? valueArb(type.error).map((val) => ({ tag: 'err', val })) : fc.constant({ tag: 'err', val: undefined }),
      );
    case 'flags':
      return fc.record(Object.fromEntries(type.names.map((n) => [lowerCamelCase(n), fc.boolean()])));
    case 'map':
      return fc.array(fc.tuple(valueArb(type.key), valueArb(type.value)), { maxLength: 4 }).map((es) => new Map(es));
    default:
      throw new Error(`no arbitrary for ${type.kind}`);
  }
}

