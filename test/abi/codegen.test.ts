/** The generated source: readable, deterministic, specialised per type, and valid TypeScript in `ts` mode. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateAbiModule, t, type AbiModuleRequest } from '../../src/abi/index.js';

const point = t.record([['x-pos', t.prim('u8')], ['y', t.prim('u32')]]);

describe('generated source', () => {
  it('stores and loads record fields at their offsets with inlined accessors', () => {
    const src = generateAbiModule({ values: [{ name: 'point', type: point }] });
    // x-pos (u8) at 0, y (u32) aligned to 4; the JS property of `x-pos` is `xPos`
    expect(src).toContain('cx.dv.setUint8(p, rt.u8(v.xPos));');
    expect(src).toContain('cx.dv.setUint32(p + 4, rt.u32v(v.y), true);');
    expect(src).toContain('xPos: cx.dv.getUint8(p),');
    expect(src).toContain('y: cx.dv.getUint32(p + 4, true),');
    // flat: two i32 slots, lifted with the width/sign of each field
    expect(src).toContain('xPos: (vals[at] & 0xff),');
    expect(src).toContain('y: (vals[at + 1] >>> 0),');
    // the top-level entry checks the pointer against alignment 4 and size 8
    expect(src).toContain('rt.checkRange(cx, p, 4, 8);');
  });

  it('bit-casts joined variant slots', () => {
    const v = t.variant([['f', t.prim('f32')], ['i', t.prim('u32')], ['w', t.prim('u64')]]);
    const src = generateAbiModule({ values: [{ name: 'v', type: v }] });
    // joined payload slot is i64: f32 goes through its bits, u32 is zero-extended, padding is 0n
    expect(src).toContain('out[at + 1] = BigInt(rt.f32ToI32(out[at + 1]));');
    expect(src).toContain('out[at + 1] = BigInt(out[at + 1] >>> 0);');
    expect(src).toContain('rt.i32ToF32(Number(BigInt.asUintN(32, vals[at + 1])))');
  });

  it('emits one helper per distinct type and nothing that interprets types at run time', () => {
    const req: AbiModuleRequest = {
      values: [{ name: 'r', type: t.record([['a', t.list(t.prim('string'))], ['b', t.list(t.prim('string'))]]) }],
    };
    const src = generateAbiModule(req);
    expect(src.match(/function lowerList\d+\(/g)).toHaveLength(1);
    expect(src.match(/function liftList\d+\(/g)).toHaveLength(1);
    expect(src).not.toContain('"kind"');
    expect(generateAbiModule(req)).toBe(src);
  });

  it('represents option<option<T>> with a tagged outer option', () => {
    const src = generateAbiModule({ values: [{ name: 'o', type: t.option(t.option(t.prim('u8'))) }] });
    expect(src).toContain('return { tag: "some", val: loadOption');
    expect(src).toContain('if (v === undefined || v === null) {');
  });

  it('omits val of payload-less cases on request (jco style), except for results', () => {
    const type = t.tuple([t.variant([['a', undefined], ['b', t.prim('u8')]]), t.result(undefined, undefined)]);
    const omit = generateAbiModule({ values: [{ name: 'v', type }] }, { emptyCases: 'omit' });
    expect(omit).toContain('case 0: return { tag: "a" };');
    expect(omit).toContain('case 0: return { tag: "ok", val: undefined };');
    const keep = generateAbiModule({ values: [{ name: 'v', type }] });
    expect(keep).toContain('case 0: return { tag: "a", val: undefined };');
  });

  it('produces TypeScript that type-checks under --strict', () => {
    const req: AbiModuleRequest = {
      values: [
        { name: 'point', type: point },
        {
          name: 'mix',
          type: t.tuple([
            t.prim('string'),
            t.list(t.prim('f32')),
            t.map(t.prim('string'), t.option(t.prim('char'))),
            t.result(t.enum(['a', 'b']), t.flags(['r', 'w'])),
            t.variant([['x', t.prim('f64')], ['y', t.own('res')], ['z', t.borrow('res')]]),
            t.list(t.prim('error-context'), 2),
            t.prim('s64'),
          ]),
        },
      ],
      tuples: [{ name: 'params', types: Array.from({ length: 20 }, () => t.prim('u32')), maxFlat: 16 }],
    };
    const body = generateAbiModule(req, { lang: 'ts', addr: 'i64', encoding: 'latin1+utf16' });
    const runtimePath = resolve('src/abi/runtime/index.js');
    const file = join(mkdtempSync(join(tmpdir(), 'witc-abi-')), 'gen.mts');
    const indented = body
      .split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n');
    writeFileSync(file, `import * as rt from ${JSON.stringify(runtimePath)};\nexport function make(cx: rt.AbiContext) {\n${indented}\n}\n`);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      skipLibCheck: true,
    });
    const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
    const text = diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(text).toEqual([]);
  });
});
