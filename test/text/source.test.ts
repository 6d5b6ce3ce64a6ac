import { describe, expect, it } from 'vitest';
import { Source, utf8Length } from '../../src/text/source.js';

describe('Source positions', () => {
  const src = new Source('a.wit', 'ab\ncdé😀x\r\nlast');

  it('maps offsets to 1-based lines and UTF-16 columns', () => {
    expect(src.position(0)).toEqual({ line: 1, column: 1 });
    expect(src.position(3)).toEqual({ line: 2, column: 1 });
    expect(src.position(8)).toEqual({ line: 2, column: 6 }); // after c d é and the surrogate pair
    expect(src.position(src.text.length)).toEqual({ line: 3, column: 5 });
  });

  it('counts wasm-tools byte columns', () => {
    // line 2 = "cdé😀x": c(1) d(1) é(2) 😀(4) then x at byte 8 -> column 9
    expect(src.byteColumn(src.text.indexOf('x'))).toBe(9);
  });

  it('returns line text without terminators', () => {
    expect(src.lineText(1)).toBe('ab');
    expect(src.lineText(2)).toBe('cdé😀x');
    expect(src.lineText(3)).toBe('last');
    expect(src.lineText(9)).toBe('');
  });

  it('converts positions back to offsets, clamped', () => {
    expect(src.offsetAt(2, 1)).toBe(3);
    expect(src.offsetAt(99, 1)).toBe(src.text.length);
    expect(src.offsetAt(0, 5)).toBe(0);
  });

  it('measures UTF-8 lengths including lone surrogates', () => {
    expect(utf8Length('aé😀')).toBe(1 + 2 + 4);
    expect(utf8Length('\ud800')).toBe(3);
  });
});
