/**
 * Generation of `store` and `load` (CanonicalABI.md, "Storing" and "Loading") and of the list/string range helpers
 * shared with flat lowering/lifting. Primitive accesses are inlined; every compound type gets one helper function.
 */
import { alignment, elemSize, recordLayout, variantLayout } from '../layout.js';
import type { AbiType } from '../types.js';
import { liftHandle, literalKey, lowerHandle, member, taggedLiteral, Writer, type Gen } from './gen.js';
import { isNullableOption, taggedCases, typedArrayOf } from './repr.js';

const MAX_LIST_BYTE_LENGTH = 2 ** 28 - 1;

/** Read a pointer-sized word at `p` as a number. */
export function readPtr(g: Gen, p: string): string {
  return g.opts.addr === 'i32' ? `cx.dv.getUint32(${p}, true)` : `rt.ptrFromU64(cx.dv.getBigUint64(${p}, true))`;
}

/** Write a pointer-sized word. */
export function writePtr(g: Gen, p: string, x: string): string {
  return g.opts.addr === 'i32' ? `cx.dv.setUint32(${p}, ${x}, true);` : `cx.dv.setBigUint64(${p}, BigInt(${x}), true);`;
}

/** `p + k` written tidily. */
export function offset(p: string, k: number): string {
  return k === 0 ? p : `${p} + ${k}`;
}

function storeDisc(size: number, p: string, d: string | number): string {
  const m = size === 1 ? 'setUint8' : size === 2 ? 'setUint16' : 'setUint32';
  return size === 1 ? `cx.dv.${m}(${p}, ${d});` : `cx.dv.${m}(${p}, ${d}, true);`;
}

function loadDisc(size: number, p: string): string {
  return size === 1 ? `cx.dv.getUint8(${p})` : size === 2 ? `cx.dv.getUint16(${p}, true)` : `cx.dv.getUint32(${p}, true)`;
}

/** Emit statements storing the value `v` of `type` at `p`. */
export function emitStore(g: Gen, type: AbiType, v: string, p: string, w: Writer): void {
  if (type.kind === 'primitive') {
    switch (type.name) {
      case 'bool': return w.line(`cx.u8[${p}] = ${v} ? 1 : 0;`);
      case 's8': return w.line(`cx.dv.setInt8(${p}, rt.s8(${v}));`);
      case 'u8': return w.line(`cx.dv.setUint8(${p}, rt.u8(${v}));`);
      case 's16': return w.line(`cx.dv.setInt16(${p}, rt.s16(${v}), true);`);
      case 'u16': return w.line(`cx.dv.setUint16(${p}, rt.u16(${v}), true);`);
      case 's32': return w.line(`cx.dv.setInt32(${p}, rt.s32(${v}), true);`);
      case 'u32': return w.line(`cx.dv.setUint32(${p}, rt.u32v(${v}), true);`);
      case 's64': return w.line(`cx.dv.setBigInt64(${p}, rt.s64(${v}), true);`);
      case 'u64': return w.line(`cx.dv.setBigUint64(${p}, rt.u64v(${v}), true);`);
      case 'f32': return w.line(`cx.dv.setFloat32(${p}, rt.float(${v}), true);`);
      case 'f64': return w.line(`cx.dv.setFloat64(${p}, rt.float(${v}), true);`);
      case 'char': return w.line(`cx.dv.setUint32(${p}, rt.charToI32(${v}), true);`);
      case 'error-context': return w.line(`cx.dv.setUint32(${p}, rt.lowerErrorContext(cx, ${v}), true);`);
      case 'string': return w.line(`${storeStringHelper(g)}(${v}, ${p});`);
    }
  }
  if (type.kind === 'own' || type.kind === 'borrow') {
    return w.line(`cx.dv.setUint32(${p}, ${lowerHandle(g.opts, type, v)}, true);`);
  }
  if (type.kind === 'future' || type.kind === 'stream') {
    return w.line(`cx.dv.setUint32(${p}, rt.unsupported(${JSON.stringify(type.kind)}), true);`);
  }
  w.line(`${storeHelper(g, type)}(${v}, ${p});`);
}

