import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/format/index.js';
import { expectWellFormatted, fmt } from './helpers.js';

describe('hostile inputs', () => {
  it('handles deeply nested types', () => {
    const depth = 90;
    const type = 'list<'.repeat(depth) + 'u8' + '>'.repeat(depth);
    const out = expectWellFormatted(`interface i { type t = ${type}; }`);
    expect(out).toContain(type);
  });

  it('refuses nesting beyond the parser limit instead of crashing', () => {
    const type = 'option<'.repeat(5000) + 'u8' + '>'.repeat(5000);
    const r = formatText(`interface i { type t = ${type}; }`, 'deep.wit');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('handles very long lines, many parameters and many items', () => {
    const params = Array.from({ length: 300 }, (_, i) => `p${i}: u32`).join(', ');
    const out = expectWellFormatted(`interface i { f: func(${params}); }`);
    // `interface i {`, `f: func(`, 300 parameters, `);`, `}` and '' after the final newline.
    expect(out.split('\n').length).toBe(300 + 5);
    const items = Array.from({ length: 2000 }, (_, i) => `fn${i}: func();`).join(' ');
    expectWellFormatted(`interface i { ${items} }`);
  });

  it('handles a comment in every gap, thousands of comments and huge comments', () => {
    const many = 'interface i {\n' + Array.from({ length: 3000 }, (_, i) => `// c${i}\n/* d${i} */ fn${i}: func(); // t${i}\n`).join('') + '}\n';
    expectWellFormatted(many);
    const huge = `// ${'x'.repeat(200_000)}\ninterface i {}\n`;
    expect(fmt(huge)).toBe(huge);
  });

  it('handles tabs, CRLF, a byte-order mark and no final newline', () => {
    expect(fmt('\uFEFFinterface i {\r\n\tf: func();\r\n}')).toBe('interface i {\n  f: func();\n}\n');
  });

  it('formats line comments that end in a carriage return without a line feed', () => {
    // Found by fuzzing: the comment kept the `\r`, the output's `\n` made it a line ending, and the safety check
    // refused the result as a changed comment.
    expect(fmt('// note\r')).toBe('// note\n');
    expect(fmt('package a:b;\n// x\r\r\ninterface i {} // y\r')).toBe('package a:b;\n\n// x\ninterface i {} // y\n');
  });

  it('keeps non-ASCII text in comments and string literals', () => {
    const input = 'package a:b@1.0.0;\n\n// héllo wörld ✓ 𝄞\n@external-id("ünïcode 𝄞")\ninterface i {}\n';
    expect(fmt(input)).toBe(input);
  });

  it('treats a `*/` lookalike and nested block comments correctly', () => {
    const input = 'interface i {\n  /* outer /* inner */ still outer */\n  f: func(); // not /* a block\n}\n';
    expect(fmt(input)).toBe(input);
  });

  it('refuses invalid input of every kind without throwing', () => {
    for (const text of ['interface', '}{', 'package a:b;;', 'interface i { f: func(a: u32 }', '/* unterminated', '\u202e interface i {}', 'interface i { type t = list<u8; }']) {
      const r = formatText(text, 'bad.wit');
      expect(r.text, text).toBeUndefined();
      expect(r.diagnostics.length, text).toBeGreaterThan(0);
    }
  });
});
