/**
 * An oracle for the formatter's losslessness, independent of its own output check (src/format/verify.ts): the
 * token images of a parsed file without trailing commas, and each comment with the number of such tokens before it.
 * Used by the unit tests and the conformance suite.
 */
import type { File } from '../../src/syntax/ast.js';

const closers = new Set([')', '}', '>']);

export function fileShape(file: File): { tokens: string[]; comments: string[] } {
  const tokens: string[] = [];
  const starts: number[] = [];
  file.tokens.forEach((t, i) => {
    if (t.image === ',' && closers.has(file.tokens[i + 1]?.image ?? '')) return;
    tokens.push(t.image);
    starts.push(t.startOffset);
  });
  let before = 0;
  const comments = file.comments.map((c) => {
    while (before < starts.length && starts[before]! < c.startOffset) before++;
    return `${before}:${c.image}`;
  });
  return { tokens, comments };
}
