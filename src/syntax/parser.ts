/**
 * The WIT parser: a chevrotain `EmbeddedActionsParser` that builds the AST (ast.ts) directly.
 *
 * The grammar mirrors wit-parser's recursive-descent parser decision by decision (every choice is LL(1), made on
 * the next token), so that the first error reported is the one wit-parser reports, at the same token and with the
 * same wording. A few choices are not expressible as chevrotain alternatives (wit-parser's "if the next token is X
 * do this, otherwise expect Y"); those are written as plain conditionals guarded by `RECORDING_PHASE`, so that
 * chevrotain's grammar recording still sees every terminal and sub-rule.
 *
 * Error recovery: the bodies of files, nested packages, interfaces, worlds and resources parse item by item; an
 * error abandons the current item, the parser skips to the end of that item (its `;` or its closing brace, or the
 * next keyword that starts an item) and carries on. Rules for the productions are in grammar/wit.ebnf.
 */
import type { IToken, TokenType } from 'chevrotain';
import { Codes } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { TooManyErrors } from './errors.js';
import type { Source, Span } from '../text/source.js';
import type * as A from './ast.js';
import { ParserBase } from './parser-base.js';
import * as T from './tokens.js';
import type { Token } from './tokens.js';

type Attrs = readonly A.Attribute[];

const topSync = syncSet(T.Interface, T.World, T.Use, T.Package);
const interfaceSync = syncSet(T.Type, T.Record, T.Flags, T.Variant, T.Enum, T.Resource, T.Use);
const worldSync = syncSet(T.Import, T.Export, T.Include, T.Use, T.Type, T.Record, T.Flags, T.Variant, T.Enum, T.Resource);
const resourceSync = syncSet(T.Constructor);

function syncSet(...types: TokenType[]): ReadonlySet<number> {
  return new Set(types.map((t) => t.tokenTypeIdx!));
}

/** Limit of nested types and of nested package blocks (as in wit-parser). */
const MAX_DEPTH = 100;

