/**
 * Grammar rules for type expressions, attributes and versions (the leaves of the WIT grammar), shared by the item
 * rules of parser.ts. Split from it only to keep files small; the conventions are those described there.
 */
import type { OrMethodOpts, TokenType } from 'chevrotain';
import { Codes } from '../diagnostics/codes.js';
import type * as A from './ast.js';
import { ParserBase, SELF } from './parser-base.js';
import * as T from './tokens.js';

/** Limit of nested types and of nested package blocks (as in wit-parser). */
export const MAX_DEPTH = 100;

/** A placeholder returned by rules during chevrotain's recording phase (never part of a real tree). */
export const REC_NODE = undefined as never;

const atIdx = T.At.tokenTypeIdx!;
const idIdx = T.Id.tokenTypeIdx!;
const optionIdx = T.Option_.tokenTypeIdx!;
const listIdx = T.List.tokenTypeIdx!;
const tupleIdx = T.Tuple.tokenTypeIdx!;
const resultIdx = T.Result_.tokenTypeIdx!;
const lAngleIdx = T.LAngle.tokenTypeIdx!;
const rAngleIdx = T.RAngle.tokenTypeIdx!;
const commaIdx = T.Comma.tokenTypeIdx!;
const integerIdx = T.Integer.tokenTypeIdx!;
const underscoreIdx = T.Underscore.tokenTypeIdx!;

type ListLength = NonNullable<A.ListType['length']>;
const explicitIdIdx = T.ExplicitId.tokenTypeIdx!;
/** 1 at the `tokenTypeIdx` of each primitive type keyword. */
const primitiveKinds = new Uint8Array(T.allTokens.length + 1);
for (const t of T.allTokens) if (T.PrimitiveKw.categoryMatchesMap?.[t.tokenTypeIdx!] === true) primitiveKinds[t.tokenTypeIdx!] = 1;

/** The attributes of every item that has none (one shared, frozen array). */
const NO_ATTRIBUTES: readonly A.Attribute[] = Object.freeze([]);

export abstract class TypeRules extends ParserBase {
  private typeAlts?: OrMethodOpts<A.TypeExpr>;
  private typeRules?: (() => A.TypeExpr)[];
  private resultAlts?: OrMethodOpts<void>;
  private resultOk: A.TypeExpr | undefined;
  private resultErr: A.TypeExpr | undefined;

  // -------------------------------------------------------------------------------------------------------------
  // Type expressions

  protected readonly typeExpr = this.RULE('typeExpr', (): A.TypeExpr => {
    if (!this.RECORDING_PHASE && this.typeDepth >= MAX_DEPTH) {
      this.abandon(Codes.NestingTooDeep, 'type nesting too deep', this.tokSpan(this.last() + 1));
    }
    this.typeDepth++;
    const t = this.OR(this.typeAlts ?? this.makeTypeAlts());
    this.typeDepth--;
    return t;
  });

  /**
   * A type expression where the grammar has `SUBRULE<idx>(typeExpr)`. The alternative is chosen here on the next
   * token, as the rule's `OR` would: primitive types and names, most type expressions, are read without entering a
   * rule (entering a chevrotain rule costs more than reading the token), the others enter their own rule directly.
   * The same nodes, checks and errors as going through `typeExpr`.
   */
  protected typeRef(idx: number): A.TypeExpr {
    if (this.direct && !this.RECORDING_PHASE && this.typeDepth < MAX_DEPTH) {
      const k = this.LA(1).tokenTypeIdx;
      if (primitiveKinds[k] === 1) {
        this.consumeNext();
        const i = this.last();
        return this.primitive(i);
      }
      if (k === idIdx || k === explicitIdIdx) {
        this.consumeNext();
        const name = this.makeId(this.last());
        return { kind: 'Named', span: name.span, name };
      }
      const rule = (this.typeRules ??= this.makeTypeRules())[k];
      if (rule !== undefined) {
        const fast = this.compoundType(k);
        if (fast !== undefined) return fast;
        this.typeDepth++;
        const t = this.subrule(idx, rule);
        this.typeDepth--;
        return t;
      }
    }
    return this.subrule(idx, this.typeExpr);
  }

