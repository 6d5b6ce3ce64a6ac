import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CodeWriter, docLines } from '../../src/bindgen/ts/writer.js';

/** Scans `text` and returns the kinds of the tokens TypeScript sees (comments included). */
function tokens(text: string): ts.SyntaxKind[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  const out: ts.SyntaxKind[] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k !== ts.SyntaxKind.NewLineTrivia && k !== ts.SyntaxKind.WhitespaceTrivia) out.push(k);
  }
  return out;
}

describe('TSDoc comments', () => {
  const hostile = [
    'ends early */ here',
    '*/',
    '***/',
    'opens /* a comment',
    'template `${x}` and backticks ``',
    'line\r\nbreaks\rand\u2028separators\u2029too',
    'trailing star *',
    '/',
    '@param x a tag',
    'control \u0000 \u001b chars',
  ];
  for (const text of hostile) {
    it(`keeps ${JSON.stringify(text)} inside one comment`, () => {
      const w = new CodeWriter();
      w.doc(text);
      w.line('export declare const x: number;');
      const kinds = tokens(w.toString());
      expect(kinds[0]).toBe(ts.SyntaxKind.MultiLineCommentTrivia);
      // After the comment comes the declaration: `export declare const x : number ;`
      expect(kinds.slice(1)[0]).toBe(ts.SyntaxKind.ExportKeyword);
      expect(kinds.filter((k) => k === ts.SyntaxKind.MultiLineCommentTrivia)).toHaveLength(1);
    });
  }

  it('drops leading and trailing blank lines and trailing spaces', () => {
    expect(docLines('\n\n a  \n b\t\n\n')).toEqual([' a', ' b']);
  });

  it('writes nothing for empty docs', () => {
    expect(new CodeWriter().doc(undefined).doc('').doc('\n \n').toString()).toBe('\n');
  });
});

describe('CodeWriter', () => {
  it('indents blocks by two spaces and avoids double blank lines', () => {
    const w = new CodeWriter();
    w.open('declare module "m" {').blank().line('a;').blank().blank().line('b;').close();
    expect(w.toString()).toBe('declare module "m" {\n  a;\n\n  b;\n}\n');
  });
});