export class WitParser extends ParserBase {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /**
   * Parses the tokens of one file. Returns the tree (partial after errors) and the syntax diagnostics:
   * `errors` (lexical and syntax errors, in the order wit-parser would meet them) and `late` (errors wit-parser
   * reports only after parsing the file).
   */
  parseTokens(
    source: Source,
    tokens: Token[],
    comments: Token[],
    options: { maxErrors: number; lexErrors: number },
  ): { file: A.File; errors: Diagnostic[]; late: Diagnostic[] } {
    this.prepare(source, tokens, comments, options.maxErrors, options.lexErrors);
    try {
      this.file();
    } catch (e) {
      if (!(e instanceof TooManyErrors)) throw e;
    }
    const file: A.File = {
      kind: 'File',
      span: this.span(0, source.text.length),
      source,
      package: this.header,
      items: this.topItems,
      tokens,
      comments,
    };
    return { file, errors: [...this.parserDiagnostics(), ...this.extra], late: this.late };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Files and packages

  readonly file = this.RULE('file', (): void => {
    const REC = this.RECORDING_PHASE;
    if (REC || this.LA(1).tokenType === T.Package) {
      const docs = this.docsAt(this.LA(1));
      const start = this.LA(1).startOffset;
      try {
        const item = this.SUBRULE(this.packageItem, { ARGS: [docs, [], start, true] });
        this.ACTION(() => {
          if (item.kind === 'PackageDecl') this.header = item;
          else this.topItems.push(item);
        });
      } catch (e) {
        this.recover(e, -1, topSync);
      }
    }
    this.bodyLoop(undefined, topSync, (docs, start) => {
      const attrs = this.SUBRULE(this.attributes);
      const item = this.SUBRULE(this.topItem, { ARGS: [docs, attrs, start] });
      this.ACTION(() => this.topItems.push(item));
    });
  });

  /** `package ns:name[@ver];` (only as the first item) or `package ns:name[@ver] { … }`. */
  private readonly packageItem = this.RULE(
    'packageItem',
    (docs: A.Docs | undefined, attrs: Attrs, start: number, first: boolean): A.PackageDecl | A.NestedPackage => {
      const REC = this.RECORDING_PHASE;
      const kw = this.CONSUME(T.Package);
      if (!REC && this.pkgDepth >= MAX_DEPTH) this.abandon(Codes.NestingTooDeep, 'package nesting too deep', this.tokSpan(kw));
      const name = this.SUBRULE(this.packageName);
      if (REC || (first && this.LA(1).tokenType === T.Semicolon)) {
        this.CONSUME(T.Semicolon);
        if (!REC) return { kind: 'PackageDecl', span: this.spanFrom(start), docs, attributes: attrs, name };
      }
      if (!REC && attrs.length > 0) {
        this.report(Codes.InvalidNestedPackage, 'cannot place attributes on nested packages', this.tokSpan(kw));
      }
      if (!REC && this.pkgDepth > 0) {
        this.late.push(
          diagnostic({
            code: Codes.InvalidNestedPackage,
            message: 'nested packages must be placed at the top-level',
            span: name.span,
          }),
        );
      }
      this.CONSUME(T.LBrace);
      const items: (A.Interface | A.World | A.TopLevelUse)[] = [];
      this.pkgDepth++;
      try {
        this.bodyLoop(T.RBrace, topSync, (docs, start) => {
          const attrs = this.SUBRULE2(this.attributes);
          const item = this.SUBRULE(this.topItem, { ARGS: [docs, attrs, start] });
          this.ACTION(() => {
            if (item.kind !== 'NestedPackage') items.push(item);
          });
        });
      } finally {
        this.pkgDepth--;
      }
      this.CONSUME(T.RBrace);
      return this.ACTION(() => ({
        kind: 'NestedPackage' as const,
        span: this.spanFrom(start),
        docs,
        attributes: attrs,
        name,
        items,
      }));
    },
  );

  /** `ns:name[@version]` */
  private readonly packageName = this.RULE('packageName', (): A.PackageName => {
    const namespace = this.SUBRULE(this.id);
    this.CONSUME(T.Colon);
    const name = this.SUBRULE2(this.id);
    let version: A.Version | undefined;
    this.OPTION(() => {
      this.CONSUME(T.At);
      version = this.SUBRULE(this.version);
    });
    return this.ACTION(() => ({
      kind: 'PackageName' as const,
      span: this.span(namespace.span.start, (version ?? name).span.end),
      namespace,
      name,
      version,
    }));
  });

  private readonly topItem = this.RULE('topItem', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const args = { ARGS: [docs, attrs, start] as [A.Docs | undefined, Attrs, number] };
    return this.OR<A.TopLevelItem>({
      DEF: [
        { ALT: () => this.SUBRULE(this.interface, args) },
        { ALT: () => this.SUBRULE(this.world, args) },
        { ALT: () => this.SUBRULE(this.topLevelUse, args) },
        { ALT: () => this.SUBRULE(this.packageItem, { ARGS: [docs, attrs, start, false] }) as A.NestedPackage },
      ],
      ERR_MSG: '`world`, `interface` or `use`',
    });
  });