  /**
   * A compound type read token by token, without entering its rule (chevrotain's rule entry is most of the cost of
   * a small rule): the same node as the rule builds. Only well-formed input is taken this way; at the first token
   * that does not fit, the position (and any error reported meanwhile) is rolled back and undefined returned, so
   * that the rule parses it again and reports the error as always. Nested types go through `typeRef`, so an error
   * inside them is reported by their rule before this returns.
   */
  private compoundType(k: number): A.TypeExpr | undefined {
    const mark = this.last();
    const reported = this.extra.length;
    const start = this.nextStart();
    this.typeDepth++;
    this.consumeNext();
    const t = this.compoundBody(k, start);
    this.typeDepth--;
    if (t === undefined) this.rollBack(mark, reported);
    return t;
  }

  /** See `compoundType`: the rest of a compound type whose keyword (kind `k`) starting at `start` was consumed. */
  private compoundBody(k: number, start: number): A.TypeExpr | undefined {
    switch (k) {
      case optionIdx: {
        if (!this.take(lAngleIdx)) return undefined;
        const inner = this.typeRef(0);
        return this.take(rAngleIdx) ? this.optionNode(start, inner) : undefined;
      }
      case listIdx: {
        if (!this.take(lAngleIdx)) return undefined;
        const element = this.typeRef(0);
        let length: ListLength | undefined;
        if (this.take(commaIdx)) {
          if (!this.take(integerIdx)) return undefined;
          length = this.listLength(this.last());
        }
        return this.take(rAngleIdx) ? this.listNode(start, element, length) : undefined;
      }
      case tupleIdx: {
        // As `listTail`: `<`, then types separated by `,` with an optional trailing `,`, then `>`.
        if (!this.take(lAngleIdx)) return undefined;
        const base = this.listTop;
        for (;;) {
          if (this.take(rAngleIdx)) return this.tupleNode(start, this.takeList(base));
          this.pushItem(this.typeRef(0));
          if (!this.take(commaIdx)) {
            if (this.take(rAngleIdx)) return this.tupleNode(start, this.takeList(base));
            this.listTop = base;
            return undefined;
          }
        }
      }
      case resultIdx: {
        if (!this.take(lAngleIdx)) return this.resultNode(start, undefined, undefined);
        let ok: A.TypeExpr | undefined;
        let err: A.TypeExpr | undefined;
        if (this.take(underscoreIdx)) {
          if (!this.take(commaIdx)) return undefined;
          err = this.typeRef(0);
        } else {
          ok = this.typeRef(2);
          if (this.take(commaIdx)) err = this.typeRef(3);
        }
        return this.take(rAngleIdx) ? this.resultNode(start, ok, err) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Consumes the next token if its type is `idx`. */
  private take(idx: number): boolean {
    if (this.LA(1).tokenTypeIdx !== idx) return false;
    this.consumeNext();
    return true;
  }

  private listNode(start: number, element: A.TypeExpr, length: ListLength | undefined): A.ListType {
    return this.own({ kind: 'List', span: SELF, source: this.source, start, end: this.endFrom(start), element, length });
  }

  private tupleNode(start: number, types: A.TypeExpr[]): A.TupleType {
    return this.own({ kind: 'Tuple', span: SELF, source: this.source, start, end: this.endFrom(start), types });
  }

  private optionNode(start: number, inner: A.TypeExpr): A.OptionType {
    return this.own({ kind: 'Option', span: SELF, source: this.source, start, end: this.endFrom(start), inner });
  }

  private resultNode(start: number, ok: A.TypeExpr | undefined, err: A.TypeExpr | undefined): A.ResultType {
    return this.own({ kind: 'Result', span: SELF, source: this.source, start, end: this.endFrom(start), ok, err });
  }

  /** The rule of each compound type, by the `tokenTypeIdx` of its keyword. */
  private makeTypeRules(): (() => A.TypeExpr)[] {
    const rules: (() => A.TypeExpr)[] = [];
    const add = (t: TokenType, rule: () => A.TypeExpr): void => void (rules[t.tokenTypeIdx!] = rule);
    add(T.List, this.listType);
    add(T.Tuple, this.tupleType);
    add(T.Option_, this.optionType);
    add(T.Result_, this.resultType);
    add(T.Map_, this.mapType);
    add(T.Future, this.payloadType);
    add(T.Stream, this.payloadType);
    add(T.Own, this.handleType);
    add(T.Borrow, this.handleType);
    return rules;
  }

  /** The primitive type node of token `i` (a primitive type keyword). */
  private primitive(i: number): A.PrimitiveType {
    // The kind token's image is the keyword.
    const name = this.tokens[i]!.image as A.PrimitiveName;
    return this.own({ kind: 'Primitive', span: SELF, source: this.source, start: this.starts[i]!, end: this.ends[i]!, name });
  }

  private makeTypeAlts(): OrMethodOpts<A.TypeExpr> {
    return (this.typeAlts = {
      DEF: [
        {
          ALT: () => {
            this.CONSUME(T.PrimitiveKw);
            return this.RECORDING_PHASE ? REC_NODE : this.primitive(this.last());
          },
        },
        {
          ALT: () => {
            const name = this.name(0);
            return this.RECORDING_PHASE ? REC_NODE : ({ kind: 'Named', span: name.span, name } as A.NamedType);
          },
        },
        { ALT: () => this.SUBRULE(this.listType) },
        { ALT: () => this.SUBRULE(this.tupleType) },
        { ALT: () => this.SUBRULE(this.optionType) },
        { ALT: () => this.SUBRULE(this.resultType) },
        { ALT: () => this.SUBRULE(this.mapType) },
        { ALT: () => this.SUBRULE(this.payloadType) },
        { ALT: () => this.SUBRULE(this.handleType) },
      ],
      ERR_MSG: 'a type',
    });
  }

  /** `list<T>` or `list<T, N>` */
  private readonly listType = this.RULE('listType', (): A.ListType => {
    const start = this.nextStart();
    this.CONSUME(T.List);
    this.CONSUME(T.LAngle);
    const element = this.typeRef(0);
    let length: ListLength | undefined;
    if (this.has(T.Comma)) {
      this.CONSUME(T.Comma);
      this.CONSUME(T.Integer);
      if (!this.RECORDING_PHASE) length = this.listLength(this.last());
    }
    this.CONSUME(T.RAngle);
    return this.RECORDING_PHASE ? REC_NODE : this.listNode(start, element, length);
  });

  private readonly tupleType = this.RULE('tupleType', (): A.TupleType => {
    const start = this.nextStart();
    this.CONSUME(T.Tuple);
    this.CONSUME(T.LAngle);
    const types = this.listTail(T.RAngle, 1, () => this.typeRef(0));
    return this.RECORDING_PHASE ? REC_NODE : this.tupleNode(start, types);
  });

  private readonly optionType = this.RULE('optionType', (): A.OptionType => {
    const start = this.nextStart();
    this.CONSUME(T.Option_);
    this.CONSUME(T.LAngle);
    const inner = this.typeRef(0);
    this.CONSUME(T.RAngle);
    return this.RECORDING_PHASE ? REC_NODE : this.optionNode(start, inner);
  });

  /** `result`, `result<T>`, `result<_, E>`, `result<T, E>` */
  private readonly resultType = this.RULE('resultType', (): A.ResultType => {
    const start = this.nextStart();
    this.CONSUME(T.Result_);
    this.resultOk = undefined;
    this.resultErr = undefined;
    let ok: A.TypeExpr | undefined;
    let err: A.TypeExpr | undefined;
    if (this.has(T.LAngle)) {
      this.CONSUME(T.LAngle);
      this.OR(this.resultAlts ?? this.makeResultAlts());
      ok = this.resultOk;
      err = this.resultErr;
      this.CONSUME(T.RAngle);
    }
    return this.RECORDING_PHASE ? REC_NODE : this.resultNode(start, ok, err);
  });

  /**
   * The inside of `result<…>`; results are left in `resultOk` / `resultErr` (read right after the `OR`). Neither
   * `_` nor a type: wit-parser says it expected a type.
   */
  private makeResultAlts(): OrMethodOpts<void> {
    return (this.resultAlts = { DEF: [
      {
        ALT: () => {
          this.CONSUME(T.Underscore);
          this.CONSUME(T.Comma);
          const err = this.typeRef(0);
          this.resultOk = undefined;
          this.resultErr = err;
        },
      },
      {
        ALT: () => {
          const ok = this.typeRef(2);
          let err: A.TypeExpr | undefined;
          if (this.has(T.Comma)) {
            this.CONSUME2(T.Comma);
            err = this.typeRef(3);
          }
          this.resultOk = ok;
          this.resultErr = err;
        },
      },
    ], ERR_MSG: 'a type' });
  }

  private readonly mapType = this.RULE('mapType', (): A.MapType => {
    const start = this.nextStart();
    this.CONSUME(T.Map_);
    this.CONSUME(T.LAngle);
    const key = this.typeRef(0);
    this.CONSUME(T.Comma);
    const value = this.typeRef(2);
    this.CONSUME(T.RAngle);
    return this.RECORDING_PHASE ? REC_NODE : { kind: 'Map', span: this.spanFrom(start), key, value };
  });

  /** `future[<T>]`, `stream[<T>]` */
  private readonly payloadType = this.RULE('payloadType', (): A.FutureType | A.StreamType => {
    const REC = this.RECORDING_PHASE;
    const start = this.nextStart();
    const kw = this.CONSUME(T.PayloadKw);
    let payload: A.TypeExpr | undefined;
    if (this.has(T.LAngle)) {
      this.CONSUME(T.LAngle);
      payload = this.typeRef(0);
      this.CONSUME(T.RAngle);
    }
    if (REC) return REC_NODE;
    return { kind: kw.tokenType === T.Future ? 'Future' : 'Stream', span: this.spanFrom(start), payload };
  });

  /** `own<r>`, `borrow<r>` */
  private readonly handleType = this.RULE('handleType', (): A.HandleType => {
    const REC = this.RECORDING_PHASE;
    const start = this.nextStart();
    const kw = this.CONSUME(T.HandleKw);
    this.CONSUME(T.LAngle);
    const resource = this.name(0);
    this.CONSUME(T.RAngle);
    if (REC) return REC_NODE;
    const handle = kw.tokenType === T.Own ? 'own' : 'borrow';
    return this.own({ kind: 'Handle', span: SELF, source: this.source, start, end: this.endFrom(start), handle, resource });
  });

  // -------------------------------------------------------------------------------------------------------------
  // Attributes and versions

  protected readonly attributes = this.RULE('attributes', (): A.Attribute[] => {
    const out: A.Attribute[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.attribute);
      if (!this.RECORDING_PHASE) out.push(a);
    });
    return out;
  });

  /**
   * The attributes before an item. Most items have none, so the rule is entered only when the next token is `@`
   * (`idx` is the occurrence index, as for `SUBRULE<idx>`).
   */
  protected itemAttributes(idx: number): readonly A.Attribute[] {
    if (!this.RECORDING_PHASE && this.LA(1).tokenTypeIdx !== atIdx) return NO_ATTRIBUTES;
    return this.subrule(idx, this.attributes);
  }

  /** `@since(version = v)`, `@deprecated(version = v)`, `@unstable(feature = f)`, `@external-id("…")` */
  private readonly attribute = this.RULE('attribute', (): A.Attribute => {
    const REC = this.RECORDING_PHASE;
    const start = this.nextStart();
    this.CONSUME(T.At);
    const name = this.name(0);
    const which = REC ? '' : name.name;
    if (!REC && which !== 'since' && which !== 'deprecated' && which !== 'unstable' && which !== 'external-id') {
      this.abandon(Codes.InvalidAttribute, `unknown attribute \`${which}\``, name.span);
    }
    this.CONSUME(T.LParen);
    let version: A.Version | undefined;
    let feature: A.Id | undefined;
    let value: string | undefined;
    if (REC || which === 'since' || which === 'deprecated') {
      this.attrKey(this.name(1), 'version');
      this.CONSUME(T.Equals);
      version = this.SUBRULE(this.version);
    }
    if (REC || which === 'unstable') {
      this.attrKey(this.name(2), 'feature');
      this.CONSUME2(T.Equals);
      feature = this.name(3);
    }
    if (REC || which === 'external-id') {
      this.CONSUME(T.StringLiteral);
      value = REC ? '' : (this.payloads.get(this.last()) ?? '');
    }
    this.CONSUME(T.RParen);
    if (REC) return REC_NODE;
    const span = this.spanFrom(start);
    if (which === 'unstable') return { kind: 'Unstable', span, feature: feature! };
    if (which === 'external-id') return { kind: 'ExternalId', span, value: value! };
    return { kind: which === 'since' ? 'Since' : 'Deprecated', span, version: version! };
  });

  /** `1.2.3[-pre][+build]`, validated like the `semver` crate. */
  protected readonly version = this.RULE('version', (): A.Version => {
    const REC = this.RECORDING_PHASE;
    const start = this.nextStart();
    this.CONSUME(T.Integer);
    this.CONSUME(T.Period);
    this.CONSUME2(T.Integer);
    this.CONSUME2(T.Period);
    this.CONSUME3(T.Integer);
    if (REC || this.LA(1).tokenType === T.Minus) {
      this.CONSUME(T.Minus);
      this.versionParts(1);
    }
    if (REC || this.LA(1).tokenType === T.Plus) {
      this.CONSUME(T.Plus);
      this.versionParts(3);
    }
    return REC ? REC_NODE : this.makeVersion(start);
  });
}
