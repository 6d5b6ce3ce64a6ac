/**
 * Where each comment goes. Every comment lies in the gap between two significant tokens (or before the first or
 * after the last one); the formatter keeps it in that gap, so the token/comment interleaving of the input is kept
 * and so are the docs the parser derives from it. Within a gap a comment is one of:
 *
 * - **trailing**: on the same line as the token before it, and ending that line (`a: u32, // note`);
 * - **inline**: a block comment on the same line as the token after it (`func(/* none *\/)`);
 * - **own-line**: on a line of its own (or starting one), printed on its own line before the next token.
 */
import type { Token } from '../syntax/tokens.js';

/** An own-line comment and whether a blank line precedes it. */
export interface OwnLineComment {
  readonly comment: Token;
  readonly blankBefore: boolean;
}

/** The comments of the gap before a token (or before the end of the file). */
export interface Gap {
  /** Comments that end the line of the previous token. */
  readonly trailing: readonly Token[];
  /** Block comments on the line of the next token, before it. */
  readonly inline: readonly Token[];
  /** Comments on lines of their own. */
  readonly ownLine: readonly OwnLineComment[];
  /** A blank line between the previous token's line and the first own-line comment (or the next token). */
  readonly blankBeforeFirst: boolean;
  /** A blank line between the last own-line comment and the next token. */
  readonly blankBeforeToken: boolean;
}

const noComments: readonly Token[] = [];
const emptyGap: Gap = { trailing: [], inline: [], ownLine: [], blankBeforeFirst: false, blankBeforeToken: false };
const blankGap: Gap = { ...emptyGap, blankBeforeFirst: true };

/** True for a `//` comment. */
export function isLineComment(c: Token): boolean {
  return c.image.startsWith('//');
}

function newlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Splits the comments into gaps: `gaps[i]` holds the comments before `tokens[i]`, `gaps[tokens.length]` those after
 * the last token. Blank-line flags are computed for every gap, with or without comments.
 */
export function classifyComments(text: string, tokens: readonly Token[], comments: readonly Token[]): Gap[] {
  const gaps: Gap[] = [];
  let ci = 0;
  for (let g = 0; g <= tokens.length; g++) {
    const prevEnd = g === 0 ? -1 : tokens[g - 1]!.endOffset! + 1;
    const nextStart = g === tokens.length ? text.length : tokens[g]!.startOffset;
    const start = ci;
    while (ci < comments.length && comments[ci]!.startOffset < nextStart) ci++;
    const cs = ci === start ? noComments : comments.slice(start, ci);
    if (cs.length > 0) gaps.push(classifyGap(text, prevEnd, nextStart, cs, g === tokens.length));
    else gaps.push(prevEnd >= 0 && newlines(text, prevEnd, nextStart) >= 2 ? blankGap : emptyGap);
  }
  return gaps;
}

/** `prevEnd` is -1 at the start of the file. */
function classifyGap(text: string, prevEnd: number, nextStart: number, cs: readonly Token[], atEnd: boolean): Gap {
  let k = 0;
  let cursor = Math.max(prevEnd, 0);
  let trailing: Token[] = [];
  let inline: Token[] = [];
  if (prevEnd >= 0) {
    const run: Token[] = [];
    while (k < cs.length && newlines(text, cursor, cs[k]!.startOffset) === 0) {
      const c = cs[k++]!;
      run.push(c);
      cursor = c.endOffset! + 1;
      if (isLineComment(c)) break;
    }
    const after = k < cs.length ? cs[k]!.startOffset : nextStart;
    const endsLine = run.length > 0 && (isLineComment(run[run.length - 1]!) || atEnd || newlines(text, cursor, after) > 0);
    if (endsLine) trailing = run;
    else inline = run;
  }
  // Block comments that start a line and share it with the next token stay in front of it.
  let stop = cs.length;
  while (inline.length === 0 && stop > k) {
    const c = cs[stop - 1]!;
    const after = stop < cs.length ? cs[stop]!.startOffset : nextStart;
    if (isLineComment(c) || atEnd || newlines(text, c.endOffset! + 1, after) > 0) break;
    stop--;
  }
  if (stop < cs.length) inline = cs.slice(stop);
  const ownLine: OwnLineComment[] = [];
  const firstStart = k < cs.length ? cs[k]!.startOffset : nextStart;
  const blankBeforeFirst = prevEnd >= 0 && newlines(text, cursor, firstStart) >= 2;
  for (; k < stop; k++) {
    const c = cs[k]!;
    ownLine.push({ comment: c, blankBefore: ownLine.length > 0 && newlines(text, cursor, c.startOffset) >= 2 });
    cursor = c.endOffset! + 1;
  }
  const blankBeforeToken = ownLine.length > 0 && newlines(text, cursor, stop < cs.length ? cs[stop]!.startOffset : nextStart) >= 2;
  return { trailing, inline, ownLine, blankBeforeFirst, blankBeforeToken };
}