/** An expression loading a value of `type` from `p` (which must be a side-effect-free expression). */
export function loadExpr(g: Gen, type: AbiType, p: string): string {
  if (type.kind === 'primitive') {
    switch (type.name) {
      case 'bool': return `cx.u8[${p}] !== 0`;
      case 's8': return `cx.dv.getInt8(${p})`;
      case 'u8': return `cx.dv.getUint8(${p})`;
      case 's16': return `cx.dv.getInt16(${p}, true)`;
      case 'u16': return `cx.dv.getUint16(${p}, true)`;
      case 's32': return `cx.dv.getInt32(${p}, true)`;
      case 'u32': return `cx.dv.getUint32(${p}, true)`;
      case 's64': return `cx.dv.getBigInt64(${p}, true)`;
      case 'u64': return `cx.dv.getBigUint64(${p}, true)`;
      case 'f32': return `rt.canonNaN(cx.dv.getFloat32(${p}, true))`;
      case 'f64': return `rt.canonNaN(cx.dv.getFloat64(${p}, true))`;
      case 'char': return `rt.liftChar(cx.dv.getUint32(${p}, true))`;
      case 'error-context': return `rt.liftErrorContext(cx, cx.dv.getUint32(${p}, true))`;
      case 'string': return `${loadStringHelper(g)}(${p})`;
    }
  }
  if (type.kind === 'own' || type.kind === 'borrow') return liftHandle(g.opts, type, `cx.dv.getUint32(${p}, true)`);
  if (type.kind === 'future' || type.kind === 'stream') return `rt.unsupported(${JSON.stringify(type.kind)})`;
  return `${loadHelper(g, type)}(${p})`;
}

/** The helper `store…(v, p)` of a compound type. */
function storeHelper(g: Gen, type: AbiType): string {
  const addr = g.opts.addr;
  return g.helper(`store${cap(type.kind)}`, type, (name, w) => {
    w.block(`function ${name}(${g.params({ v: 'any', p: 'number' })})`, () => {
      switch (type.kind) {
        case 'record': {
          const { offsets } = recordLayout(type.fields, addr);
          type.fields.forEach((f, i) =>
            emitStore(g, f.type, member('v', g.opts.propertyName(f.name)), offset('p', offsets[i] as number), w),
          );
          break;
        }
        case 'tuple': {
          const { offsets } = recordLayout(tupleFields(type.types), addr);
          type.types.forEach((ft, i) => emitStore(g, ft, `v[${i}]`, offset('p', offsets[i] as number), w));
          break;
        }
        case 'list': {
          if (type.length !== undefined) {
            const es = elemSize(type.element, addr);
            w.block(`for (let i = 0; i < ${type.length}; i++)`, () =>
              emitStore(g, type.element, 'v[i]', `p + i * ${es}`, w),
            );
          } else {
            w.line(`const q = ${lowerListHelper(g, type)}(v);`);
            w.line(writePtr(g, 'p', 'q'));
            w.line(writePtr(g, offset('p', ptrBytes(g)), 'cx.len'));
          }
          break;
        }
        case 'map':
          w.line(`const q = ${lowerListHelper(g, type)}(v);`);
          w.line(writePtr(g, 'p', 'q'));
          w.line(writePtr(g, offset('p', ptrBytes(g)), 'cx.len'));
          break;
        case 'enum':
          w.line(storeDisc(variantLayout(type.names.map((n) => ({ name: n })), addr).discSize, 'p', enumIndex(g, type.names, 'v')));
          break;
        case 'flags':
          emitPackFlags(g, type.names, 'v', w);
          w.line(type.names.length <= 8 ? 'cx.dv.setUint8(p, f);' : type.names.length <= 16 ? 'cx.dv.setUint16(p, f, true);' : 'cx.dv.setUint32(p, f >>> 0, true);');
          break;
        case 'option':
          if (isNullableOption(type)) {
            const { discSize, payloadOffset } = variantLayout([{ name: 'none' }, { name: 'some', type: type.type }], addr);
            w.ifElse(
              'v === undefined || v === null',
              () => w.line(storeDisc(discSize, 'p', 0)),
              () => {
                w.line(storeDisc(discSize, 'p', 1));
                emitStore(g, type.type, 'v', offset('p', payloadOffset), w);
              },
            );
            break;
          }
          emitStoreTagged(g, type, w);
          break;
        case 'variant':
        case 'result':
          emitStoreTagged(g, type, w);
          break;
        default:
          throw new Error(`storeHelper: unexpected ${type.kind}`);
      }
    });
  });
}

