/**
 * The formatter's safety check: the output must consist of the input's tokens (trailing commas aside) and the
 * input's comments, each comment in the same gap between tokens.
 */
import type { File } from '../syntax/ast.js';
import { lex } from '../syntax/lexer.js';
import type { Token } from '../syntax/tokens.js';
import { Source } from '../text/source.js';

/** True for a `,` right before `)`, `}` or `>`: the formatter may add or drop those. */
function isTrailingComma(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1]?.image;
  return tokens[i]!.image === ',' && (next === ')' || next === '}' || next === '>');
}

/** The images of the significant tokens without trailing commas. */
export function essentialTokens(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) if (!isTrailingComma(tokens, i)) out.push(tokens[i]!.image);
  return out;
}

/** For each comment, its text and the number of essential tokens before it. */
export function commentAnchors(tokens: readonly Token[], comments: readonly Token[]): string[] {
  const out: string[] = [];
  let ti = 0;
  let count = 0;
  for (const c of comments) {
    while (ti < tokens.length && tokens[ti]!.startOffset < c.startOffset) {
      if (!isTrailingComma(tokens, ti)) count++;
      ti++;
    }
    out.push(`${count}:${c.image}`);
  }
  return out;
}

/** Why `text` is not a lossless rendering of `file`, or undefined when it is. */
export function losslessProblem(file: File, text: string): string | undefined {
  const lexed = lex(new Source(file.source.path, text));
  if (lexed.diagnostics.length > 0 || lexed.forbidden.length > 0) return 'the output does not lex';
  const before = essentialTokens(file.tokens);
  const lexedTokens = lexed.tokens.toArray();
  const after = essentialTokens(lexedTokens);
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] !== after[i]) return `token ${i} changed from '${before[i] ?? 'end'}' to '${after[i] ?? 'end'}'`;
  }
  const a = commentAnchors(file.tokens, file.comments);
  const b = commentAnchors(lexedTokens, lexed.comments.toArray());
  if (a.length !== b.length) return `the number of comments changed from ${a.length} to ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `comment ${i} moved or changed`;
  return undefined;
}
