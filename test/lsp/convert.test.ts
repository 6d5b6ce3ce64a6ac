/**
 * The edge conversions of the protocol layer, in process: witc diagnostics to LSP diagnostics (code, severity,
 * notes, labels as related locations) and offsets to UTF-16 positions and back.
 */
import { describe, expect, test } from 'vitest';
import { diagnostic } from '../../src/diagnostics/diagnostic.js';
import { toLspDiagnostic, toOffset, toPosition } from '../../src/lsp/server.js';
import { pathToUri, uriToPath } from '../../src/lsp/uri.js';
import { Source } from '../../src/text/source.js';

describe('diagnostics', () => {
  test('labels become related information; notes join the message', () => {
    const a = new Source('/w/a.wit', 'package a:b;\ninterface i {}\n');
    const b = new Source('/w/b.wit', 'interface i {}\n');
    const d = toLspDiagnostic(
      diagnostic({
        code: 'WIT0302',
        message: 'duplicate item named `i`',
        span: { source: a, start: 23, end: 24 },
        labels: [{ span: { source: b, start: 10, end: 11 }, message: 'first here' }],
        notes: ['rename one of them'],
        severity: 'warning',
      }),
    );
    expect(d).toEqual({
      range: { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } },
      severity: 2,
      code: 'WIT0302',
      source: 'witc',
      message: 'duplicate item named `i`\nnote: rename one of them',
      relatedInformation: [{ location: { uri: 'file:///w/b.wit', range: { start: { line: 0, character: 10 }, end: { line: 0, character: 11 } } }, message: 'first here' }],
    });
  });

  test('a diagnostic without a span sits at the start of the file', () => {
    expect(toLspDiagnostic(diagnostic({ code: 'WIT0504', message: 'x' })).range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });
});

describe('positions', () => {
  const text = 'a\r\n😀b\n\n';
  const src = new Source('/x.wit', text);

  test('offsets to UTF-16 line/character and back', () => {
    expect(toPosition(src, text.indexOf('b'))).toEqual({ line: 1, character: 2 });
    expect(toOffset(src, { line: 1, character: 2 })).toBe(text.indexOf('b'));
    expect(toPosition(src, text.length)).toEqual({ line: 3, character: 0 });
  });

  test('positions past the end of a line or the file are clamped', () => {
    expect(toOffset(src, { line: 0, character: 99 })).toBe(2);
    expect(toOffset(src, { line: 99, character: 0 })).toBe(text.length);
    expect(toOffset(src, { line: -1, character: -1 })).toBe(0);
    expect(toPosition(src, 9999)).toEqual({ line: 3, character: 0 });
  });
});

describe('uris', () => {
  test('file URIs round-trip with escapes; other schemes are kept', () => {
    expect(uriToPath('file:///home/me/my%20dir/a%23b.wit')).toBe('/home/me/my dir/a#b.wit');
    expect(pathToUri('/home/me/my dir/a#b.wit')).toBe('file:///home/me/my%20dir/a%23b.wit');
    expect(uriToPath('file:///c%3A/src/x.wit')).toBe('c:/src/x.wit');
    expect(uriToPath('untitled:Untitled-1')).toBe('untitled:Untitled-1');
    expect(pathToUri('untitled:Untitled-1')).toBe('untitled:Untitled-1');
  });
});
