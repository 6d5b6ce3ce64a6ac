/**
 * Hostile-memory fuzzing: random types over random memory and random flat values either lift a value or raise a
 * `Trap` — never another exception (a RangeError would mean an unchecked access) — and the handles table keeps its
 * invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AbiContext,
  compileAbiModule,
  flattenType,
  generateAbiModule,
  runtime,
  t,
  type AbiType,
  type CoreType,
} from '../../src/abi/index.js';
import { typeArb } from './arbitraries.js';

const withHandles = typeArb.map((x) => t.tuple([x, t.own('r'), t.borrow('r'), t.prim('error-context')]));
const anyType = fc.oneof(typeArb, withHandles);

const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0, 1, 2, 3, 4, 8, 16, 32, 0x80, 0xff));
const memoryArb = fc.array(byte, { minLength: 512, maxLength: 512 }).map((bs) => Uint8Array.from(bs));

function coreArb(c: CoreType): fc.Arbitrary<unknown> {
  switch (c) {
    case 'i32':
      return fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }));
    case 'i64':
      return fc.oneof(fc.bigInt({ min: 0n, max: 600n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }));
    default:
      return fc.double();
  }
}

function setup(type: AbiType, mem: Uint8Array, addr: 'i32' | 'i64', encoding: 'utf8' | 'utf16' | 'latin1+utf16') {
  const r = new runtime.ResourceType('r', {}, null);
  const other = new runtime.ResourceType('other', {}, null);
  const cx = new AbiContext({ memory: mem, addr, resources: { r, other } });
  cx.handles.add(new runtime.ResourceHandle(r, 1, true));
  cx.handles.add(new runtime.ResourceHandle(r, 2, false, cx.borrowScope));
  cx.handles.add(new runtime.ErrorContext('boom'));
  cx.handles.add(new runtime.ResourceHandle(other, 3, true));
  cx.handles.add({ kind: 'waitable-set' });
  const codec = compileAbiModule(generateAbiModule({ values: [{ name: 'v', type }] }, { addr, encoding }), cx).values.v!;
  return { cx, codec };
}

function outcome(f: () => unknown): 'value' | 'trap' {
  try {
    f();
    return 'value';
  } catch (e) {
    if (e instanceof runtime.Trap) return 'trap';
    throw e;
  }
}

function expectTableConsistent(cx: AbiContext): void {
  const { array, free } = cx.handles;
  expect(array[0]).toBeNull();
  expect(new Set(free).size).toBe(free.length);
  for (const i of free) expect(array[i]).toBeNull();
  const holes = array.filter((e, i) => i > 0 && e === null).length;
  expect(holes).toBe(free.length);
}

const opts = fc.record({
  addr: fc.constantFrom('i32' as const, 'i64' as const),
  encoding: fc.constantFrom('utf8' as const, 'utf16' as const, 'latin1+utf16' as const),
});

describe('hostile memory fuzzing', () => {
  it('load from random memory returns a value or traps', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(anyType, memoryArb, opts, fc.nat(511), (type, mem, o, ptr) => {
        const { cx, codec } = setup(type, mem, o.addr, o.encoding);
        seen.add(outcome(() => codec.load(ptr)));
        expectTableConsistent(cx);
      }),
      { numRuns: 400 },
    );
    expect([...seen].sort()).toEqual(['trap', 'value']);
  });

  it('liftFlat of random core values returns a value or traps', () => {
    const typeAndFlat = fc.tuple(anyType, opts).chain(([type, o]) =>
      fc.tuple(fc.constant(type), fc.constant(o), fc.tuple(...flattenType(type, o.addr).map(coreArb))),
    );
    const seen = new Set<string>();
    fc.assert(
      fc.property(typeAndFlat, memoryArb, ([type, o, flat], mem) => {
        const { cx, codec } = setup(type, mem, o.addr, o.encoding);
        seen.add(outcome(() => codec.liftFlat(flat, 0)));
        expectTableConsistent(cx);
      }),
      { numRuns: 400 },
    );
    expect([...seen].sort()).toEqual(['trap', 'value']);
  });
});
