/**
 * Doc text for the model. Most docs are runs of `//` line comments; for those this computes wit-parser's text
 * directly (one pass, no regular expressions). Anything else — block comments — goes to the parser's
 * `docsContents`, which defines the normalisation; a unit test checks that both agree on line comments.
 */
import type { Docs } from '../syntax/ast.js';
import { docsContents } from '../syntax/docs.js';

const SLASH = 47;

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

export function docsText(docs: Docs | undefined): string | undefined {
  if (docs === undefined) return undefined;
  const comments = docs.comments;
  if (comments.length === 0) return undefined;
  const entries: string[] = [];
  let indent = Infinity;
  for (const c of comments) {
    const image = c.image;
    if (image.charCodeAt(1) !== SLASH) return docsContents(docs);
    let start = 0;
    while (start < image.length && image.charCodeAt(start) === SLASH) start++;
    let end = image.length;
    while (end > start && isWs(image.charCodeAt(end - 1))) end--;
    for (let i = start; i < end; i++) if (image.charCodeAt(i) === 10) return docsContents(docs);
    if (end > start) {
      let n = start;
      while (n < end && isWs(image.charCodeAt(n))) n++;
      if (n - start < indent) indent = n - start;
    }
    entries.push(image.slice(start, end));
  }
  if (indent === Infinity) indent = 0;
  let out = '';
  for (const e of entries) {
    if (e.length === 0) {
      out += '\n';
      continue;
    }
    let spaces = 0;
    while (spaces < indent && e.charCodeAt(spaces) === 32) spaces++;
    out += (spaces === indent ? e.slice(indent) : e) + '\n';
  }
  let end = out.length;
  while (end > 0 && out.charCodeAt(end - 1) === 10) end--;
  return out.slice(0, end);
}
