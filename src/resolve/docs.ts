/**
 * Doc text for the model. Most docs are runs of `//` line comments; for those this computes wit-parser's text
 * directly (one pass over the characters, no regular expressions, no intermediate arrays). Anything else — block
 * comments — goes to the parser's `docsContents`, which defines the normalisation; a property test checks that both
 * agree on line comments.
 *
 * For line comments the definition reduces to: strip the leading `/`s and the trailing whitespace of each comment;
 * remove the smallest indentation of the non-empty ones from each comment that starts with that many spaces; join
 * the comments with `\n` up to the last non-empty one.
 */
import type { Docs } from '../syntax/ast.js';
import { docsContents } from '../syntax/docs.js';

const SLASH = 47;

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** Scratch space: start and end offsets of each comment's text (reused across calls). */
let bounds = new Int32Array(64);

export function docsText(docs: Docs | undefined): string | undefined {
  if (docs === undefined) return undefined;
  const comments = docs.comments;
  const count = comments.length;
  if (count === 0) return undefined;
  if (bounds.length < count * 2) bounds = new Int32Array(count * 4);
  let indent = Infinity;
  let last = -1;
  for (let k = 0; k < count; k++) {
    const image = comments[k]!.image;
    if (image.charCodeAt(1) !== SLASH) return docsContents(docs);
    let start = 2;
    while (start < image.length && image.charCodeAt(start) === SLASH) start++;
    let end = image.length;
    while (end > start && isWs(image.charCodeAt(end - 1))) end--;
    if (end > start) {
      let i = start;
      while (i < end && isWs(image.charCodeAt(i))) i++;
      if (i - start < indent) indent = i - start;
      const newline = image.indexOf('\n', start);
      if (newline !== -1 && newline < end) return docsContents(docs);
      last = k;
    }
    bounds[2 * k] = start;
    bounds[2 * k + 1] = end;
  }
  if (last < 0) return '';
  let out = '';
  for (let k = 0; k <= last; k++) {
    const image = comments[k]!.image;
    let start = bounds[2 * k]!;
    const end = bounds[2 * k + 1]!;
    if (end > start) {
      let spaces = 0;
      while (spaces < indent && image.charCodeAt(start + spaces) === 32) spaces++;
      if (spaces === indent) start += indent;
    }
    out = k === 0 ? image.slice(start, end) : `${out}\n${image.slice(start, end)}`;
  }
  return out;
}
