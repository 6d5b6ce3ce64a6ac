import { describe, expect, it } from 'vitest';
import type * as A from '../../src/syntax/ast.js';
import { docsContents } from '../../src/syntax/docs.js';
import { parseOk } from './helpers.js';

/** Docs text of the interface declared after `comments`. */
function docsOf(comments: string): string | undefined {
  const f = parseOk(`${comments}\ninterface i {}`);
  return docsContents((f.items[0] as A.Interface).docs);
}

describe('docsContents', () => {
  it('is undefined without comments', () => {
    expect(docsOf('')).toBeUndefined();
    expect(docsContents(undefined)).toBeUndefined();
  });

  it('strips leading slashes of line comments and the delimiters of /** comments', () => {
    expect(docsOf('/// a\n//// b')).toBe('a\nb');
    expect(docsOf('/** a */')).toBe('a');
    expect(docsOf('/**\n * a\n */')).toBe('\n * a');
  });

  it('keeps the `* x */` quirk of plain block comments', () => {
    expect(docsOf('/* x */')).toBe('* x */');
    expect(docsOf('// a\n/* b */')).toBe(' a\n* b */');
  });

  it('removes the smallest indentation from comments that have it', () => {
    expect(docsOf('//   a\n//     b')).toBe('a\n  b');
    expect(docsOf('//  a\n//\tb')).toBe(' a\n\tb');
  });

  it('turns empty comments into blank lines and drops trailing newlines', () => {
    expect(docsOf('// a\n//\n// b\n//\n//')).toBe('a\n\nb');
    expect(docsOf('//\n//')).toBe('');
  });

  it('splits multi-line block comments into lines and trims trailing whitespace', () => {
    expect(docsOf('/** one  \n    two\n*/')).toBe('one  \n    two');
    expect(docsOf('// a   ')).toBe('a');
  });
});
