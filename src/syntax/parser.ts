/**
 * The WIT parser: a chevrotain `EmbeddedActionsParser` that builds the AST (ast.ts) directly.
 *
 * The grammar mirrors wit-parser's recursive-descent parser decision by decision (every choice is LL(1), made on
 * the next token), so that the first error reported is the one wit-parser reports, at the same token and with the
 * same wording. A few choices are not expressible as chevrotain alternatives (wit-parser's "if the next token is X
 * do this, otherwise expect Y"); those are written as plain conditionals guarded by `RECORDING_PHASE`, so that
 * chevrotain's grammar recording still sees every terminal and sub-rule.
 *
 * For speed, rule bodies build nodes directly (`if (!REC)` instead of `ACTION` closures), alternatives of `OR` are
 * created once and cached, identifiers are consumed in place (`name(idx)`) rather than through a sub-rule, optional
 * parts inside a rule are decided by `has(t)` rather than `OPTION`, and type expressions go through `typeRef`, which
 * reads primitive types and names itself and enters the rule of a compound type directly. The input is one shared
 * token per token type (positions are in the lexer's `TokenList`; see `ParserBase`).
 *
 * Error recovery: the bodies of files, nested packages, interfaces, worlds and resources parse item by item; an
 * error abandons the current item, the parser skips to the end of that item (its `;` or its closing brace, or the
 * next keyword that starts an item) and carries on. Productions are listed in grammar/wit.ebnf.
 */
import type { OrMethodOpts, TokenType } from 'chevrotain';
import { Codes } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source } from '../text/source.js';
import type * as A from './ast.js';
import { TooManyErrors } from './errors.js';
import { SELF } from './parser-base.js';
import { lex } from './lexer.js';
import { MAX_DEPTH, REC_NODE, TypeRules } from './parser-types.js';
import * as T from './tokens.js';
import type { CommentList, Token, TokenList } from './tokens.js';

type Attrs = readonly A.Attribute[];
type ItemArgs = { ARGS: [A.Docs | undefined, Attrs, number] };
type PathRest = { pkg: A.Id; name: A.Id; version: A.Version | undefined } | undefined;

const topSync = syncSet(T.Interface, T.World, T.Use, T.Package);
const interfaceSync = syncSet(T.Type, T.Record, T.Flags, T.Variant, T.Enum, T.Resource, T.Use);
const worldSync = syncSet(T.Import, T.Export, T.Include, T.Use, T.Type, T.Record, T.Flags, T.Variant, T.Enum, T.Resource);
const resourceSync = syncSet(T.Constructor);

function syncSet(...types: TokenType[]): ReadonlySet<number> {
  return new Set(types.map((t) => t.tokenTypeIdx!));
}

export class WitParser extends TypeRules {
  /**
   * Arguments for the item sub-rule chosen by an `OR` (set just before the `OR`, read by its alternatives). One
   * object, refilled for each item: chevrotain copies the arguments when it enters the rule.
   */
  private readonly item: ItemArgs = { ARGS: [undefined, [], 0] };
  private topAlts?: OrMethodOpts<A.TopLevelItem>;
  private interfaceAlts?: OrMethodOpts<A.InterfaceItem>;
  private worldAlts?: OrMethodOpts<A.WorldItem>;
  private memberAlts?: OrMethodOpts<A.ResourceMember>;
  private externAlts?: OrMethodOpts<A.ExternItem>;
  private externFirst: A.Id | undefined;

  /** See `ParserBase` for `validate` and `direct`. */
  constructor(validate = false, direct = true) {
    super(validate, direct);
    this.performSelfAnalysis();
  }

