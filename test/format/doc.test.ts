import { describe, expect, it } from 'vitest';
import { freshline, group, hardline, ifBreak, indent, line, lineComment, lineEnd, render, softline, type Doc } from '../../src/format/doc.js';

const opts = { width: 20, indent: '  ' };
const list = (items: string[]): Doc => group(['(', indent([softline, items.map((x, i) => (i ? [',', line, x] : x)), ifBreak(',')]), softline, ')']);

describe('layout documents', () => {
  it('prints a group flat when it fits and broken when it does not', () => {
    expect(render(list(['a', 'b']), opts)).toBe('(a, b)');
    expect(render(list(['aaaaaa', 'bbbbbb', 'cccccc']), opts)).toBe('(\n  aaaaaa,\n  bbbbbb,\n  cccccc,\n)');
  });

  it('counts the text after a group up to the next line break', () => {
    expect(render([list(['aaaa', 'bbbb']), ' -> cccccc;'], opts)).toBe('(\n  aaaa,\n  bbbb,\n) -> cccccc;');
    expect(render([list(['aaaa', 'bbbb']), ' -> c;'], opts)).toBe('(aaaa, bbbb) -> c;');
  });

  it('breaks every group around a hard line', () => {
    expect(render(group(['a', line, 'b', hardline, 'c']), opts)).toBe('a\nb\nc');
  });

  it('starts the next text on a new line after a line comment, dropping separators', () => {
    expect(render(['a', lineComment(' // x'), ' ', 'b'], opts)).toBe('a // x\nb');
    expect(render(['a', lineEnd, 'b'], opts)).toBe('a\nb');
  });

  it('adds a newline for freshline only when the line has text', () => {
    expect(render(['a', freshline, 'b', hardline, freshline, 'c'], opts)).toBe('a\nb\nc');
  });

  it('removes trailing spaces but never changes text pieces', () => {
    expect(render(['a', ' ', hardline, 'b'], opts)).toBe('a\nb');
    expect(render(['// x  ', hardline, 'b'], opts)).toBe('// x  \nb');
  });

  it('does not count a line comment against the width', () => {
    expect(render([list(['aaaa', 'bbbb']), ';', lineComment(' // a long comment here'), hardline], opts)).toBe('(aaaa, bbbb); // a long comment here\n');
  });
});
