/** The fast path for line-comment docs must agree with the parser's `docsContents` (the definition). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { docsText } from '../../src/resolve/docs.js';
import { docsContents } from '../../src/syntax/docs.js';
import type { Docs } from '../../src/syntax/ast.js';
import type { Token } from '../../src/syntax/tokens.js';

function docs(images: string[]): Docs {
  const source = undefined as never;
  return { span: { source, start: 0, end: 0 }, comments: images.map((image) => ({ image }) as unknown as Token) };
}

describe('doc text', () => {
  it('agrees with docsContents on line comments', () => {
    const line = fc
      .tuple(fc.constantFrom('//', '///', '////'), fc.stringMatching(/^[ \t]{0,4}[a-z *]{0,8}[ \t]{0,2}$/), fc.constantFrom('', '\n', '\r\n'))
      .map(([slashes, body, nl]) => slashes + body + nl);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (images) => {
        expect(docsText(docs(images))).toBe(docsContents(docs(images)));
      }),
      { numRuns: 500 },
    );
  });

  it('uses docsContents for block comments', () => {
    const images = ['/** a\n   b */', '/* c */'];
    expect(docsText(docs(images))).toBe(docsContents(docs(images)));
  });

  it('has no docs without comments', () => {
    expect(docsText(undefined)).toBeUndefined();
    expect(docsText(docs([]))).toBeUndefined();
  });
});
