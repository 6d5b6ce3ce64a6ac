/**
 * Property tests: printed random trees parse back to the same tree; random and mutated input never throws, never
 * reports an internal error, keeps every span inside the text, and parses in bounded time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReference } from '../../src/diagnostics/render.js';
import { parse, parseWith } from '../../src/syntax/index.js';
import { WitParser } from '../../src/syntax/parser.js';
import { printFile } from '../../src/syntax/print.js';
import { file } from './arbitraries.js';
import { strip } from './helpers.js';

const snippets = [
  'package a:b@1.0.0-rc.1;\ninterface i {\n  use x:y/z@2.0.0.{t as u};\n  type t = list<u8, 4>;\n}\n',
  'world w {\n  import f: async func(a: borrow<r>) -> result<_, string>;\n  export x: interface { g: func(); }\n  include a:b/c with { x as y }\n}\n',
  '/// docs\n@since(version = 1.0.0)\ninterface i {\n  resource r {\n    constructor() -> result<r>;\n    m: static async func() -> stream;\n  }\n}\n',
  'package x:y { interface z { record r { a: u8, b: tuple<u8, map<string, u8>>, } } }\n',
  'interface i { @external-id("a\\u{41}") variant v { a, b(option<u8>) } enum e { x } flags f { y } }\n',
  '/* a /* nested */ */ world w { use i.{a}; import lbl: ns:pkg/iface; export %record; }\n',
];

const pieces = ['{', '}', '(', ')', '<', '>', ';', ',', ':', '@', '/', '.', '->', '%', '"', '/*', '*/', '//', '\n', '\r', ' ', 'package', 'interface', 'world', 'type', 'func', 'list<', 'result', '_', 'x', 'A', '1.0', '#', 'é', '😀', '\u202e', '\u0000'];

/** A mutation of a snippet: delete, insert, duplicate or replace a slice. */
const mutated = fc
  .record({
    base: fc.constantFrom(...snippets),
    edits: fc.array(
      fc.record({
        op: fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
        at: fc.nat(),
        len: fc.nat(12),
        piece: fc.constantFrom(...pieces),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ base, edits }) => {
    let s = base;
    for (const e of edits) {
      const at = e.at % (s.length + 1);
      const end = Math.min(s.length, at + e.len);
      if (e.op === 'delete') s = s.slice(0, at) + s.slice(end);
      else if (e.op === 'insert') s = s.slice(0, at) + e.piece + s.slice(at);
      else if (e.op === 'duplicate') s = s.slice(0, end) + s.slice(at, end) + s.slice(end);
      else s = s.slice(0, at) + e.piece + s.slice(end);
    }
    return s;
  });

/** Parses `text` and checks the invariants every parse must keep; returns the time taken in ms. */
export function checkRobust(text: string): number {
  const t0 = performance.now();
  const r = parse(text, 'fuzz.wit', { maxErrors: 20 });
  const ms = performance.now() - t0;
  expect(r.file.kind).toBe('File');
  expect(r.diagnostics.length).toBeLessThanOrEqual(21);
  for (const d of r.diagnostics) {
    expect(d.message).not.toMatch(/internal error/);
    if (d.span) {
      expect(d.span.start).toBeGreaterThanOrEqual(0);
      expect(d.span.end).toBeLessThanOrEqual(text.length);
      expect(d.span.start).toBeLessThanOrEqual(d.span.end);
      renderReference(d);
    }
  }
  return ms;
}

describe('round trip', () => {
  it('printFile(random tree) parses back to the same tree', () => {
    fc.assert(
      fc.property(file, (tree) => {
        const text = printFile(tree);
        const r = parse(text, 'rt.wit');
        expect(r.diagnostics.map(renderReference)).toEqual([]);
        expect(strip(r.file)).toEqual(strip(tree));
      }),
      { numRuns: 300 },
    );
  });
});

describe('robustness', () => {
  it('never throws on mutated snippets', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        expect(checkRobust(text)).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on random text', () => {
    const chars = fc.constantFrom(...pieces, ...'abc{}<>();:,.@%/"*-+=0123456789 \n\t');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 200 }), (text) => {
        expect(checkRobust(text)).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });

  it('stops after maxErrors and says so', () => {
    const r = parse('interface i {\n' + 'x: func(a b);\n'.repeat(50) + '}', 'many.wit', { maxErrors: 10 });
    expect(r.diagnostics).toHaveLength(11);
    expect(r.diagnostics[10]!.code).toBe('WIT0206');
  });

  it('handles deep nesting with a diagnostic, not a stack overflow', () => {
    const deepType = `interface i { type t = ${'list<'.repeat(5000)}u8${'>'.repeat(5000)}; }`;
    expect(parse(deepType, 'deep.wit').diagnostics[0]!.message).toBe('type nesting too deep');
    const deepPkg = `package a:b;\n${'package a:c {\n'.repeat(3000)}${'}\n'.repeat(3000)}`;
    expect(parse(deepPkg, 'deep.wit').diagnostics.map((d) => d.message)).toContain('package nesting too deep');
  });
});