  /** `use path [as name];` at the top level. */
  private readonly topLevelUse = this.RULE('topLevelUse', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Use);
    const path = this.SUBRULE(this.usePath);
    let as: A.Id | undefined;
    this.OPTION(() => {
      this.CONSUME(T.As);
      as = this.SUBRULE(this.id);
    });
    this.CONSUME(T.Semicolon);
    return this.ACTION((): A.TopLevelUse => ({ kind: 'TopLevelUse', span: this.spanFrom(start), docs, attributes: attrs, path, as }));
  });

  /** `name` or `ns:pkg/name[@version]`. */
  private readonly usePath = this.RULE('usePath', (): A.UsePath => {
    const first = this.SUBRULE(this.id);
    let rest: { pkg: A.Id; name: A.Id; version: A.Version | undefined } | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      const pkg = this.SUBRULE2(this.id);
      this.CONSUME(T.Slash);
      const name = this.SUBRULE3(this.id);
      let version: A.Version | undefined;
      this.OPTION2(() => {
        this.CONSUME(T.At);
        version = this.SUBRULE(this.version);
      });
      rest = { pkg, name, version };
    });
    return this.ACTION(() => this.makePath(first, rest));
  });

  // -------------------------------------------------------------------------------------------------------------
  // Interfaces and worlds

  private readonly interface = this.RULE('interface', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Interface);
    const name = this.SUBRULE(this.id);
    const items = this.SUBRULE(this.interfaceBody);
    return this.ACTION((): A.Interface => ({ kind: 'Interface', span: this.spanFrom(start), docs, attributes: attrs, name, items }));
  });

  /** `{ items }` of an interface (named or inline). */
  private readonly interfaceBody = this.RULE('interfaceBody', (): A.InterfaceItem[] => {
    this.CONSUME(T.LBrace);
    const items: A.InterfaceItem[] = [];
    this.bodyLoop(T.RBrace, interfaceSync, (docs, start) => {
      const attrs = this.SUBRULE(this.attributes);
      const args = { ARGS: [docs, attrs, start] as [A.Docs | undefined, Attrs, number] };
      const item = this.OR<A.InterfaceItem>({
        DEF: [
          { ALT: () => this.SUBRULE(this.typeAlias, args) },
          { ALT: () => this.SUBRULE(this.flags, args) },
          { ALT: () => this.SUBRULE(this.enum, args) },
          { ALT: () => this.SUBRULE(this.variant, args) },
          { ALT: () => this.SUBRULE(this.resource, args) },
          { ALT: () => this.SUBRULE(this.record, args) },
          { ALT: () => this.SUBRULE(this.funcItem, args) },
          { ALT: () => this.SUBRULE(this.use, args) },
        ],
        ERR_MSG: '`type`, `resource` or `func`',
      });
      this.ACTION(() => items.push(item));
    });
    this.CONSUME(T.RBrace);
    return items;
  });

  private readonly world = this.RULE('world', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.World);
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.LBrace);
    const items: A.WorldItem[] = [];
    this.bodyLoop(T.RBrace, worldSync, (docs, start) => {
      const attrs = this.SUBRULE(this.attributes);
      const args = { ARGS: [docs, attrs, start] as [A.Docs | undefined, Attrs, number] };
      const item = this.OR<A.WorldItem>({
        DEF: [
          { ALT: () => this.SUBRULE(this.import, args) },
          { ALT: () => this.SUBRULE(this.export, args) },
          { ALT: () => this.SUBRULE(this.use, args) },
          { ALT: () => this.SUBRULE(this.typeAlias, args) },
          { ALT: () => this.SUBRULE(this.flags, args) },
          { ALT: () => this.SUBRULE(this.resource, args) },
          { ALT: () => this.SUBRULE(this.record, args) },
          { ALT: () => this.SUBRULE(this.variant, args) },
          { ALT: () => this.SUBRULE(this.enum, args) },
          { ALT: () => this.SUBRULE(this.include, args) },
        ],
        ERR_MSG: '`import`, `export`, `include`, `use`, or type definition',
      });
      this.ACTION(() => items.push(item));
    });
    this.CONSUME(T.RBrace);
    return this.ACTION((): A.World => ({ kind: 'World', span: this.spanFrom(start), docs, attributes: attrs, name, items }));
  });

  private readonly import = this.RULE('import', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Import);
    const item = this.SUBRULE(this.externItem);
    return this.ACTION((): A.Import => ({ kind: 'Import', span: this.spanFrom(start), docs, attributes: attrs, item }));
  });

  private readonly export = this.RULE('export', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Export);
    const item = this.SUBRULE(this.externItem);
    return this.ACTION((): A.Export => ({ kind: 'Export', span: this.spanFrom(start), docs, attributes: attrs, item }));
  });

  /**
   * What follows `import` / `export`. After `name:` comes a function, an inline interface, or a path; a path whose
   * second token is `/` is a package path (`a:b/c`), any other path makes `name` a label (`x: iface`, `x: a:b/c`).
   */
  private readonly externItem = this.RULE('externItem', (): A.ExternItem => {
    const REC = this.RECORDING_PHASE;
    const first = this.SUBRULE(this.id);
    const start = REC ? 0 : first.span.start;
    if (REC || this.LA(1).tokenType === T.Colon) {
      this.CONSUME(T.Colon);
      const r = this.OR<A.ExternItem>({
        DEF: [
          {
            ALT: () => {
              const func = this.SUBRULE(this.funcType);
              this.CONSUME(T.Semicolon);
              return this.ACTION((): A.ExternFunc => ({ kind: 'ExternFunc', span: this.spanFrom(start), name: first, func }));
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.Interface);
              const items = this.SUBRULE(this.interfaceBody);
              return this.ACTION((): A.ExternInterface => ({ kind: 'ExternInterface', span: this.spanFrom(start), name: first, items }));
            },
          },
          { ALT: () => this.SUBRULE(this.externPathOrLabel, { ARGS: [first] }) },
        ],
        ERR_MSG: 'an identifier or string',
      });
      if (!REC) return r;
    }
    this.CONSUME2(T.Semicolon);
    return this.ACTION((): A.ExternPath => ({ kind: 'ExternPath', span: this.spanFrom(start), path: this.makePath(first, undefined) }));
  });

  /** After `first:` — `pkg/name[@v];` (a package path) or `path;` (a label implementing `path`). */
  private readonly externPathOrLabel = this.RULE('externPathOrLabel', (first: A.Id): A.ExternPath | A.ExternImplements => {
    const REC = this.RECORDING_PHASE;
    const second = this.SUBRULE(this.id);
    let result: A.ExternPath | A.ExternImplements | undefined;
    if (REC || this.LA(1).tokenType === T.Slash) {
      this.CONSUME(T.Slash);
      const name = this.SUBRULE2(this.id);
      let version: A.Version | undefined;
      this.OPTION(() => {
        this.CONSUME(T.At);
        version = this.SUBRULE(this.version);
      });
      this.CONSUME(T.Semicolon);
      result = this.ACTION(() => ({
        kind: 'ExternPath' as const,
        span: this.spanFrom(first.span.start),
        path: this.makePath(first, { pkg: second, name, version }),
      }));
    }
    if (REC || result === undefined) {
      let rest: { pkg: A.Id; name: A.Id; version: A.Version | undefined } | undefined;
      this.OPTION2(() => {
        this.CONSUME(T.Colon);
        const pkg = this.SUBRULE3(this.id);
        this.CONSUME2(T.Slash);
        const name = this.SUBRULE4(this.id);
        let version: A.Version | undefined;
        this.OPTION3(() => {
          this.CONSUME2(T.At);
          version = this.SUBRULE2(this.version);
        });
        rest = { pkg, name, version };
      });
      this.CONSUME2(T.Semicolon);
      result = this.ACTION(() => ({
        kind: 'ExternImplements' as const,
        span: this.spanFrom(first.span.start),
        label: first,
        path: this.makePath(second, rest),
      }));
    }
    return result!;
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
        const name = this.SUBRULE(this.id);
        this.CONSUME(T.As);
        const as = this.SUBRULE2(this.id);
        return this.ACTION((): A.IncludeName => ({ kind: 'IncludeName', span: this.span(name.span.start, as.span.end), name, as }));
      });
    }
    if (REC || !hasWith) this.CONSUME(T.Semicolon);
    return this.ACTION((): A.Include => ({ kind: 'Include', span: this.spanFrom(start), docs, attributes: attrs, path, with: names }));
  });

  /** `use path.{a, b as c};` in an interface or world. */
  private readonly use = this.RULE('use', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Use);
    const path = this.SUBRULE(this.usePath);
    this.CONSUME(T.Period);
    this.CONSUME(T.LBrace);
    const names = this.listTail(T.RBrace, 1, () => {
      const name = this.SUBRULE(this.id);
      let as: A.Id | undefined;
      this.OPTION(() => {
        this.CONSUME(T.As);
        as = this.SUBRULE2(this.id);
      });
      return this.ACTION((): A.UseName => ({ kind: 'UseName', span: this.span(name.span.start, (as ?? name).span.end), name, as }));
    });
    this.CONSUME(T.Semicolon);
    return this.ACTION((): A.Use => ({ kind: 'Use', span: this.spanFrom(start), docs, attributes: attrs, path, names }));
  });

  // -------------------------------------------------------------------------------------------------------------
  // Functions

  private readonly funcItem = this.RULE('funcItem', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.Colon);
    const func = this.SUBRULE(this.funcType);
    this.CONSUME(T.Semicolon);
    return this.ACTION((): A.FuncItem => ({ kind: 'FuncItem', span: this.spanFrom(start), docs, attributes: attrs, name, func }));
  });

  /** `[async] func(params) [-> T]` */
  private readonly funcType = this.RULE('funcType', (): A.FuncType => {
    const start = this.LA(1).startOffset;
    let isAsync = false;
    this.OPTION(() => {
      this.CONSUME(T.Async);
      isAsync = true;
    });
    this.CONSUME(T.Func);
    const params = this.SUBRULE(this.params);
    let result: A.TypeExpr | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.RArrow);
      result = this.SUBRULE(this.typeExpr);
    });
    return this.ACTION(() => ({ kind: 'FuncType' as const, span: this.spanFrom(start), async: isAsync, params, result }));
  });

  /** `(a: T, b: U)` with an optional trailing comma. */
  private readonly params = this.RULE('params', (): A.Param[] => {
    this.CONSUME(T.LParen);
    return this.listTail(T.RParen, 1, () => {
      const name = this.SUBRULE(this.id);
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.typeExpr);
      return this.ACTION((): A.Param => ({ kind: 'Param', span: this.span(name.span.start, type.span.end), name, type }));
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  // Type definitions

  private readonly typeAlias = this.RULE('typeAlias', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Type);
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.Equals);
    const type = this.SUBRULE(this.typeExpr);
    this.CONSUME(T.Semicolon);
    return this.ACTION((): A.TypeAlias => ({ kind: 'TypeAlias', span: this.spanFrom(start), docs, attributes: attrs, name, type }));
  });

  private readonly record = this.RULE('record', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Record);
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.LBrace);
    const fields = this.listTail(T.RBrace, 1, (fdocs) => {
      const fname = this.SUBRULE2(this.id);
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.typeExpr);
      return this.ACTION((): A.Field => ({ kind: 'Field', span: this.span(fname.span.start, type.span.end), docs: fdocs, name: fname, type }));
    });
    return this.ACTION((): A.Record => ({ kind: 'Record', span: this.spanFrom(start), docs, attributes: attrs, name, fields }));
  });

  private readonly flags = this.RULE('flags', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Flags);
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.LBrace);
    const flags = this.listTail(T.RBrace, 1, (fdocs) => {
      const fname = this.SUBRULE2(this.id);
      return this.ACTION((): A.Flag => ({ kind: 'Flag', span: fname.span, docs: fdocs, name: fname }));
    });
    return this.ACTION((): A.Flags => ({ kind: 'Flags', span: this.spanFrom(start), docs, attributes: attrs, name, flags }));
  });

  private readonly variant = this.RULE('variant', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Variant);
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.LBrace);
    const cases = this.listTail(T.RBrace, 1, (cdocs) => {
      const cname = this.SUBRULE2(this.id);
      let type: A.TypeExpr | undefined;
      this.OPTION(() => {
        this.CONSUME(T.LParen);
        type = this.SUBRULE(this.typeExpr);
        this.CONSUME(T.RParen);
      });
      return this.ACTION((): A.VariantCase => ({ kind: 'VariantCase', span: this.spanFrom(cname.span.start), docs: cdocs, name: cname, type }));
    });
    return this.ACTION((): A.Variant => ({ kind: 'Variant', span: this.spanFrom(start), docs, attributes: attrs, name, cases }));
  });

  private readonly enum = this.RULE('enum', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    this.CONSUME(T.Enum);
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.LBrace);
    const cases = this.listTail(T.RBrace, 1, (cdocs) => {
      const cname = this.SUBRULE2(this.id);
      return this.ACTION((): A.EnumCase => ({ kind: 'EnumCase', span: cname.span, docs: cdocs, name: cname }));
    });
    return this.ACTION((): A.Enum => ({ kind: 'Enum', span: this.spanFrom(start), docs, attributes: attrs, name, cases }));
  });

  /** `resource name;` or `resource name { members }`. */
  private readonly resource = this.RULE('resource', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const REC = this.RECORDING_PHASE;
    this.CONSUME(T.Resource);
    const name = this.SUBRULE(this.id);
    let members: A.ResourceMember[] | undefined;
    const hasBody = REC || this.LA(1).tokenType === T.LBrace;
    if (hasBody) {
      this.CONSUME(T.LBrace);
      const list: A.ResourceMember[] = [];
      this.bodyLoop(T.RBrace, resourceSync, (mdocs, mstart) => {
        const mattrs = this.SUBRULE(this.attributes);
        const args = { ARGS: [mdocs, mattrs, mstart] as [A.Docs | undefined, Attrs, number] };
        const m = this.OR<A.ResourceMember>({
          DEF: [
            { ALT: () => this.SUBRULE(this.constructorItem, args) },
            { ALT: () => this.SUBRULE(this.method, args) },
          ],
          ERR_MSG: '`constructor` or identifier',
        });
        this.ACTION(() => list.push(m));
      });
      this.CONSUME(T.RBrace);
      members = list;
    }
    if (REC || !hasBody) this.CONSUME(T.Semicolon);
    return this.ACTION((): A.Resource => ({ kind: 'Resource', span: this.spanFrom(start), docs, attributes: attrs, name, members }));
  });

  private readonly constructorItem = this.RULE('constructorItem', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const kw = this.CONSUME(T.Constructor);
    const params = this.SUBRULE(this.params);
    let result: A.TypeExpr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.RArrow);
      result = this.SUBRULE(this.typeExpr);
    });
    this.CONSUME(T.Semicolon);
    return this.ACTION((): A.Constructor => ({
      kind: 'Constructor',
      span: this.spanFrom(start),
      docs,
      attributes: attrs,
      keyword: this.tokSpan(kw),
      params,
      result,
    }));
  });

  private readonly method = this.RULE('method', (docs: A.Docs | undefined, attrs: Attrs, start: number) => {
    const name = this.SUBRULE(this.id);
    this.CONSUME(T.Colon);
    let isStatic = false;
    this.OPTION(() => {
      this.CONSUME(T.Static);
      isStatic = true;
    });
    const func = this.SUBRULE(this.funcType);
    this.CONSUME(T.Semicolon);
    return this.ACTION((): A.Method => ({ kind: 'Method', span: this.spanFrom(start), docs, attributes: attrs, name, static: isStatic, func }));
  });

  // -------------------------------------------------------------------------------------------------------------
  // Type expressions

  private readonly typeExpr = this.RULE('typeExpr', (): A.TypeExpr => {
    const REC = this.RECORDING_PHASE;
    if (!REC && this.typeDepth >= MAX_DEPTH) {
      this.abandon(Codes.NestingTooDeep, 'type nesting too deep', this.tokSpan(this.LA(1)));
    }
    this.typeDepth++;
    const t = this.OR<A.TypeExpr>({
      DEF: [
        {
          ALT: () => {
            const tok = this.CONSUME(T.PrimitiveKw);
            return this.ACTION((): A.PrimitiveType => ({ kind: 'Primitive', span: this.tokSpan(tok), name: tok.image as A.PrimitiveName }));
          },
        },
        {
          ALT: () => {
            const name = this.SUBRULE(this.id);
            return this.ACTION((): A.NamedType => ({ kind: 'Named', span: name.span, name }));
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
    this.typeDepth--;
    return t;
  });

  /** `list<T>` or `list<T, N>` */
  private readonly listType = this.RULE('listType', (): A.ListType => {
    const kw = this.CONSUME(T.List);
    this.CONSUME(T.LAngle);
    const element = this.SUBRULE(this.typeExpr);
    let length: { value: number; span: Span } | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      const n = this.CONSUME(T.Integer);
      length = this.ACTION(() => this.listLength(n));
    });
    this.CONSUME(T.RAngle);
    return this.ACTION(() => ({ kind: 'List' as const, span: this.spanFrom(kw.startOffset), element, length }));
  });

  private readonly tupleType = this.RULE('tupleType', (): A.TupleType => {
    const kw = this.CONSUME(T.Tuple);
    this.CONSUME(T.LAngle);
    const types = this.listTail(T.RAngle, 1, () => this.SUBRULE(this.typeExpr));
    return this.ACTION(() => ({ kind: 'Tuple' as const, span: this.spanFrom(kw.startOffset), types }));
  });

  private readonly optionType = this.RULE('optionType', (): A.OptionType => {
    const kw = this.CONSUME(T.Option_);
    this.CONSUME(T.LAngle);
    const inner = this.SUBRULE(this.typeExpr);
    this.CONSUME(T.RAngle);
    return this.ACTION(() => ({ kind: 'Option' as const, span: this.spanFrom(kw.startOffset), inner }));
  });

  /** `result`, `result<T>`, `result<_, E>`, `result<T, E>` */
  private readonly resultType = this.RULE('resultType', (): A.ResultType => {
    const kw = this.CONSUME(T.Result_);
    let ok: A.TypeExpr | undefined;
    let err: A.TypeExpr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LAngle);
      this.OR({
        DEF: [
          {
            ALT: () => {
              this.CONSUME(T.Underscore);
              this.CONSUME(T.Comma);
              err = this.SUBRULE(this.typeExpr);
            },
          },
          {
            ALT: () => {
              ok = this.SUBRULE2(this.typeExpr);
              this.OPTION2(() => {
                this.CONSUME2(T.Comma);
                err = this.SUBRULE3(this.typeExpr);
              });
            },
          },
        ],
        ERR_MSG: 'a type',
      });
      this.CONSUME(T.RAngle);
    });
    return this.ACTION(() => ({ kind: 'Result' as const, span: this.spanFrom(kw.startOffset), ok, err }));
  });

  private readonly mapType = this.RULE('mapType', (): A.MapType => {
    const kw = this.CONSUME(T.Map_);
    this.CONSUME(T.LAngle);
    const key = this.SUBRULE(this.typeExpr);
    this.CONSUME(T.Comma);
    const value = this.SUBRULE2(this.typeExpr);
    this.CONSUME(T.RAngle);
    return this.ACTION(() => ({ kind: 'Map' as const, span: this.spanFrom(kw.startOffset), key, value }));
  });

  /** `future[<T>]`, `stream[<T>]` */
  private readonly payloadType = this.RULE('payloadType', (): A.FutureType | A.StreamType => {
    const kw = this.OR<IToken>([{ ALT: () => this.CONSUME(T.Future) }, { ALT: () => this.CONSUME(T.Stream) }]);
    let payload: A.TypeExpr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LAngle);
      payload = this.SUBRULE(this.typeExpr);
      this.CONSUME(T.RAngle);
    });
    return this.ACTION(() => ({
      kind: kw.tokenType === T.Future ? ('Future' as const) : ('Stream' as const),
      span: this.spanFrom(kw.startOffset),
      payload,
    }));
  });

  /** `own<r>`, `borrow<r>` */
  private readonly handleType = this.RULE('handleType', (): A.HandleType => {
    const kw = this.OR<IToken>([{ ALT: () => this.CONSUME(T.Own) }, { ALT: () => this.CONSUME(T.Borrow) }]);
    this.CONSUME(T.LAngle);
    const resource = this.SUBRULE(this.id);
    this.CONSUME(T.RAngle);
    return this.ACTION(() => ({
      kind: 'Handle' as const,
      span: this.spanFrom(kw.startOffset),
      handle: kw.tokenType === T.Own ? ('own' as const) : ('borrow' as const),
      resource,
    }));
  });

  // -------------------------------------------------------------------------------------------------------------
  // Attributes, versions, identifiers

  private readonly attributes = this.RULE('attributes', (): A.Attribute[] => {
    const out: A.Attribute[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.attribute);
      this.ACTION(() => out.push(a));
    });
    return out;
  });

  /** `@since(version = v)`, `@deprecated(version = v)`, `@unstable(feature = f)`, `@external-id("…")` */
  private readonly attribute = this.RULE('attribute', (): A.Attribute => {
    const REC = this.RECORDING_PHASE;
    const at = this.CONSUME(T.At);
    const name = this.SUBRULE(this.id);
    const which = REC ? '' : name.name;
    if (!REC && which !== 'since' && which !== 'deprecated' && which !== 'unstable' && which !== 'external-id') {
      this.abandon(Codes.InvalidAttribute, `unknown attribute \`${which}\``, name.span);
    }
    this.CONSUME(T.LParen);
    let version: A.Version | undefined;
    let feature: A.Id | undefined;
    let value: string | undefined;
    if (REC || which === 'since' || which === 'deprecated') {
      this.attrKey(this.SUBRULE2(this.id), 'version');
      this.CONSUME(T.Equals);
      version = this.SUBRULE(this.version);
    }
    if (REC || which === 'unstable') {
      this.attrKey(this.SUBRULE3(this.id), 'feature');
      this.CONSUME2(T.Equals);
      feature = this.SUBRULE4(this.id);
    }
    if (REC || which === 'external-id') {
      const s = this.CONSUME(T.StringLiteral) as Token;
      value = REC ? '' : (s.payload ?? '');
    }
    this.CONSUME(T.RParen);
    return this.ACTION((): A.Attribute => {
      const span = this.spanFrom(at.startOffset);
      if (which === 'unstable') return { kind: 'Unstable', span, feature: feature! };
      if (which === 'external-id') return { kind: 'ExternalId', span, value: value! };
      return { kind: which === 'since' ? 'Since' : 'Deprecated', span, version: version! };
    });
  });

  /** `1.2.3[-pre][+build]`, validated like the `semver` crate. */
  private readonly version = this.RULE('version', (): A.Version => {
    const REC = this.RECORDING_PHASE;
    const first = this.CONSUME(T.Integer);
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
    return this.ACTION(() => this.makeVersion(first.startOffset));
  });

  /** A name: `foo` or `%foo` (kebab-case checked here, where wit-parser checks it). */
  private readonly id = this.RULE('id', (): A.Id => {
    const tok = this.CONSUME(T.Identifier) as Token;
    return this.ACTION(() => this.makeId(tok));
  });
}
