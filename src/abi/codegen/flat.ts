/**
 * Generation of `lowerFlat(v, out, at)` and `liftFlat(vals, at)` (CanonicalABI.md, "Flat Lowering" and
 * "Flat Lifting"), including the bit-casts between joined variant payload slots.
 * Core values: i32 as number (signed or unsigned accepted on lift), i64 as bigint, f32/f64 as number.
 */
import { flattenType, flattenVariant } from '../flatten.js';
import type { AbiType, CoreType } from '../types.js';
import { liftHandle, literalKey, lowerHandle, member, taggedLiteral, type Gen, type Writer } from './gen.js';
import {
  emitPackFlags,
  lengthWord,
  liftListHelper,
  liftStringHelper,
  lowerListHelper,
  lowerStringCall,
  unpackFlags,
} from './memory.js';
import { isNullableOption, taggedCases } from './repr.js';

const INT_CHECK: Record<string, string> = {
  u8: 'u8', s8: 's8', u16: 'u16', s16: 's16', u32: 'u32v', s32: 's32', u64: 'u64v', s64: 's64',
};

function at(base: string, k: number): string {
  return k === 0 ? base : `${base} + ${k}`;
}

/** A core pointer value from the pointer number `q`. */
function corePtr(g: Gen, q: string): string {
  return g.opts.addr === 'i32' ? q : `BigInt(${q})`;
}

/** A pointer number from a core pointer value. */
function fromCorePtr(g: Gen, x: string): string {
  return g.opts.addr === 'i32' ? `(${x} >>> 0)` : `rt.flatPtr64(${x})`;
}

/** Emit statements writing the flat values of `v` to `out[a…]`. */
export function emitLowerFlat(g: Gen, type: AbiType, v: string, out: string, a: string, w: Writer): void {
  const slot = `${out}[${a}]`;
  if (type.kind === 'primitive') {
    switch (type.name) {
      case 'bool': return w.line(`${slot} = ${v} ? 1 : 0;`);
      case 'f32':
      case 'f64': return w.line(`${slot} = rt.float(${v});`);
      case 'char': return w.line(`${slot} = rt.charToI32(${v});`);
      case 'error-context': return w.line(`${slot} = rt.lowerErrorContext(cx, ${v});`);
      case 'string': return w.line(`${lowerFlatHelper(g, type)}(${v}, ${out}, ${a});`);
      default: return w.line(`${slot} = rt.${INT_CHECK[type.name]}(${v});`);
    }
  }
  if (type.kind === 'own' || type.kind === 'borrow') return w.line(`${slot} = ${lowerHandle(g.opts, type, v)};`);
  if (type.kind === 'future' || type.kind === 'stream') return w.line(`${slot} = rt.unsupported(${JSON.stringify(type.kind)});`);
  w.line(`${lowerFlatHelper(g, type)}(${v}, ${out}, ${a});`);
}

/** An expression lifting a value of `type` from `vals[a…]`. */
export function liftFlatExpr(g: Gen, type: AbiType, vals: string, a: string): string {
  const x = `${vals}[${a}]`;
  if (type.kind === 'primitive') {
    switch (type.name) {
      case 'bool': return `${x} !== 0`;
      case 'u8': return `(${x} & 0xff)`;
      case 's8': return `(${x} << 24 >> 24)`;
      case 'u16': return `(${x} & 0xffff)`;
      case 's16': return `(${x} << 16 >> 16)`;
      case 'u32': return `(${x} >>> 0)`;
      case 's32': return `(${x} | 0)`;
      case 'u64': return `BigInt.asUintN(64, ${x})`;
      case 's64': return `BigInt.asIntN(64, ${x})`;
      case 'f32':
      case 'f64': return `rt.canonNaN(${x})`;
      case 'char': return `rt.liftChar(${x} >>> 0)`;
      case 'error-context': return `rt.liftErrorContext(cx, ${x} >>> 0)`;
      case 'string': return `${liftFlatHelper(g, type)}(${vals}, ${a})`;
    }
  }
  if (type.kind === 'own' || type.kind === 'borrow') return liftHandle(g.opts, type, `${x} >>> 0`);
  if (type.kind === 'future' || type.kind === 'stream') return `rt.unsupported(${JSON.stringify(type.kind)})`;
  return `${liftFlatHelper(g, type)}(${vals}, ${a})`;
}

