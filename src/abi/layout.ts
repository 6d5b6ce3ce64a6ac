/**
 * Memory layout of values: alignment, element size, discriminant and flags sizes, field and payload offsets
 * (CanonicalABI.md, "Alignment" and "Element Size"). Pointer-sized values (string and list pointer/length pairs)
 * depend on the memory's address type.
 */
import { despecialize, type AbiCase, type AbiField, type AbiType, type AddrType } from './types.js';

/** Byte size of a pointer in a memory of this address type. */
export function ptrSize(addr: AddrType): 4 | 8 {
  return addr === 'i32' ? 4 : 8;
}

/** Round `ptr` up to a multiple of `alignment`. */
export function alignTo(ptr: number, alignment: number): number {
  return Math.ceil(ptr / alignment) * alignment;
}

/** Byte size of the discriminant of a variant with `caseCount` cases: 1, 2 or 4. */
export function discriminantSize(caseCount: number): 1 | 2 | 4 {
  if (caseCount <= 256) return 1;
  if (caseCount <= 65536) return 2;
  return 4;
}

/** Byte size (= alignment) of a flags value with `labelCount` labels (1..32). */
export function flagsSize(labelCount: number): 1 | 2 | 4 {
  if (labelCount <= 8) return 1;
  if (labelCount <= 16) return 2;
  return 4;
}

const primAlign: Record<string, number> = {
  bool: 1, s8: 1, u8: 1, s16: 2, u16: 2, s32: 4, u32: 4, s64: 8, u64: 8, f32: 4, f64: 8, char: 4,
  'error-context': 4,
};

/** `alignment(t, ptr_type)`. */
export function alignment(type: AbiType, addr: AddrType): number {
  const d = despecialize(type);
  switch (d.kind) {
    case 'primitive':
      return d.name === 'string' ? ptrSize(addr) : (primAlign[d.name] as number);
    case 'list':
      return d.length !== undefined ? alignment(d.element, addr) : ptrSize(addr);
    case 'record':
      return recordAlignment(d.fields, addr);
    case 'variant':
      return Math.max(discriminantSize(d.cases.length), maxCaseAlignment(d.cases, addr));
    case 'flags':
      return flagsSize(d.names.length);
    case 'handle':
      return 4;
  }
}

function recordAlignment(fields: readonly AbiField[], addr: AddrType): number {
  let a = 1;
  for (const f of fields) a = Math.max(a, alignment(f.type, addr));
  return a;
}

/** The largest alignment among the payloads of `cases` (1 when none has a payload). */
export function maxCaseAlignment(cases: readonly AbiCase[], addr: AddrType): number {
  let a = 1;
  for (const c of cases) if (c.type) a = Math.max(a, alignment(c.type, addr));
  return a;
}

/** `elem_size(t, ptr_type)`: the bytes a value occupies as a list element. */
export function elemSize(type: AbiType, addr: AddrType): number {
  const d = despecialize(type);
  switch (d.kind) {
    case 'primitive':
      return d.name === 'string' ? 2 * ptrSize(addr) : (primAlign[d.name] as number);
    case 'list':
      return d.length !== undefined ? d.length * elemSize(d.element, addr) : 2 * ptrSize(addr);
    case 'record': {
      const { size } = recordLayout(d.fields, addr);
      return size;
    }
    case 'variant': {
      const { size } = variantLayout(d.cases, addr);
      return size;
    }
    case 'flags':
      return flagsSize(d.names.length);
    case 'handle':
      return 4;
  }
}

/** Field offsets (relative to the record start), total size and alignment of a record or tuple. */
export function recordLayout(
  fields: readonly AbiField[],
  addr: AddrType,
): { offsets: number[]; size: number; align: number } {
  const offsets: number[] = [];
  let s = 0;
  for (const f of fields) {
    s = alignTo(s, alignment(f.type, addr));
    offsets.push(s);
    s += elemSize(f.type, addr);
  }
  const align = recordAlignment(fields, addr);
  return { offsets, size: alignTo(s, align), align };
}

/** Discriminant size, payload offset, total size and alignment of a variant. */
export function variantLayout(
  cases: readonly AbiCase[],
  addr: AddrType,
): { discSize: 1 | 2 | 4; payloadOffset: number; size: number; align: number } {
  const discSize = discriminantSize(cases.length);
  const payloadOffset = alignTo(discSize, maxCaseAlignment(cases, addr));
  let cs = 0;
  for (const c of cases) if (c.type) cs = Math.max(cs, elemSize(c.type, addr));
  const align = Math.max(discSize, maxCaseAlignment(cases, addr));
  return { discSize, payloadOffset, size: alignTo(payloadOffset + cs, align), align };
}