/** A tree with spans as `[start, end]` (no sources, tokens or comment lists), for exact comparisons. */
function positions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(positions);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'source' || k === 'tokens' || k === 'comments') continue;
    if (k === 'span') out[k] = [(v as { start: number }).start, (v as { end: number }).end];
    else if (k === 'docs') out[k] = v === undefined ? undefined : positions({ span: (v as { span: unknown }).span });
    else out[k] = positions(v);
  }
  return out;
}

describe('direct reads', () => {
  // The parser reads names, primitive types and well-formed compound types itself instead of through chevrotain's
  // rules (`direct`); a parser without that must give the same trees, spans and errors on any input.
  const ruleParser = new WitParser(false, false);
  const typeSnippets = [
    'interface i { f: func(a: list<u8, 4>, b: tuple<u8, string,>, c: result<_, e>, d: result<list<u8>>) -> option<tuple<>>; }\n',
    'interface i { type t = result<option<borrow<r>>, map<string, list<u8>>>; g: func() -> future<stream<u8>>; }\n',
    'interface i { f: func(a: list<u8, x>, b: result<_>, c: option<u8, u8>, d: tuple<u8 u8>, e: list<u8, 99999999999>); }\n',
  ];
  const typePieces = ['list<', 'tuple<', 'option<', 'result<', '_', ',', '>', '<', 'u8', 'x', '4', '0'];
  const typeMutated = fc
    .record({
      base: fc.constantFrom(...snippets, ...typeSnippets),
      edits: fc.array(fc.record({ at: fc.nat(), len: fc.nat(6), piece: fc.constantFrom(...pieces, ...typePieces) }), {
        minLength: 1,
        maxLength: 4,
      }),
    })
    .map(({ base, edits }) => {
      let s = base;
      for (const e of edits) {
        const at = e.at % (s.length + 1);
        s = s.slice(0, at) + e.piece + s.slice(Math.min(s.length, at + e.len));
      }
      return s;
    });
  const same = (text: string): void => {
    const a = parse(text, 'd.wit');
    const b = parseWith(ruleParser, text, 'd.wit');
    expect(a.diagnostics.map(renderReference)).toEqual(b.diagnostics.map(renderReference));
    expect(positions(a.file.package)).toEqual(positions(b.file.package));
    expect(positions(a.file.items)).toEqual(positions(b.file.items));
  };

  it('gives the same trees and errors on the snippets', () => {
    for (const text of [...snippets, ...typeSnippets]) same(text);
  });

  it('gives the same trees and errors on printed random trees', () => {
    fc.assert(fc.property(file, (tree) => same(printFile(tree))), { numRuns: 200 });
  });

  it('gives the same trees and errors on mutated snippets', () => {
    fc.assert(fc.property(typeMutated, same), { numRuns: 1500 });
  });
});
