/**
 * The two most numerous AST nodes, identifiers and primitive types (over 90 000 of them in a 2.5 MB file), as
 * classes that are their own span: the node holds `source`, `start` and `end`, and `span` returns the node itself.
 * That halves the objects a parse keeps alive for them, which is most of what the garbage collector then copies.
 * To everything else they are the plain `Id` / `PrimitiveType` of ast.ts (`span` has the `Span` fields).
 */
import type { Source, Span } from '../text/source.js';
import type { Id, PrimitiveName, PrimitiveType } from './ast.js';

/** An identifier node (see `Id`). */
export class IdNode implements Id, Span {
  readonly kind = 'Id' as const;
  constructor(
    readonly source: Source,
    readonly start: number,
    readonly end: number,
    readonly name: string,
    readonly escaped: boolean,
  ) {}

  /** The node is its own span. */
  get span(): Span {
    return this;
  }
}

/** A primitive type node (see `PrimitiveType`). */
export class PrimitiveNode implements PrimitiveType, Span {
  readonly kind = 'Primitive' as const;
  constructor(
    readonly source: Source,
    readonly start: number,
    readonly end: number,
    readonly name: PrimitiveName,
  ) {}

  /** The node is its own span. */
  get span(): Span {
    return this;
  }
}
