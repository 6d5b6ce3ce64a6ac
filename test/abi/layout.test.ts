import { describe, expect, it } from 'vitest';
import {
  alignment,
  elemSize,
  flattenFunction,
  flattenType,
  recordLayout,
  t,
  variantLayout,
  type AbiType,
} from '../../src/abi/index.js';

const u8 = t.prim('u8');
const u16 = t.prim('u16');
const u32 = t.prim('u32');
const u64 = t.prim('u64');
const f32 = t.prim('f32');
const f64 = t.prim('f64');
const str = t.prim('string');

const labels = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`);

describe('size and alignment', () => {
  it('lays out record fields at aligned offsets and pads the end', () => {
    // u8 at 0, u32 aligned to 4, u16 at 8, total 10 rounded up to the alignment 4
    const fields = [
      { name: 'a', type: u8 },
      { name: 'b', type: u32 },
      { name: 'c', type: u16 },
    ];
    const r: AbiType = { kind: 'record', fields };
    expect(recordLayout(fields, 'i32')).toEqual({ offsets: [0, 4, 8], size: 12, align: 4 });
    expect(elemSize(r, 'i32')).toBe(12);
    expect(alignment(r, 'i32')).toBe(4);
  });

  it('sizes strings and lists by the pointer size', () => {
    expect([elemSize(str, 'i32'), alignment(str, 'i32')]).toEqual([8, 4]);
    expect([elemSize(str, 'i64'), alignment(str, 'i64')]).toEqual([16, 8]);
    expect([elemSize(t.list(u8), 'i64'), alignment(t.list(u8), 'i64')]).toEqual([16, 8]);
    expect([elemSize(t.map(str, u8), 'i32'), alignment(t.map(str, u8), 'i32')]).toEqual([8, 4]);
  });

  it('lays out fixed-length lists like tuples', () => {
    expect([elemSize(t.list(u16, 3), 'i32'), alignment(t.list(u16, 3), 'i32')]).toEqual([6, 2]);
    expect(flattenType(t.list(u16, 3), 'i32')).toEqual(['i32', 'i32', 'i32']);
  });

  it('chooses discriminant sizes by case count', () => {
    expect(variantLayout(labels(256).map((name) => ({ name })), 'i32').discSize).toBe(1);
    expect(variantLayout(labels(257).map((name) => ({ name })), 'i32').discSize).toBe(2);
    expect(elemSize(t.enum(labels(300)), 'i32')).toBe(2);
  });

  it('places variant payloads after the discriminant at the payload alignment', () => {
    // option<u64>: 1-byte discriminant, payload at 8, size 16
    expect(variantLayout([{ name: 'none' }, { name: 'some', type: u64 }], 'i32')).toEqual({
      discSize: 1,
      payloadOffset: 8,
      size: 16,
      align: 8,
    });
    expect(elemSize(t.result(undefined, undefined), 'i32')).toBe(1);
  });

  it('sizes flags by label count', () => {
    expect([8, 9, 16, 17, 32].map((n) => elemSize(t.flags(labels(n)), 'i32'))).toEqual([1, 2, 2, 4, 4]);
  });

  it('gives handles and error-context 4 bytes', () => {
    for (const ty of [t.own('r'), t.borrow('r'), t.prim('error-context')] as AbiType[]) {
      expect([elemSize(ty, 'i64'), alignment(ty, 'i64')]).toEqual([4, 4]);
    }
  });
});

describe('flattening', () => {
  it('joins variant payload types', () => {
    expect(flattenType(t.variant([['a', f32], ['b', u32]]), 'i32')).toEqual(['i32', 'i32']);
    expect(flattenType(t.variant([['a', f32]]), 'i32')).toEqual(['i32', 'f32']);
    expect(flattenType(t.result(f32, u64), 'i32')).toEqual(['i32', 'i64']);
    expect(flattenType(t.variant([['a', f64], ['b', t.tuple([u32, f32])]]), 'i32')).toEqual(['i32', 'i64', 'f32']);
  });

  it('uses the address type for pointers', () => {
    expect(flattenType(str, 'i64')).toEqual(['i64', 'i64']);
    expect(flattenType(t.record([['s', str], ['n', u8]]), 'i32')).toEqual(['i32', 'i32', 'i32']);
  });

  it('spills params beyond 16 and results beyond 1', () => {
    const seventeen = Array.from({ length: 17 }, () => u32);
    expect(flattenFunction(seventeen, [], { addr: 'i32', context: 'lift' })).toEqual({ params: ['i32'], results: [] });
    const sixteen = seventeen.slice(1);
    expect(flattenFunction(sixteen, [], { addr: 'i32', context: 'lift' }).params).toHaveLength(16);
    expect(flattenFunction([u8], [str], { addr: 'i32', context: 'lift' })).toEqual({ params: ['i32'], results: ['i32'] });
    expect(flattenFunction([u8], [str], { addr: 'i64', context: 'lower' })).toEqual({
      params: ['i32', 'i64'],
      results: [],
    });
  });

  it('flattens async signatures', () => {
    const five = [u8, u8, u8, u8, u8];
    expect(flattenFunction(five, [u8], { addr: 'i32', context: 'lower', async: true })).toEqual({
      params: ['i32', 'i32'],
      results: ['i32'],
    });
    expect(flattenFunction([u8], [u8], { addr: 'i32', context: 'lift', async: true })).toEqual({
      params: ['i32'],
      results: [],
    });
    expect(flattenFunction([u8], [u8], { addr: 'i32', context: 'lift', async: true, callback: true }).results).toEqual([
      'i32',
    ]);
  });
});
