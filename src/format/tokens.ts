/**
 * The token stream the printer walks: every significant token is printed from its source image (so `%` escapes,
 * versions and string literals stay as written), in order, with the comments of the gap before it.
 */
import type { Token } from '../syntax/tokens.js';
import { classifyComments, isLineComment, type Gap } from './comments.js';
import { freshline, hardline, lineComment, type Doc } from './doc.js';

const leftBinding = new Set([',', ';', ':', ')', '>', '.']);
const openers = new Set(['(', '<']);

/** The printer met a token it did not expect: a bug in the formatter (the input parsed). */
export class FormatBug extends Error {}

export class TokenCursor {
  private readonly gaps: Gap[];
  /** Gaps whose own-line comments were already printed (as the dangling comments of a body). */
  private readonly taken = new Set<number>();
  private pos = 0;
  /** The parts of the last printed token, so text can be put between its image and its trailing comments. */
  private last: { parts: Doc[]; at: number } | undefined;

  constructor(
    text: string,
    private readonly tokens: readonly Token[],
    comments: readonly Token[],
  ) {
    this.gaps = classifyComments(text, tokens, comments);
  }

  /** The next token's image, or '' at the end. */
  peek(): string {
    return this.tokens[this.pos]?.image ?? '';
  }

  /** Prints the next token with its comments; `expect` (its image) guards against printer bugs. */
  tok(expect?: string): Doc {
    const t = this.tokens[this.pos];
    if (t === undefined || (expect !== undefined && t.image !== expect)) {
      throw new FormatBug(`expected '${expect ?? 'a token'}', found '${t?.image ?? 'end of file'}'`);
    }
    const leading = this.leading(this.pos);
    this.pos++;
    const trailing = this.trailing(this.pos);
    if (leading === '' && trailing === '') {
      this.last = undefined;
      return t.image;
    }
    const parts: Doc[] = [leading, t.image, trailing];
    this.last = { parts, at: 1 };
    return parts;
  }

  /** Consumes the next token without printing it (a dropped trailing comma); its comments are printed. */
  drop(expect: string, replacement: Doc = ''): Doc {
    const printed = this.tok(expect);
    if (this.last === undefined) return replacement;
    this.last.parts[this.last.at] = replacement;
    return printed;
  }

  /**
   * `doc` to print right after the last printed token, before its trailing comments: put into that token's
   * parts when it has comments (and '' is returned), else returned for the caller to print next.
   */
  afterLast(doc: Doc): Doc {
    if (this.last === undefined) return doc;
    this.last.parts.splice(this.last.at + 1, 0, doc);
    return '';
  }

  /** Prints every token up to `end` (an offset) with no space between them (package names, paths, versions). */
  tight(end: number): Doc {
    const parts: Doc[] = [];
    let first = true;
    while (this.pos < this.tokens.length && this.tokens[this.pos]!.startOffset < end) {
      const g = this.gaps[this.pos]!;
      if (!first && (g.inline.length > 0 || g.ownLine.length > 0)) parts.push(' ');
      parts.push(this.tok());
      first = false;
    }
    return parts;
  }

  /** True when a blank line precedes the next token (before its own-line comments, if any). */
  blankBefore(): boolean {
    const g = this.gaps[this.pos];
    return g !== undefined && g.blankBeforeFirst;
  }

  /** True when the gap before the next token holds own-line comments (not yet printed). */
  hasOwnLine(): boolean {
    const g = this.gaps[this.pos];
    return g !== undefined && g.ownLine.length > 0 && !this.taken.has(this.pos);
  }

  /**
   * The own-line comments before the next token (typically a closing `}`), printed now at the current
   * indentation and no longer with the token. Starts with a line break (a blank line when the input had one and
   * `allowBlank`).
   */
  dangling(allowBlank = true): Doc {
    if (!this.hasOwnLine()) return '';
    const g = this.gaps[this.pos]!;
    this.taken.add(this.pos);
    const parts: Doc[] = [allowBlank && g.blankBeforeFirst ? [hardline, hardline] : hardline];
    g.ownLine.forEach((o, i) => {
      if (i > 0) parts.push(hardline, o.blankBefore ? hardline : '');
      parts.push(commentDoc(o.comment.image));
    });
    return parts;
  }

  get atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  private leading(i: number): Doc {
    const g = this.gaps[i]!;
    if (g.inline.length === 0 && g.ownLine.length === 0) return '';
    const parts: Doc[] = [];
    if (g.ownLine.length > 0 && !this.taken.has(i)) {
      parts.push(freshline);
      g.ownLine.forEach((o, k) => {
        if (k > 0 && o.blankBefore) parts.push(hardline);
        parts.push(commentDoc(o.comment.image), hardline);
      });
      if (g.blankBeforeToken) parts.push(hardline);
    }
    if (g.inline.length > 0) {
      // `a /* c */,` and `(/* c */)`: a comment before punctuation that binds to the left stays on the left side.
      const before = this.tokens[i - 1]?.image ?? '';
      if (!leftBinding.has(this.tokens[i]!.image)) for (const c of g.inline) parts.push(c.image, ' ');
      else if (openers.has(before) && g.ownLine.length === 0) for (const c of g.inline) parts.push(c.image);
      else for (const c of g.inline) parts.push(' ', c.image);
    }
    return parts;
  }

  private trailing(i: number): Doc {
    const g = this.gaps[i];
    if (g === undefined || g.trailing.length === 0) return '';
    // The space goes inside a `//` comment's piece so that, like the comment, it does not count against the width.
    return g.trailing.map((c) => (isLineComment(c) ? lineComment(' ' + c.image) : [' ', commentDoc(c.image)]));
  }
}

/** A comment's text, printed exactly (a multi-line block comment breaks the enclosing groups by its newlines). */
function commentDoc(image: string): Doc {
  return image.startsWith('//') ? lineComment(image) : image;
}
