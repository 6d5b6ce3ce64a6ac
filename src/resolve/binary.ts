/**
 * A small decoder for binary (`.wasm`) and text (`.wat`) encoded WIT packages — the "package format" of WIT.md: a
 * component whose exports are component types, each exporting the instance (interface) `ns:pkg/name[@ver]`.
 *
 * Scope: packages whose interfaces are empty. Interfaces with types or functions, and worlds, need the full
 * component-type decoder, which witc does not have yet; such inputs are reported as unsupported (never guessed).
 */
import type { PackageName, SemVer } from './model.js';

/** A decoded package: its name and its (empty) interfaces, in export order. */
export interface DecodedPackage {
  readonly name: PackageName;
  readonly interfaces: readonly string[];
}

export type DecodeResult = { readonly ok: DecodedPackage } | { readonly error: string };

/** Component type: what its exports are (name and whether it is an empty instance). */
interface ComponentType {
  readonly exports: { name: string; emptyInstance: boolean }[];
}

interface Decoded {
  /** Type index space: component types, instance types (as `'instance'` with its decl count), or other. */
  readonly types: (ComponentType | { instanceDecls: number } | 'other')[];
  readonly exports: { name: string; sort: 'type' | 'other'; index: number }[];
}

const UNSUPPORTED = 'only WIT packages of empty interfaces can be decoded';

// ---- binary --------------------------------------------------------------------------------------------------

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of the binary');
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
      if (shift > 28) throw new Error('invalid LEB128 integer');
    }
  }
  string(): string {
    const n = this.u32();
    const s = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return new TextDecoder().decode(s);
  }
  /** An extern name: a 0x00/0x01 prefix, then the string. */
  externName(): string {
    const kind = this.byte();
    if (kind !== 0x00 && kind !== 0x01) throw new Error(UNSUPPORTED);
    return this.string();
  }
}

function decodeBinary(bytes: Uint8Array): Decoded {
  const r = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
  for (const m of magic) if (r.byte() !== m) throw new Error('not a component binary (bad header)');
  const types: Decoded['types'] = [];
  const exports: Decoded['exports'] = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 7) {
      for (let n = r.u32(); n > 0; n--) types.push(binaryDefType(r));
    } else if (id === 11) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.externName();
        const sort = r.byte();
        const index = r.u32();
        if (r.byte() !== 0x00) throw new Error(UNSUPPORTED);
        exports.push({ name, sort: sort === 0x03 ? 'type' : 'other', index });
      }
    } else if (id !== 0) {
      throw new Error(UNSUPPORTED);
    }
    r.pos = end;
  }
  return { types, exports };
}

function binaryDefType(r: Reader): Decoded['types'][number] {
  const tag = r.byte();
  if (tag === 0x42) return { instanceDecls: binaryDecls(r, []).length };
  if (tag !== 0x41) throw new Error(UNSUPPORTED);
  const local: { instanceDecls: number }[] = [];
  const exports = binaryDecls(r, local);
  return { exports };
}

/** Decls of a component/instance type: nested instance types (0x01 0x42) and exports of them (0x04). */
function binaryDecls(r: Reader, local: { instanceDecls: number }[]): { name: string; emptyInstance: boolean }[] {
  const exports: { name: string; emptyInstance: boolean }[] = [];
  for (let n = r.u32(); n > 0; n--) {
    const kind = r.byte();
    if (kind === 0x01) {
      if (r.byte() !== 0x42) throw new Error(UNSUPPORTED);
      local.push({ instanceDecls: binaryDecls(r, []).length });
    } else if (kind === 0x04) {
      const name = r.externName();
      if (r.byte() !== 0x05) throw new Error(UNSUPPORTED);
      const t = local[r.u32()];
      if (!t) throw new Error('type index out of bounds');
      exports.push({ name, emptyInstance: t.instanceDecls === 0 });
    } else {
      throw new Error(UNSUPPORTED);
    }
  }
  return exports;
}

// ---- text (WAT) ----------------------------------------------------------------------------------------------

type SExpr = string | { readonly str: string } | SExpr[];

function parseSExprs(text: string): SExpr[] {
  const stack: SExpr[][] = [[]];
  const re = /\s+|;;[^\n]*|\(;[\s\S]*?;\)|\(|\)|"((?:[^"\\]|\\.)*)"|[^\s()";]+/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    const tok = m[0];
    if (/^\s/.test(tok) || tok.startsWith(';;') || tok.startsWith('(;')) continue;
    if (tok === '(') stack.push([]);
    else if (tok === ')') {
      const done = stack.pop();
      if (!done || stack.length === 0) throw new Error('unbalanced parentheses');
      stack[stack.length - 1]!.push(done);
    } else if (m[1] !== undefined) stack[stack.length - 1]!.push({ str: m[1] });
    else stack[stack.length - 1]!.push(tok);
  }
  if (re.lastIndex < text.length || stack.length !== 1) throw new Error('invalid WAT text');
  return stack[0]!;
}