function emitStoreTagged(g: Gen, type: AbiType, w: Writer): void {
  const cases = taggedCases(type);
  const { discSize, payloadOffset } = variantLayout(cases.map((c) => ({ name: c.tag, type: c.type })), g.opts.addr);
  w.block('switch (v.tag)', () => {
    cases.forEach((c, i) => {
      w.line(`case ${JSON.stringify(c.tag)}:`);
      w.line(`  ${storeDisc(discSize, 'p', i)}`);
      if (c.type) {
        const inner = new Writer();
        emitStore(g, c.type, 'v.val', offset('p', payloadOffset), inner);
        for (const l of inner.lines) w.line(`  ${l}`);
      }
      w.line('  break;');
    });
    w.line(`default: throw new TypeError(${JSON.stringify(`invalid tag for ${type.kind}: `)} + String(v.tag));`);
  });
}

/** An expression giving the case index of enum label `v` (a `switch` for few labels, a `Map` for many). */
function enumIndex(g: Gen, names: readonly string[], v: string): string {
  const table = g.constant('ENUM_INDEX', `new Map(${JSON.stringify(names.map((n, i) => [n, i]))})`, 'Map<string, number>');
  return `rt.enumIndex(${table}, ${v})`;
}

/** Emit `let f = …` packing the flags object `v`. */
export function emitPackFlags(g: Gen, names: readonly string[], v: string, w: Writer): void {
  w.line('let f = 0;');
  w.line(`if (${v} === undefined || ${v} === null) ${v} = {};`);
  names.forEach((n, i) => w.line(`if (${member(v, g.opts.propertyName(n))}) f |= ${i === 31 ? '-2147483648' : 1 << i};`));
}

/** An object literal unpacking the flags bits in `f`. */
export function unpackFlags(g: Gen, names: readonly string[], f: string): string {
  const parts = names.map((n, i) => `${literalKey(g.opts.propertyName(n))}: (${f} & ${i === 31 ? '-2147483648' : 1 << i}) !== 0`);
  return `{ ${parts.join(', ')} }`;
}

