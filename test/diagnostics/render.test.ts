import { describe, expect, it } from 'vitest';
import { Source } from '../../src/text/source.js';
import { diagnostic, sortDiagnostics } from '../../src/diagnostics/diagnostic.js';
import { diagnosticToJson, renderHuman, renderReference } from '../../src/diagnostics/render.js';

const src = new Source('tests/ui/x.wit', 'package a:b;\n\ninterface i {\n  type y = u32\n}\n');
const at = (needle: string, len = needle.length) => {
  const start = src.text.indexOf(needle);
  return { source: src, start, end: start + len };
};

describe('renderReference (wit-parser format)', () => {
  it('prints message, location, line and caret with dashes for the rest of the span', () => {
    const d = diagnostic({ code: 'WIT0201', message: "expected '>', found keyword `type`", span: at('type') });
    expect(renderReference(d)).toBe(
      [
        "expected '>', found keyword `type`",
        '     --> tests/ui/x.wit:4:3',
        '      |',
        '    4 |   type y = u32',
        '      |   ^---',
      ].join('\n'),
    );
  });

  it('joins context layers with ": " and prints no snippet without a span', () => {
    const d = diagnostic({ code: 'WIT0501', message: 'no `package` header', context: ['failed', 'inner'] });
    expect(renderReference(d)).toBe('failed: inner: no `package` header');
  });

  it('uses the one-line form for very long lines', () => {
    const long = new Source('l.wit', 'x'.repeat(600) + ' y');
    const d = diagnostic({ code: 'WIT0201', message: 'bad', span: { source: long, start: 601, end: 602 } });
    expect(renderReference(d)).toBe('l.wit:1:602: bad');
  });
});

describe('renderHuman', () => {
  it('includes the code, the location, labels and notes', () => {
    const d = diagnostic({
      code: 'WIT0301',
      message: 'name `u33` does not exist',
      span: at('u32'),
      labels: [{ span: at('interface i'), message: 'in this interface' }],
      notes: ['did you mean `u32`?'],
    });
    const text = renderHuman(d);
    expect(text).toContain('error[WIT0301]: name `u33` does not exist');
    expect(text).toContain('--> tests/ui/x.wit:4:12');
    expect(text).toContain('4 |   type y = u32');
    expect(text).toMatch(/\|\s{12}\^\^\^/);
    expect(text).toContain('- in this interface');
    expect(text).toContain('= note: did you mean `u32`?');
  });
});

describe('diagnostic data', () => {
  it('serialises spans with line, byte column, UTF-16 offset and length', () => {
    const d = diagnostic({ code: 'WIT0201', message: 'm', span: at('type') });
    expect(diagnosticToJson(d).span).toEqual({
      file: 'tests/ui/x.wit',
      line: 4,
      column: 3,
      utf16Column: 3,
      offset: src.text.indexOf('type'),
      length: 4,
      endLine: 4,
      endUtf16Column: 7,
    });
  });

  it('sorts by file and offset, spanless last', () => {
    const a = diagnostic({ code: 'A', message: 'a', span: at('u32') });
    const b = diagnostic({ code: 'B', message: 'b', span: at('package') });
    const c = diagnostic({ code: 'C', message: 'c' });
    expect(sortDiagnostics([c, a, b]).map((d) => d.code)).toEqual(['B', 'A', 'C']);
  });
});
