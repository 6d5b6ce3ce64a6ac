/**
 * Test helpers: format with assertions, and an independent lossless check (a fresh parse of both texts, not the
 * formatter's own output check).
 */
import { expect } from 'vitest';
import { formatText, type FormatOptions } from '../../src/format/index.js';
import { parse } from '../../src/syntax/index.js';
import { fileShape } from '../support/format-shape.js';

/** Formats `text`, failing the test when the formatter refuses. */
export function fmt(text: string, options?: FormatOptions): string {
  const r = formatText(text, 'test.wit', options);
  if (r.text === undefined) throw new Error(`not formatted: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.text;
}

/** Multi-line template helper: drops the first newline and the common indentation. */
export function wit(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = raw.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n').replace(/[ ]+$/, '');
}

/** The token images without trailing commas, and each comment with the number of such tokens before it. */
export function shape(text: string): { tokens: string[]; comments: string[] } {
  const { file, diagnostics } = parse(text, 'shape.wit');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return fileShape(file);
}

/** Asserts the formatting properties of one input: idempotent and lossless. Returns the formatted text. */
export function expectWellFormatted(input: string, options?: FormatOptions): string {
  const once = fmt(input, options);
  expect(fmt(once, options)).toBe(once);
  expect(shape(once)).toEqual(shape(input));
  return once;
}