  /**
   * Parses the tokens of one file. Returns the tree (partial after errors) and the syntax diagnostics:
   * `errors` (lexical and syntax errors found by the parser) and `late` (errors wit-parser reports only after
   * parsing the file); `truncated` when parsing stopped at the error limit.
   */
  parseTokens(
    source: Source,
    tokens: TokenList,
    comments: CommentList,
    payloads: ReadonlyMap<number, string>,
    options: { maxErrors: number; lexErrors: number },
  ): { file: A.File; errors: Diagnostic[]; late: Diagnostic[]; truncated: boolean } {
    this.prepare(source, tokens, comments, payloads, options.maxErrors, options.lexErrors);
    let truncated = false;
    try {
      this.file();
    } catch (e) {
      if (!(e instanceof TooManyErrors)) throw e;
      truncated = true;
    }
    const file: A.File = {
      kind: 'File',
      span: this.span(0, source.text.length),
      source,
      package: this.header,
      items: this.topItems,
      // Token objects are made when first asked for (the formatter and the language server read them; checking
      // a file does not), from a new scan: the parser's token list is reused by the next parse.
      get tokens(): readonly Token[] {
        const all = lex(source).tokens.toArray();
        Object.defineProperty(this, 'tokens', { value: all, enumerable: true });
        return all;
      },
      get comments(): readonly Token[] {
        const all = comments.toArray();
        Object.defineProperty(this, 'comments', { value: all, enumerable: true });
        return all;
      },
    };
    const result = { file, errors: [...this.parserDiagnostics(), ...this.extra], late: this.late, truncated };
    this.release();
    return result;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Files and packages

  readonly file = this.RULE('file', (): void => {
    const REC = this.RECORDING_PHASE;
    if (REC || this.LA(1).tokenType === T.Package) {
      const docs = this.docsNext();
      const start = this.nextStart();
      try {
        const item = this.SUBRULE2(this.packageItem, { ARGS: [docs, [], start, true] });
        if (!REC) {
          if (item.kind === 'PackageDecl') this.header = item;
          else this.topItems.push(item);
        }
      } catch (e) {
        this.listTop = 0;
        this.recover(e, -1, topSync);
      }
    }
    this.bodyLoop(undefined, topSync, (docs, start) => {
      const attrs = this.itemAttributes(0);
      this.setItem(docs, attrs, start);
      const item = this.OR(this.topAlts ?? this.makeTopAlts());
      if (!REC) this.topItems.push(item);
    });
  });

  private setItem(docs: A.Docs | undefined, attrs: Attrs, start: number): void {
    const args = this.item.ARGS;
    args[0] = docs;
    args[1] = attrs;
    args[2] = start;
  }

  private makeTopAlts(): OrMethodOpts<A.TopLevelItem> {
    return (this.topAlts = {
      DEF: [
        { ALT: () => this.SUBRULE(this.interface, this.item) },
        { ALT: () => this.SUBRULE(this.world, this.item) },
        { ALT: () => this.SUBRULE(this.topLevelUse, this.item) },
        { ALT: () => this.SUBRULE(this.packageItem, { ARGS: [...this.item.ARGS, false] }) as A.NestedPackage },
      ],
      ERR_MSG: '`world`, `interface` or `use`',
    });
  }

  /** `package ns:name[@ver];` (only as the first item) or `package ns:name[@ver] { … }`. */
  private readonly packageItem = this.RULE(
    'packageItem',
    (docs: A.Docs | undefined, attrs: Attrs, start: number, first: boolean): A.PackageDecl | A.NestedPackage => {
      const REC = this.RECORDING_PHASE;
      this.CONSUME(T.Package);
      const kw = this.last();
      // Checked at the keyword, before the name, as wit-parser does (a bad name after it is the second error).
      if (!REC && attrs.length > 0) this.report(Codes.InvalidNestedPackage, 'cannot place attributes on nested packages', this.tokSpan(kw));
      if (!REC && this.pkgDepth >= MAX_DEPTH) this.abandon(Codes.NestingTooDeep, 'package nesting too deep', this.tokSpan(kw));
      const name = this.SUBRULE(this.packageName);
      if (REC || (first && this.LA(1).tokenType === T.Semicolon)) {
        this.CONSUME(T.Semicolon);
        if (!REC) return { kind: 'PackageDecl', span: this.spanFrom(start), docs, attributes: attrs, name };
      }
      if (!REC) this.checkNestedPackage(name);
      this.CONSUME(T.LBrace);
      const items: (A.Interface | A.World | A.TopLevelUse)[] = [];
      this.pkgDepth++;
      try {
        this.bodyLoop(T.RBrace, topSync, (docs, start) => {
          const attrs = this.itemAttributes(2);
          this.setItem(docs, attrs, start);
          const item = this.OR2(this.topAlts ?? this.makeTopAlts());
          if (!REC && item.kind !== 'NestedPackage') items.push(item);
        });
      } finally {
        this.pkgDepth--;
      }
      this.CONSUME(T.RBrace);
      if (REC) return REC_NODE;
      return { kind: 'NestedPackage', span: this.spanFrom(start), docs, attributes: attrs, name, items };
    },
  );

  /** Checks the placement of a nested package. */
  private checkNestedPackage(name: A.PackageName): void {
    if (this.pkgDepth > 0) {
      const message = 'nested packages must be placed at the top-level';
      this.late.push(diagnostic({ code: Codes.InvalidNestedPackage, message, span: name.span }));
    }
  }

  /** `ns:name[@version]` */
  private readonly packageName = this.RULE('packageName', (): A.PackageName => {
    const namespace = this.name(0);
    this.CONSUME(T.Colon);
    const name = this.name(1);
    let version: A.Version | undefined;
    if (this.has(T.At)) {
      this.CONSUME(T.At);
      version = this.SUBRULE(this.version);
    }
    if (this.RECORDING_PHASE) return REC_NODE;
    const span = this.span(namespace.span.start, (version ?? name).span.end);
    return { kind: 'PackageName', span, namespace, name, version };
  });

  /** `use path [as name];` at the top level. */
  private readonly topLevelUse = this.RULE('topLevelUse', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Use);
    const path = this.SUBRULE(this.usePath);
    let as: A.Id | undefined;
    if (this.has(T.As)) {
      this.CONSUME(T.As);
      as = this.name(0);
    }
    this.CONSUME(T.Semicolon);
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'TopLevelUse', span: this.spanFrom(start), docs, attributes: attrs, path, as } as A.TopLevelUse;
  });

  /** `name` or `ns:pkg/name[@version]`. */
  private readonly usePath = this.RULE('usePath', (): A.UsePath => {
    const first = this.name(0);
    const rest = this.pathRest(1);
    return this.RECORDING_PHASE ? REC_NODE : this.makePath(first, rest);
  });

  /** The optional `:pkg/name[@version]` after the first name of a path. */
  private pathRest(idx: number): PathRest {
    let rest: PathRest;
    this.option(idx, () => {
      this.consume(idx, T.Colon);
      const pkg = this.name(idx + 1);
      this.consume(idx, T.Slash);
      const name = this.name(idx + 2);
      let version: A.Version | undefined;
      this.option(idx + 1, () => {
        this.consume(idx, T.At);
        version = this.subrule(idx, this.version);
      });
      rest = { pkg, name, version };
    });
    return rest;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Interfaces and worlds

  private readonly interface = this.RULE('interface', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Interface);
    const name = this.name(0);
    const items = this.SUBRULE(this.interfaceBody);
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'Interface', span: this.spanFrom(start), docs, attributes: attrs, name, items } as A.Interface;
  });

  /** `{ items }` of an interface (named or inline). */
  private readonly interfaceBody = this.RULE('interfaceBody', (): A.InterfaceItem[] => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.LBrace);
    const items: A.InterfaceItem[] = [];
    this.bodyLoop(T.RBrace, interfaceSync, (docs, start) => {
      const attrs = this.itemAttributes(0);
      this.setItem(docs, attrs, start);
      const item = this.OR(this.interfaceAlts ?? this.makeInterfaceAlts());
      if (!REC) items.push(item);
    });
    this.CONSUME(T.RBrace);
    return items;
  });

  private makeInterfaceAlts(): OrMethodOpts<A.InterfaceItem> {
    return (this.interfaceAlts = {
      DEF: [
        { ALT: () => this.SUBRULE(this.typeAlias, this.item) },
        { ALT: () => this.SUBRULE(this.flags, this.item) },
        { ALT: () => this.SUBRULE(this.enum, this.item) },
        { ALT: () => this.SUBRULE(this.variant, this.item) },
        { ALT: () => this.SUBRULE(this.resource, this.item) },
        { ALT: () => this.SUBRULE(this.record, this.item) },
        { ALT: () => this.SUBRULE(this.funcItem, this.item) },
        { ALT: () => this.SUBRULE(this.use, this.item) },
      ],
      ERR_MSG: '`type`, `resource` or `func`',
    });
  }

  private readonly world = this.RULE('world', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.World);
    const name = this.name(0);
    this.CONSUME(T.LBrace);
    const items: A.WorldItem[] = [];
    this.bodyLoop(T.RBrace, worldSync, (docs, start) => {
      const attrs = this.itemAttributes(0);
      this.setItem(docs, attrs, start);
      const item = this.OR(this.worldAlts ?? this.makeWorldAlts());
      if (!REC) items.push(item);
    });
    this.CONSUME(T.RBrace);
    if (REC) return REC_NODE;
    return { kind: 'World', span: this.spanFrom(start), docs, attributes: attrs, name, items } as A.World;
  });

  private makeWorldAlts(): OrMethodOpts<A.WorldItem> {
    return (this.worldAlts = {
      DEF: [
        { ALT: () => this.SUBRULE(this.import, this.item) },
        { ALT: () => this.SUBRULE(this.export, this.item) },
        { ALT: () => this.SUBRULE(this.use, this.item) },
        { ALT: () => this.SUBRULE(this.typeAlias, this.item) },
        { ALT: () => this.SUBRULE(this.flags, this.item) },
        { ALT: () => this.SUBRULE(this.resource, this.item) },
        { ALT: () => this.SUBRULE(this.record, this.item) },
        { ALT: () => this.SUBRULE(this.variant, this.item) },
        { ALT: () => this.SUBRULE(this.enum, this.item) },
        { ALT: () => this.SUBRULE(this.include, this.item) },
      ],
      ERR_MSG: '`import`, `export`, `include`, `use`, or type definition',
    });
  }

  private readonly import = this.RULE('import', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Import);
    const item = this.SUBRULE(this.externItem);
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'Import', span: this.spanFrom(start), docs, attributes: attrs, item } as A.Import;
  });

  private readonly export = this.RULE('export', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Export);
    const item = this.SUBRULE(this.externItem);
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'Export', span: this.spanFrom(start), docs, attributes: attrs, item } as A.Export;
  });

  /**
   * What follows `import` / `export`. After `name:` comes a function, an inline interface, or a path; a path whose
   * second token is `/` is a package path (`a:b/c`), any other path makes `name` a label (`x: iface`, `x: a:b/c`).
   */
  private readonly externItem = this.RULE('externItem', (): A.ExternItem => {
    const REC = this.RECORDING_PHASE;
    const first = this.name(0);
    if (REC || this.LA(1).tokenType === T.Colon) {
      this.CONSUME(T.Colon);
      this.externFirst = first;
      const r = this.OR(this.externAlts ?? this.makeExternAlts());
      if (!REC) return r;
    }
    this.CONSUME(T.Semicolon);
    if (REC) return REC_NODE;
    return { kind: 'ExternPath', span: this.spanFrom(first.span.start), path: this.makePath(first, undefined) };
  });

  private makeExternAlts(): OrMethodOpts<A.ExternItem> {
    return (this.externAlts = {
      DEF: [
        { ALT: () => this.SUBRULE(this.externFunc, { ARGS: [this.externFirst!] }) },
        { ALT: () => this.SUBRULE(this.externInterface, { ARGS: [this.externFirst!] }) },
        { ALT: () => this.SUBRULE(this.externPathOrLabel, { ARGS: [this.externFirst!] }) },
      ],
      ERR_MSG: 'an identifier or string',
    });
  }

  private readonly externFunc = this.RULE('externFunc', (first: A.Id): A.ExternFunc => {
    const func = this.SUBRULE(this.funcType);
    this.CONSUME(T.Semicolon);
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'ExternFunc', span: this.spanFrom(first.span.start), name: first, func };
  });

  private readonly externInterface = this.RULE('externInterface', (first: A.Id): A.ExternInterface => {
    this.CONSUME(T.Interface);
    const items = this.SUBRULE(this.interfaceBody);
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'ExternInterface', span: this.spanFrom(first.span.start), name: first, items };
  });

  /** After `first:` — `pkg/name[@v];` (a package path) or `path;` (a label implementing `path`). */
  private readonly externPathOrLabel = this.RULE('externPathOrLabel', (first: A.Id): A.ExternPath | A.ExternImplements => {
    const REC = this.RECORDING_PHASE;
    const second = this.name(0);
    let result: A.ExternPath | A.ExternImplements | undefined;
    if (REC || this.LA(1).tokenType === T.Slash) {
      this.CONSUME(T.Slash);
      const name = this.name(1);
      let version: A.Version | undefined;
      if (this.has(T.At)) {
        this.CONSUME(T.At);
        version = this.SUBRULE(this.version);
      }
      this.CONSUME(T.Semicolon);
      if (!REC) {
        const path = this.makePath(first, { pkg: second, name, version });
        result = { kind: 'ExternPath', span: this.spanFrom(first.span.start), path };
      }
    }
    if (REC || result === undefined) {
      const rest = this.pathRest(2);
      this.CONSUME2(T.Semicolon);
      if (!REC) {
        const path = this.makePath(second, rest);
        result = { kind: 'ExternImplements', span: this.spanFrom(first.span.start), label: first, path };
      }
    }
    return REC ? REC_NODE : result!;
  });

  /** `include path [with { a as b, … }]` — no `;` after the braces. */
  private readonly include = this.RULE('include', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Include);
    const path = this.SUBRULE(this.usePath);
    let names: A.IncludeName[] = [];
    const hasWith = REC || this.LA(1).tokenType === T.With;
    if (hasWith) {
      this.CONSUME(T.With);
      this.CONSUME(T.LBrace);
      names = this.listTail(T.RBrace, 1, () => {
        const name = this.name(0);
        this.CONSUME(T.As);
        const as = this.name(1);
        if (REC) return REC_NODE;
        return { kind: 'IncludeName', span: this.span(name.span.start, as.span.end), name, as } as A.IncludeName;
      });
    }
    if (REC || !hasWith) this.CONSUME(T.Semicolon);
    if (REC) return REC_NODE;
    return { kind: 'Include', span: this.spanFrom(start), docs, attributes: attrs, path, with: names } as A.Include;
  });

  /** `a` or `b as c`, an item of `use`. */
  private readonly useName = (): A.UseName => {
    const name = this.name(0);
    let as: A.Id | undefined;
    if (this.has(T.As)) {
      this.CONSUME(T.As);
      as = this.name(1);
    }
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'UseName', span: this.span(name.span.start, (as ?? name).span.end), name, as } as A.UseName;
  };

  /** `use path.{a, b as c};` in an interface or world. */
  private readonly use = this.RULE('use', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Use);
    const path = this.SUBRULE(this.usePath);
    this.CONSUME(T.Period);
    this.CONSUME(T.LBrace);
    const names = this.listTail(T.RBrace, 1, this.useName);
    this.CONSUME(T.Semicolon);
    if (REC) return REC_NODE;
    return { kind: 'Use', span: this.spanFrom(start), docs, attributes: attrs, path, names } as A.Use;
  });

  // -------------------------------------------------------------------------------------------------------------
  // Functions

  private readonly funcItem = this.RULE('funcItem', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const name = this.name(0);
    this.CONSUME(T.Colon);
    const func = this.SUBRULE(this.funcType);
    this.CONSUME(T.Semicolon);
    if (this.RECORDING_PHASE) return REC_NODE;
    return this.own({ kind: 'FuncItem', span: SELF, source: this.source, start, end: this.endFrom(start), docs, attributes: attrs, name, func }) as A.FuncItem;
  });

  /** `[async] func(params) [-> T]` */
  private readonly funcType = this.RULE('funcType', (): A.FuncType => {
    const start = this.nextStart();
    this.sawAsync = false;
    this.OPTION(this.asyncKeyword);
    const isAsync = this.sawAsync;
    this.CONSUME(T.Func);
    const params = this.SUBRULE(this.params);
    let result: A.TypeExpr | undefined;
    if (this.has(T.RArrow)) {
      this.CONSUME(T.RArrow);
      result = this.typeRef(0);
    }
    if (this.RECORDING_PHASE) return REC_NODE;
    return this.own({ kind: 'FuncType', span: SELF, source: this.source, start, end: this.endFrom(start), async: isAsync, params, result });
  });

  /*
   * The items of lists and optional parts of hot rules are functions made once per parser, not closures made at
   * every use of the rule: a closure that captures a local allocates a context and a function object each time
   * (2.1 MB of garbage per parse of synth.wit). They read the recording phase from the parser.
   */

  /** `async` at the start of a function type: sets `sawAsync`. */
  private sawAsync = false;
  private readonly asyncKeyword = (): void => {
    this.CONSUME(T.Async);
    this.sawAsync = true;
  };

  /** `name: type`, an item of `params`. */
  private readonly param = (): A.Param => {
    const name = this.name(0);
    this.CONSUME(T.Colon);
    const type = this.typeRef(0);
    if (this.RECORDING_PHASE) return REC_NODE;
    return this.own({ kind: 'Param', span: SELF, source: this.source, start: name.span.start, end: type.span.end, name, type }) as A.Param;
  };

  /** `(a: T, b: U)` with an optional trailing comma. */
  private readonly params = this.RULE('params', (): A.Param[] => {
    this.CONSUME(T.LParen);
    return this.listTail(T.RParen, 1, this.param);
  });

  // -------------------------------------------------------------------------------------------------------------
  // Type definitions

  private readonly typeAlias = this.RULE('typeAlias', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Type);
    const name = this.name(0);
    this.CONSUME(T.Equals);
    const type = this.typeRef(0);
    this.CONSUME(T.Semicolon);
    if (this.RECORDING_PHASE) return REC_NODE;
    return { kind: 'TypeAlias', span: this.spanFrom(start), docs, attributes: attrs, name, type } as A.TypeAlias;
  });

  /** `name: type`, an item of a record. */
  private readonly field = (docs: A.Docs | undefined): A.Field => {
    const name = this.name(1);
    this.CONSUME(T.Colon);
    const type = this.typeRef(0);
    if (this.RECORDING_PHASE) return REC_NODE;
    return this.own({ kind: 'Field', span: SELF, source: this.source, start: name.span.start, end: type.span.end, docs, name, type }) as A.Field;
  };

  private readonly record = this.RULE('record', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Record);
    const name = this.name(0);
    this.CONSUME(T.LBrace);
    const fields = this.listTail(T.RBrace, 1, this.field);
    if (REC) return REC_NODE;
    return { kind: 'Record', span: this.spanFrom(start), docs, attributes: attrs, name, fields } as A.Record;
  });

  /** A name in `flags { … }`. */
  private readonly flag = (docs: A.Docs | undefined): A.Flag => {
    const name = this.name(1);
    return this.RECORDING_PHASE ? REC_NODE : ({ kind: 'Flag', span: name.span, docs, name } as A.Flag);
  };

  private readonly flags = this.RULE('flags', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Flags);
    const name = this.name(0);
    this.CONSUME(T.LBrace);
    const flags = this.listTail(T.RBrace, 1, this.flag);
    if (REC) return REC_NODE;
    return { kind: 'Flags', span: this.spanFrom(start), docs, attributes: attrs, name, flags } as A.Flags;
  });

  /** `name` or `name(type)`, an item of a variant. */
  private readonly variantCase = (docs: A.Docs | undefined): A.VariantCase => {
    const name = this.name(1);
    let type: A.TypeExpr | undefined;
    if (this.has(T.LParen)) {
      this.CONSUME(T.LParen);
      type = this.typeRef(0);
      this.CONSUME(T.RParen);
    }
    if (this.RECORDING_PHASE) return REC_NODE;
    const start = name.span.start;
    return this.own({ kind: 'VariantCase', span: SELF, source: this.source, start, end: this.endFrom(start), docs, name, type }) as A.VariantCase;
  };

  private readonly variant = this.RULE('variant', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Variant);
    const name = this.name(0);
    this.CONSUME(T.LBrace);
    const cases = this.listTail(T.RBrace, 1, this.variantCase);
    if (REC) return REC_NODE;
    return { kind: 'Variant', span: this.spanFrom(start), docs, attributes: attrs, name, cases } as A.Variant;
  });

  /** A name in `enum { … }`. */
  private readonly enumCase = (docs: A.Docs | undefined): A.EnumCase => {
    const name = this.name(1);
    return this.RECORDING_PHASE ? REC_NODE : ({ kind: 'EnumCase', span: name.span, docs, name } as A.EnumCase);
  };

  private readonly enum = this.RULE('enum', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Enum);
    const name = this.name(0);
    this.CONSUME(T.LBrace);
    const cases = this.listTail(T.RBrace, 1, this.enumCase);
    if (REC) return REC_NODE;
    return { kind: 'Enum', span: this.spanFrom(start), docs, attributes: attrs, name, cases } as A.Enum;
  });

  /** `resource name;` or `resource name { members }`. */
  private readonly resource = this.RULE('resource', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Resource);
    const name = this.name(0);
    let members: A.ResourceMember[] | undefined;
    const hasBody = REC || this.LA(1).tokenType === T.LBrace;
    if (hasBody) {
      this.CONSUME(T.LBrace);
      const list: A.ResourceMember[] = [];
      this.bodyLoop(T.RBrace, resourceSync, (mdocs, mstart) => {
        const mattrs = this.itemAttributes(0);
        this.setItem(mdocs, mattrs, mstart);
        const m = this.OR(this.memberAlts ?? this.makeMemberAlts());
        if (!REC) list.push(m);
      });
      this.CONSUME(T.RBrace);
      members = list;
    }
    if (REC || !hasBody) this.CONSUME(T.Semicolon);
    if (REC) return REC_NODE;
    return { kind: 'Resource', span: this.spanFrom(start), docs, attributes: attrs, name, members } as A.Resource;
  });

  private makeMemberAlts(): OrMethodOpts<A.ResourceMember> {
    return (this.memberAlts = {
      DEF: [{ ALT: () => this.SUBRULE(this.constructorItem, this.item) }, { ALT: () => this.SUBRULE(this.method, this.item) }],
      ERR_MSG: '`constructor` or identifier',
    });
  }

  private readonly constructorItem = this.RULE('constructorItem', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Constructor);
    const kw = this.last();
    const params = this.SUBRULE(this.params);
    let result: A.TypeExpr | undefined;
    if (this.has(T.RArrow)) {
      this.CONSUME(T.RArrow);
      result = this.typeRef(0);
    }
    this.CONSUME(T.Semicolon);
    if (this.RECORDING_PHASE) return REC_NODE;
    const span = this.spanFrom(start);
    return { kind: 'Constructor', span, docs, attributes: attrs, keyword: this.tokSpan(kw), params, result } as A.Constructor;
  });

  private readonly method = this.RULE('method', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const name = this.name(0);
    this.CONSUME(T.Colon);
    let isStatic = false;
    if (this.has(T.Static)) {
      this.CONSUME(T.Static);
      isStatic = true;
    }
    const func = this.SUBRULE(this.funcType);
    this.CONSUME(T.Semicolon);
    if (this.RECORDING_PHASE) return REC_NODE;
    return this.own({ kind: 'Method', span: SELF, source: this.source, start, end: this.endFrom(start), docs, attributes: attrs, name, static: isStatic, func }) as A.Method;
  });
}
