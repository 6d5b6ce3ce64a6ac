/**
 * The docs of an item whose comment tokens are made on first read: a parse keeps only the range of the file's
 * `CommentList` (most docs are never read by a check).
 */
import type { Span } from '../text/source.js';
import type { Docs } from './ast.js';
import type { CommentList, Token } from './tokens.js';

export class LazyDocs implements Docs {
  #comments: readonly Token[] | undefined;

  constructor(
    readonly span: Span,
    private readonly list: CommentList,
    /** Index of the first comment. */
    private readonly first: number,
    /** Index after the last comment. */
    private readonly end: number,
  ) {}

  get comments(): readonly Token[] {
    return (this.#comments ??= this.list.range(this.first, this.end));
  }
}