const isList = (e: SExpr | undefined): e is SExpr[] => Array.isArray(e);
const isStr = (e: SExpr | undefined): e is { str: string } => typeof e === 'object' && e !== null && !Array.isArray(e);

function decodeText(text: string): Decoded {
  const top = parseSExprs(text);
  const comp = top[0];
  if (top.length !== 1 || !isList(comp) || comp[0] !== 'component') throw new Error('expected `(component …)`');
  const types: Decoded['types'] = [];
  const ids = new Map<string, number>();
  const exports: Decoded['exports'] = [];
  for (const field of comp.slice(1)) {
    if (!isList(field)) throw new Error(UNSUPPORTED);
    if (field[0] === 'type') {
      let i = 1;
      if (typeof field[1] === 'string' && field[1].startsWith('$')) ids.set(field[1], types.length), i++;
      types.push(textDefType(field[i]));
    } else if (field[0] === 'export') {
      const name = field[1];
      const what = field[2];
      if (!isStr(name) || !isList(what) || what[0] !== 'type') throw new Error(UNSUPPORTED);
      const ref = what[1];
      const index = typeof ref === 'string' ? (ref.startsWith('$') ? ids.get(ref) : Number(ref)) : undefined;
      if (index === undefined || Number.isNaN(index)) throw new Error(`unknown type ${String(ref)}`);
      exports.push({ name: name.str, sort: 'type', index });
    } else {
      throw new Error(UNSUPPORTED);
    }
  }
  return { types, exports };
}

function textDefType(e: SExpr | undefined): Decoded['types'][number] {
  if (!isList(e)) throw new Error(UNSUPPORTED);
  if (e[0] === 'instance') return { instanceDecls: e.length - 1 };
  if (e[0] !== 'component') throw new Error(UNSUPPORTED);
  const exports: ComponentType['exports'] = [];
  for (const decl of e.slice(1)) {
    if (!isList(decl) || decl[0] !== 'export' || !isStr(decl[1]) || !isList(decl[2]) || decl[2][0] !== 'instance') {
      throw new Error(UNSUPPORTED);
    }
    exports.push({ name: decl[1].str, emptyInstance: decl[2].length === 1 });
  }
  return { exports };
}

// ---- to a package --------------------------------------------------------------------------------------------

function parseItemName(name: string): { pkg: PackageName; item: string } | undefined {
  const m = /^([a-z][a-z0-9-]*):([a-z][a-z0-9-]*)\/([a-zA-Z][a-zA-Z0-9-]*)(?:@(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?)?$/.exec(
    name,
  );
  if (!m) return undefined;
  const version: SemVer | undefined =
    m[4] !== undefined ? { major: +m[4], minor: +m[5]!, patch: +m[6]!, pre: m[7] ?? '', build: m[8] ?? '' } : undefined;
  return { pkg: { namespace: m[1]!, name: m[2]!, version }, item: m[3]! };
}

function toPackage(d: Decoded): DecodedPackage {
  let name: PackageName | undefined;
  const interfaces: string[] = [];
  for (const e of d.exports) {
    const t = d.types[e.index];
    if (e.sort !== 'type' || !t || t === 'other' || !('exports' in t)) {
      throw new Error('found an actual component instead of an encoded WIT package in wasm');
    }
    for (const x of t.exports) {
      const parsed = parseItemName(x.name);
      if (!parsed || !x.emptyInstance) throw new Error(UNSUPPORTED);
      const key = (n: PackageName) => `${n.namespace}:${n.name}@${n.version ? JSON.stringify(n.version) : ''}`;
      if (name && key(name) !== key(parsed.pkg)) throw new Error('an encoded WIT package must describe one package');
      name = parsed.pkg;
      interfaces.push(parsed.item);
    }
  }
  if (!name) throw new Error('the encoded WIT package exports nothing');
  return { name, interfaces };
}

/** Decodes a `.wasm` (bytes) or `.wat` (text) encoded WIT package. */
export function decodeWitPackage(input: Uint8Array | string): DecodeResult {
  try {
    return { ok: toPackage(typeof input === 'string' ? decodeText(input) : decodeBinary(input)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
