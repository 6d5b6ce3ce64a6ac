/**
 * Documentation text from the comments before an item, exactly as wit-parser produces it (its `docs.contents`).
 *
 * Every comment counts, not only `///` and `/** */`. Per comment: a `/**` comment loses `/**` and `*\/`; any other
 * comment loses all its leading `/` characters (so `/* x *\/` becomes `* x *\/`). Trailing whitespace is trimmed.
 * Then the smallest indentation (leading ASCII whitespace) over the non-empty comments is removed from each comment
 * that starts with that many spaces. The comments are joined: an empty one contributes a newline, a non-empty one
 * each of its lines followed by a newline. Finally trailing newlines are removed.
 */
import type { Docs } from './ast.js';

/** wit-parser's doc text for `docs`, or undefined when there are no comments. */
export function docsContents(docs: Docs | undefined): string | undefined {
  if (docs === undefined || docs.comments.length === 0) return undefined;
  const entries = docs.comments.map((c) => stripComment(c.image));
  let indent = Infinity;
  for (const e of entries) {
    if (e.length === 0) continue;
    indent = Math.min(indent, leadingWhitespace(e));
  }
  if (indent === Infinity) indent = 0;
  const prefix = ' '.repeat(indent);
  let out = '';
  for (const e of entries) {
    if (e.length === 0) {
      out += '\n';
      continue;
    }
    const text = e.startsWith(prefix) ? e.slice(indent) : e;
    for (const line of splitLines(text)) out += line + '\n';
  }
  return out.replace(/\n+$/, '');
}

function stripComment(c: string): string {
  let s: string;
  if (c.startsWith('/**')) {
    s = c.slice(3);
    if (s.endsWith('*/')) s = s.slice(0, -2);
  } else s = c.replace(/^\/+/, '');
  return s.trimEnd();
}

function leadingWhitespace(s: string): number {
  let n = 0;
  while (n < s.length && isAsciiWhitespace(s.charCodeAt(n))) n++;
  return n;
}

function isAsciiWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

/** Rust's `str::lines`: split on `\n`, drop a `\r` before it, no empty final line. */
function splitLines(s: string): string[] {
  const lines = s.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
