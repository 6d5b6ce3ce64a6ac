import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/format/prettier.js';
import { fmt, wit } from './helpers.js';

const root = join(import.meta.dirname, '../..');

const input = wit`
  // a comment kept by the plugin
  package a:b@1.0.0;
  interface i { f: func(a: u32, b: string) -> u32; /// doc
  record r { x: u8 } }
`;

describe('prettier plugin', () => {
  it('formats through prettier.format like witc fmt', async () => {
    const out = await prettier.format(input, { parser: 'wit', plugins: [plugin] });
    expect(out).toBe(fmt(input));
    expect(out).toContain('// a comment kept by the plugin');
    expect(out).toContain('/// doc');
  });

  it('infers the parser from a .wit file path', async () => {
    const out = await prettier.format(input, { filepath: 'x/y.wit', plugins: [plugin] });
    expect(out).toBe(fmt(input));
  });

  it('honours printWidth and tabWidth', async () => {
    const text = 'interface i { f: func(a: u32, b: u32); }';
    const narrow = await prettier.format(text, { parser: 'wit', plugins: [plugin], printWidth: 20 });
    expect(narrow).toBe('interface i {\n  f: func(\n    a: u32,\n    b: u32,\n  );\n}\n');
    const wide = await prettier.format(text, { parser: 'wit', plugins: [plugin], tabWidth: 4 });
    expect(wide).toBe('interface i {\n    f: func(a: u32, b: u32);\n}\n');
  });

  it('uses width 100 by default, not prettier’s 80', async () => {
    const line = `  f: func(${['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'dddddddddd', 'eeeee'].map((n) => `${n}: u32`).join(', ')});`;
    expect(line.length).toBeGreaterThan(80);
    expect(line.length).toBeLessThanOrEqual(100);
    const out = await prettier.format(`interface i {\n${line}\n}\n`, { parser: 'wit', plugins: [plugin] });
    expect(out).toBe(`interface i {\n${line}\n}\n`);
  });

  it('reports a syntax error as a prettier error with a location, without crashing', async () => {
    const bad = 'interface i {\n  f: func(\n}\n';
    await expect(prettier.format(bad, { parser: 'wit', plugins: [plugin] })).rejects.toThrow(/expected/);
    const err = await prettier.format(bad, { parser: 'wit', plugins: [plugin] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyntaxError);
    expect((err as { loc?: { start: { line: number } } }).loc?.start.line).toBe(3);
  });

  it('leaves an empty file empty and is idempotent', async () => {
    expect(await prettier.format('', { parser: 'wit', plugins: [plugin] })).toBe('');
    const once = await prettier.format(input, { parser: 'wit', plugins: [plugin] });
    expect(await prettier.format(once, { parser: 'wit', plugins: [plugin] })).toBe(once);
  });

  it('is exported as witc/prettier from the package', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, { import: string }>;
    };
    expect(pkg.exports['./prettier']?.import).toBe('./dist/prettier.js');
    // `npm test` builds dist/ first (pretest).
    const built = (await import(pathToFileURL(join(root, 'dist/prettier.js')).href)) as { default: prettier.Plugin };
    const out = await prettier.format(input, { parser: 'wit', plugins: [built.default] });
    expect(out).toBe(fmt(input));
  });
});