function ptrBytes(g: Gen): number {
  return g.opts.addr === 'i32' ? 4 : 8;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function tupleFields(types: readonly AbiType[]) {
  return types.map((ft, i) => ({ name: String(i), type: ft }));
}

/** The helper `load…(p)` of a compound type. */
function loadHelper(g: Gen, type: AbiType): string {
  const addr = g.opts.addr;
  return g.helper(`load${cap(type.kind)}`, type, (name, w) => {
    w.block(`function ${name}(${g.params({ p: 'number' })})`, () => {
      switch (type.kind) {
        case 'record': {
          const { offsets } = recordLayout(type.fields, addr);
          w.line('return {');
          type.fields.forEach((f, i) =>
            w.line(`  ${literalKey(g.opts.propertyName(f.name))}: ${loadExpr(g, f.type, offset('p', offsets[i] as number))},`),
          );
          w.line('};');
          break;
        }
        case 'tuple': {
          const { offsets } = recordLayout(tupleFields(type.types), addr);
          w.line('return [');
          type.types.forEach((ft, i) => w.line(`  ${loadExpr(g, ft, offset('p', offsets[i] as number))},`));
          w.line('];');
          break;
        }
        case 'list':
        case 'map':
          if (type.kind === 'list' && type.length !== undefined) {
            const es = elemSize(type.element, addr);
            w.line(`const a = new Array(${type.length});`);
            w.line(`for (let i = 0; i < ${type.length}; i++) a[i] = ${loadExpr(g, type.element, `p + i * ${es}`)};`);
            w.line('return a;');
          } else {
            w.line(`return ${liftListHelper(g, type)}(${readPtr(g, 'p')}, ${readPtr(g, offset('p', ptrBytes(g)))});`);
          }
          break;
        case 'enum': {
          const { discSize } = variantLayout(type.names.map((n) => ({ name: n })), addr);
          const names = g.constant('ENUM_NAMES', JSON.stringify(type.names), 'readonly string[]');
          w.line(`const d = ${loadDisc(discSize, 'p')};`);
          w.line(`if (d >= ${type.names.length}) rt.badDiscriminant(d, ${type.names.length});`);
          w.line(`return ${names}[d];`);
          break;
        }
        case 'flags': {
          const n = type.names.length;
          w.line(`const f = ${n <= 8 ? 'cx.dv.getUint8(p)' : n <= 16 ? 'cx.dv.getUint16(p, true)' : 'cx.dv.getUint32(p, true)'};`);
          w.line(`return ${unpackFlags(g, type.names, 'f')};`);
          break;
        }
        case 'option':
        case 'variant':
        case 'result':
          emitLoadTagged(g, type, w);
          break;
        default:
          throw new Error(`loadHelper: unexpected ${type.kind}`);
      }
    });
  });
}

function emitLoadTagged(g: Gen, type: AbiType, w: Writer): void {
  const cases = taggedCases(type);
  const { discSize, payloadOffset } = variantLayout(cases.map((c) => ({ name: c.tag, type: c.type })), g.opts.addr);
  const nullable = isNullableOption(type);
  w.line(`const d = ${loadDisc(discSize, 'p')};`);
  w.block('switch (d)', () => {
    cases.forEach((c, i) => {
      const payload = c.type ? loadExpr(g, c.type, offset('p', payloadOffset)) : undefined;
      if (nullable) w.line(`case ${i}: return ${payload ?? 'undefined'};`);
      else w.line(`case ${i}: return ${taggedLiteral(g, type.kind, c.tag, payload)};`);
    });
    w.line(`default: return rt.badDiscriminant(d, ${cases.length});`);
  });
}

/**
 * The helper `lowerList…(v)`: allocate with realloc, check, store the elements; returns the pointer and sets
 * `cx.len` to the element count (`store_list_into_range`).
 */
export function lowerListHelper(g: Gen, type: AbiType): string {
  const addr = g.opts.addr;
  const elem: AbiType = type.kind === 'map' ? { kind: 'tuple', types: [type.key, type.value] } : (type as { element: AbiType }).element;
  const es = elemSize(elem, addr);
  const al = alignment(elem, addr);
  return g.helper('lowerList', type, (name, w) => {
    w.block(`function ${name}(${g.params({ v: 'any' })})`, () => {
      w.line(type.kind === 'map' ? 'const n = v instanceof Map ? v.size : v.length;' : 'const n = v.length;');
      w.line(`const q = rt.allocList(cx, n * ${es}, ${al});`);
      const typed = g.opts.typedArrays && type.kind === 'list' ? typedArrayOf(elem) : undefined;
      if (type.kind === 'map') {
        const { offsets } = recordLayout(tupleFields([type.key, type.value]), addr);
        w.line('let e = q;');
        w.block('for (const [k, x] of v)', () => {
          emitStore(g, type.key, 'k', 'e', w);
          emitStore(g, type.value, 'x', offset('e', offsets[1] as number), w);
          w.line(`e += ${es};`);
        });
      } else {
        if (typed && typed !== 'Float32Array' && typed !== 'Float64Array') {
          w.block(`if (v instanceof ${typed})`, () => {
            w.line('cx.u8.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), q);');
            w.line('cx.len = n;');
            w.line('return q;');
          });
        }
        w.block(`for (let i = 0, e = q; i < n; i++, e += ${es})`, () => emitStore(g, elem, 'v[i]', 'e', w));
      }
      w.line('cx.len = n;');
      w.line('return q;');
    });
  });
}

/** The helper `liftList…(q, n)`: check the range (`load_list_from_range`) and load the elements. */
export function liftListHelper(g: Gen, type: AbiType): string {
  const addr = g.opts.addr;
  const elem: AbiType = type.kind === 'map' ? { kind: 'tuple', types: [type.key, type.value] } : (type as { element: AbiType }).element;
  const es = elemSize(elem, addr);
  const al = alignment(elem, addr);
  return g.helper('liftList', type, (name, w) => {
    w.block(`function ${name}(${g.params({ q: 'number', n: 'number' })})`, () => {
      w.line(`rt.checkList(cx, q, n * ${es}, ${al}, ${MAX_LIST_BYTE_LENGTH});`);
      const typed = g.opts.typedArrays && type.kind === 'list' ? typedArrayOf(elem) : undefined;
      if (type.kind === 'map') {
        const { offsets } = recordLayout(tupleFields([type.key, type.value]), addr);
        const entries = g.opts.maps === 'entries';
        w.line(entries ? 'const a = new Array(n);' : 'const a = new Map();');
        w.block(`for (let i = 0, e = q; i < n; i++, e += ${es})`, () => {
          const k = loadExpr(g, type.key, 'e');
          const x = loadExpr(g, type.value, offset('e', offsets[1] as number));
          if (entries) w.line(`a[i] = [${k}, ${x}];`);
          else {
            w.line(`const k = ${k};`);
            w.line(`a.set(k, ${x});`);
          }
        });
        w.line('return a;');
      } else if (typed) {
        if (typed === 'Uint8Array') w.line('const a = cx.u8.slice(q, q + n);');
        else w.line(`const a = new ${typed}(cx.u8.slice(q, q + n * ${es}).buffer);`);
        if (typed.startsWith('Float')) w.line('for (let i = 0; i < n; i++) if (a[i] !== a[i]) a[i] = NaN;');
        w.line('return a;');
      } else {
        w.line('const a = new Array(n);');
        w.line(`for (let i = 0, e = q; i < n; i++, e += ${es}) a[i] = ${loadExpr(g, elem, 'e')};`);
        w.line('return a;');
      }
    });
  });
}

/** Helper `storeString(v, p)`. */
function storeStringHelper(g: Gen): string {
  return g.helper('storeString', { kind: 'primitive', name: 'string' }, (name, w) => {
    w.block(`function ${name}(${g.params({ v: 'any', p: 'number' })})`, () => {
      w.line(`const q = ${lowerStringCall(g, 'v')};`);
      w.line(writePtr(g, 'p', 'q'));
      w.line(lengthWordStore(g, offset('p', ptrBytes(g))));
    });
  });
}

/** The runtime call that stores string `v` (returns the pointer, sets `cx.len`/`cx.tagged`). */
export function lowerStringCall(g: Gen, v: string): string {
  const fn = g.opts.encoding === 'utf8' ? 'lowerToUtf8' : g.opts.encoding === 'utf16' ? 'lowerToUtf16' : 'lowerToLatin1Utf16';
  return `rt.${fn}(cx, ${v}, ${JSON.stringify(g.opts.stringSource)})`;
}

/** The (tagged) length word of the last stored string, as a core value of the address type. */
export function lengthWord(g: Gen): string {
  const tagged = g.opts.encoding === 'latin1+utf16';
  if (g.opts.addr === 'i32') return tagged ? '(cx.tagged ? (cx.len | 0x80000000) >>> 0 : cx.len)' : 'cx.len';
  return tagged ? '(cx.tagged ? BigInt(cx.len) | 0x8000000000000000n : BigInt(cx.len))' : 'BigInt(cx.len)';
}

function lengthWordStore(g: Gen, p: string): string {
  const word = lengthWord(g);
  return g.opts.addr === 'i32' ? `cx.dv.setUint32(${p}, ${word}, true);` : `cx.dv.setBigUint64(${p}, ${word}, true);`;
}

/** Helper `loadString(p)`. */
function loadStringHelper(g: Gen): string {
  return g.helper('loadString', { kind: 'primitive', name: 'string' }, (name, w) => {
    w.block(`function ${name}(${g.params({ p: 'number' })})`, () => {
      const lenWord =
        g.opts.addr === 'i32' ? `cx.dv.getUint32(${offset('p', 4)}, true)` : `cx.dv.getBigUint64(${offset('p', 8)}, true)`;
      w.line(`return ${liftStringHelper(g)}(${readPtr(g, 'p')}, ${lenWord});`);
    });
  });
}

/**
 * Helper `liftString(q, t)`: `load_string_from_range` from a pointer number and the raw (tagged) length word
 * (a number for i32 memories, a bigint for i64).
 */
export function liftStringHelper(g: Gen): string {
  return g.helper('liftString', { kind: 'primitive', name: 'string' }, (name, w) => {
    w.block(`function ${name}(${g.params({ q: 'number', t: 'any' })})`, () => {
      const i32 = g.opts.addr === 'i32';
      switch (g.opts.encoding) {
        case 'utf8':
          w.line(`return rt.liftUtf8(cx, q, ${i32 ? 't' : 'rt.ptrFromU64(t)'});`);
          break;
        case 'utf16':
          w.line(`return rt.liftUtf16(cx, q, ${i32 ? 't' : 'rt.ptrFromU64(t)'});`);
          break;
        case 'latin1+utf16':
          if (i32) w.line('return rt.liftLatin1Utf16(cx, q, t & 0x7fffffff, t >= 0x80000000);');
          else w.line('return rt.liftLatin1Utf16(cx, q, rt.ptrFromU64(t & 0x7fffffffffffffffn), t >= 0x8000000000000000n);');
          break;
      }
    });
  });
}