function lowerFlatHelper(g: Gen, type: AbiType): string {
  const addr = g.opts.addr;
  const kind = type.kind === 'primitive' ? 'String' : type.kind.charAt(0).toUpperCase() + type.kind.slice(1);
  return g.helper(`lowerFlat${kind}`, type, (name, w) => {
    w.block(`function ${name}(${g.params({ v: 'any', out: 'any[]', at: 'number' })})`, () => {
      switch (type.kind) {
        case 'primitive': // string
          w.line(`const q = ${lowerStringCall(g, 'v')};`);
          w.line(`out[at] = ${corePtr(g, 'q')};`);
          w.line(`out[at + 1] = ${lengthWord(g)};`);
          break;
        case 'record': {
          let k = 0;
          for (const f of type.fields) {
            emitLowerFlat(g, f.type, member('v', g.opts.propertyName(f.name)), 'out', at('at', k), w);
            k += flattenType(f.type, addr).length;
          }
          break;
        }
        case 'tuple': {
          let k = 0;
          type.types.forEach((ft, i) => {
            emitLowerFlat(g, ft, `v[${i}]`, 'out', at('at', k), w);
            k += flattenType(ft, addr).length;
          });
          break;
        }
        case 'list':
        case 'map':
          if (type.kind === 'list' && type.length !== undefined) {
            const n = flattenType(type.element, addr).length;
            w.block(`for (let i = 0; i < ${type.length}; i++)`, () =>
              emitLowerFlat(g, type.element, 'v[i]', 'out', `at + i * ${n}`, w),
            );
          } else {
            w.line(`const q = ${lowerListHelper(g, type)}(v);`);
            w.line(`out[at] = ${corePtr(g, 'q')};`);
            w.line(`out[at + 1] = ${corePtr(g, 'cx.len')};`);
          }
          break;
        case 'enum': {
          const table = g.constant('ENUM_INDEX', `new Map(${JSON.stringify(type.names.map((n, i) => [n, i]))})`, 'Map<string, number>');
          w.line(`out[at] = rt.enumIndex(${table}, v);`);
          break;
        }
        case 'flags':
          emitPackFlags(g, type.names, 'v', w);
          w.line('out[at] = f;');
          break;
        case 'option':
        case 'variant':
        case 'result':
          emitLowerFlatTagged(g, type, w);
          break;
        default:
          throw new Error(`lowerFlatHelper: unexpected ${type.kind}`);
      }
    });
  });
}

/** Bit-cast a payload flat value of type `have` into a joined slot of type `want` (lower direction). */
function coerceOut(have: CoreType, want: CoreType, x: string): string | undefined {
  if (have === want) return undefined;
  if (have === 'f32' && want === 'i32') return `rt.f32ToI32(${x})`;
  if (have === 'i32' && want === 'i64') return `BigInt(${x} >>> 0)`;
  if (have === 'f32' && want === 'i64') return `BigInt(rt.f32ToI32(${x}))`;
  if (have === 'f64' && want === 'i64') return `rt.f64ToI64(${x})`;
  throw new Error(`no coercion ${have} -> ${want}`);
}

/** Bit-cast a joined slot value of type `have` to the payload's type `want` (lift direction). */
function coerceIn(have: CoreType, want: CoreType, x: string): string {
  if (have === want) return x;
  if (have === 'i32' && want === 'f32') return `rt.i32ToF32(${x})`;
  if (have === 'i64' && want === 'i32') return `Number(BigInt.asUintN(32, ${x}))`;
  if (have === 'i64' && want === 'f32') return `rt.i32ToF32(Number(BigInt.asUintN(32, ${x})))`;
  if (have === 'i64' && want === 'f64') return `rt.i64ToF64(${x})`;
  throw new Error(`no coercion ${have} -> ${want}`);
}

function zero(t: CoreType): string {
  return t === 'i64' ? '0n' : '0';
}

function emitLowerFlatTagged(g: Gen, type: AbiType, w: Writer): void {
  const addr = g.opts.addr;
  const cases = taggedCases(type);
  const joined = flattenVariant(cases.map((c) => ({ name: c.tag, type: c.type })), addr).slice(1);
  const emitCase = (i: number, payloadType: AbiType | undefined, v: string) => {
    w.line(`out[at] = ${i};`);
    const have = payloadType ? flattenType(payloadType, addr) : [];
    if (payloadType) emitLowerFlat(g, payloadType, v, 'out', 'at + 1', w);
    have.forEach((h, k) => {
      const slot = `out[at + ${k + 1}]`;
      const c = coerceOut(h, joined[k] as CoreType, slot);
      if (c) w.line(`${slot} = ${c};`);
    });
    for (let k = have.length; k < joined.length; k++) w.line(`out[at + ${k + 1}] = ${zero(joined[k] as CoreType)};`);
  };
  if (isNullableOption(type)) {
    w.ifElse(
      'v === undefined || v === null',
      () => emitCase(0, undefined, 'v'),
      () => emitCase(1, (cases[1] as { type?: AbiType }).type, 'v'),
    );
    return;
  }
  w.block('switch (v.tag)', () => {
    cases.forEach((c, i) => {
      w.block(`case ${JSON.stringify(c.tag)}:`, () => {
        emitCase(i, c.type, 'v.val');
        w.line('break;');
      });
    });
    w.line(`default: throw new TypeError(${JSON.stringify(`invalid tag for ${type.kind}: `)} + String(v.tag));`);
  });
}

