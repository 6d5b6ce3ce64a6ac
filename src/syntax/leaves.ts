/**
 * The most numerous AST nodes (identifiers, type expressions, parameters, fields, function types: over 200 000 of
 * them in a 2.5 MB file) as classes that are their own span: the node holds `source`, `start` and `end`, and `span`
 * returns the node itself. That halves the objects a parse keeps alive for them, which is most of what the garbage
 * collector then copies. To everything else they are the plain nodes of ast.ts (`span` has the `Span` fields).
 * Other node kinds are object literals with a separate span object.
 */
import type { Source, Span } from '../text/source.js';
import type * as A from './ast.js';
import type { CommentList, Token } from './tokens.js';

/** A node that is its own span. */
abstract class SpanNode implements Span {
  constructor(
    readonly source: Source,
    readonly start: number,
    readonly end: number,
  ) {}

  /** The node is its own span. */
  get span(): Span {
    return this;
  }
}

export class IdNode extends SpanNode implements A.Id {
  readonly kind = 'Id' as const;
  constructor(source: Source, start: number, end: number, readonly name: string, readonly escaped: boolean) {
    super(source, start, end);
  }
}

export class PrimitiveNode extends SpanNode implements A.PrimitiveType {
  readonly kind = 'Primitive' as const;
  constructor(source: Source, start: number, end: number, readonly name: A.PrimitiveName) {
    super(source, start, end);
  }
}

export class ListNode extends SpanNode implements A.ListType {
  readonly kind = 'List' as const;
  constructor(source: Source, start: number, end: number, readonly element: A.TypeExpr, readonly length: A.ListType['length']) {
    super(source, start, end);
  }
}

export class OptionNode extends SpanNode implements A.OptionType {
  readonly kind = 'Option' as const;
  constructor(source: Source, start: number, end: number, readonly inner: A.TypeExpr) {
    super(source, start, end);
  }
}

export class ResultNode extends SpanNode implements A.ResultType {
  readonly kind = 'Result' as const;
  constructor(source: Source, start: number, end: number, readonly ok: A.TypeExpr | undefined, readonly err: A.TypeExpr | undefined) {
    super(source, start, end);
  }
}

export class TupleNode extends SpanNode implements A.TupleType {
  readonly kind = 'Tuple' as const;
  constructor(source: Source, start: number, end: number, readonly types: readonly A.TypeExpr[]) {
    super(source, start, end);
  }
}

export class ParamNode extends SpanNode implements A.Param {
  readonly kind = 'Param' as const;
  constructor(source: Source, start: number, end: number, readonly name: A.Id, readonly type: A.TypeExpr) {
    super(source, start, end);
  }
}

export class FieldNode extends SpanNode implements A.Field {
  readonly kind = 'Field' as const;
  constructor(
    source: Source,
    start: number,
    end: number,
    readonly docs: A.Docs | undefined,
    readonly name: A.Id,
    readonly type: A.TypeExpr,
  ) {
    super(source, start, end);
  }
}

export class FuncTypeNode extends SpanNode implements A.FuncType {
  readonly kind = 'FuncType' as const;
  constructor(
    source: Source,
    start: number,
    end: number,
    readonly async: boolean,
    readonly params: readonly A.Param[],
    readonly result: A.TypeExpr | undefined,
  ) {
    super(source, start, end);
  }
}

/** The docs of an item: comments `first` to `end` (exclusive) of the file's comment list, made tokens on demand. */
export class DocsNode extends SpanNode implements A.Docs {
  #comments: readonly Token[] | undefined;
  constructor(
    source: Source,
    start: number,
    end: number,
    private readonly list: CommentList,
    private readonly first: number,
    private readonly last: number,
  ) {
    super(source, start, end);
  }

  get comments(): readonly Token[] {
    return (this.#comments ??= this.list.range(this.first, this.last));
  }
}
