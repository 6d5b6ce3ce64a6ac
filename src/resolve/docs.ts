/**
 * Documentation text as wit-parser computes it from the comments before an item: `/** … *\/` loses its delimiters,
 * any other comment loses its leading slashes (so `/* x *\/` becomes `* x *\/`), trailing whitespace is trimmed,
 * the smallest common indentation is removed, and trailing newlines are dropped.
 */
import type { Docs } from '../syntax/ast.js';

export function docsText(docs: Docs | undefined): string | undefined {
  if (!docs || docs.comments.length === 0) return undefined;
  const entries: string[] = [];
  let minIndent = Infinity;
  for (const tok of docs.comments) {
    const image = tok.image;
    let contents: string;
    if (image.startsWith('/**')) contents = image.slice(3, image.endsWith('*/') ? -2 : undefined);
    else contents = image.replace(/^\/+/, '');
    const trimmed = contents.replace(/\s+$/u, '');
    if (trimmed !== '') {
      const indent = trimmed.length - trimmed.replace(/^[ \t\n\r\f\v]+/, '').length;
      minIndent = Math.min(minIndent, indent);
    }
    entries.push(trimmed);
  }
  const prefix = minIndent === Infinity ? '' : ' '.repeat(minIndent);
  let out = '';
  for (const entry of entries) {
    if (entry === '') {
      out += '\n';
      continue;
    }
    const body = entry.startsWith(prefix) ? entry.slice(prefix.length) : entry;
    for (const line of body.split(/\r?\n/)) out += `${line}\n`;
  }
  return out.replace(/\n+$/, '');
}