function liftFlatHelper(g: Gen, type: AbiType): string {
  const addr = g.opts.addr;
  const kind = type.kind === 'primitive' ? 'String' : type.kind.charAt(0).toUpperCase() + type.kind.slice(1);
  return g.helper(`liftFlat${kind}`, type, (name, w) => {
    w.block(`function ${name}(${g.params({ vals: 'readonly any[]', at: 'number' })})`, () => {
      switch (type.kind) {
        case 'primitive': {
          const len = addr === 'i32' ? '(vals[at + 1] >>> 0)' : 'BigInt.asUintN(64, vals[at + 1])';
          w.line(`return ${liftStringHelper(g)}(${fromCorePtr(g, 'vals[at]')}, ${len});`);
          break;
        }
        case 'record': {
          let k = 0;
          w.line('return {');
          for (const f of type.fields) {
            w.line(`  ${literalKey(g.opts.propertyName(f.name))}: ${liftFlatExpr(g, f.type, 'vals', at('at', k))},`);
            k += flattenType(f.type, addr).length;
          }
          w.line('};');
          break;
        }
        case 'tuple': {
          let k = 0;
          w.line('return [');
          for (const ft of type.types) {
            w.line(`  ${liftFlatExpr(g, ft, 'vals', at('at', k))},`);
            k += flattenType(ft, addr).length;
          }
          w.line('];');
          break;
        }
        case 'list':
        case 'map':
          if (type.kind === 'list' && type.length !== undefined) {
            const n = flattenType(type.element, addr).length;
            w.line(`const a = new Array(${type.length});`);
            w.line(`for (let i = 0; i < ${type.length}; i++) a[i] = ${liftFlatExpr(g, type.element, 'vals', `at + i * ${n}`)};`);
            w.line('return a;');
          } else {
            w.line(`return ${liftListHelper(g, type)}(${fromCorePtr(g, 'vals[at]')}, ${fromCorePtr(g, 'vals[at + 1]')});`);
          }
          break;
        case 'enum': {
          const names = g.constant('ENUM_NAMES', JSON.stringify(type.names), 'readonly string[]');
          w.line('const d = vals[at] >>> 0;');
          w.line(`if (d >= ${type.names.length}) rt.badDiscriminant(d, ${type.names.length});`);
          w.line(`return ${names}[d];`);
          break;
        }
        case 'flags':
          w.line('const f = vals[at];');
          w.line(`return ${unpackFlags(g, type.names, 'f')};`);
          break;
        case 'option':
        case 'variant':
        case 'result':
          emitLiftFlatTagged(g, type, w);
          break;
        default:
          throw new Error(`liftFlatHelper: unexpected ${type.kind}`);
      }
    });
  });
}

function emitLiftFlatTagged(g: Gen, type: AbiType, w: Writer): void {
  const addr = g.opts.addr;
  const cases = taggedCases(type);
  const joined = flattenVariant(cases.map((c) => ({ name: c.tag, type: c.type })), addr).slice(1);
  const nullable = isNullableOption(type);
  let scratch: string | undefined;
  w.line('const d = vals[at] >>> 0;');
  w.block('switch (d)', () => {
    cases.forEach((c, i) => {
      let payload: string | undefined;
      const pre: string[] = [];
      if (c.type) {
        const want = flattenType(c.type, addr);
        if (want.every((t, k) => t === joined[k])) payload = liftFlatExpr(g, c.type, 'vals', 'at + 1');
        else {
          scratch ??= g.constant('SCRATCH', '[]', 'any[]', false);
          want.forEach((t, k) => pre.push(`${scratch}[${k}] = ${coerceIn(joined[k] as CoreType, t, `vals[at + ${k + 1}]`)};`));
          payload = liftFlatExpr(g, c.type, scratch, '0');
        }
      }
      const value = nullable ? (payload ?? 'undefined') : taggedLiteral(g, type.kind, c.tag, payload);
      if (pre.length === 0) w.line(`case ${i}: return ${value};`);
      else
        w.block(`case ${i}:`, () => {
          for (const l of pre) w.line(l);
          w.line(`return ${value};`);
        });
    });
    w.line(`default: return rt.badDiscriminant(d, ${cases.length});`);
  });
}
