/**
 * The AST printer: walks a parsed file in source order and builds a layout document (./doc.ts). The AST decides
 * the layout; the text comes from the tokens (./tokens.ts), which also place every comment. Each `tok()` call
 * prints the next source token, so the printer emits the input's tokens in their order (trailing commas aside: the
 * canonical style adds them to broken lists and block bodies and drops them from flat lists).
 */
import type * as A from '../syntax/ast.js';
import { group, hardline, ifBreak, indent, line, softline, type Doc } from './doc.js';
import { FormatBug, TokenCursor } from './tokens.js';

type Body<T> = readonly T[];

export class AstPrinter {
  constructor(private readonly c: TokenCursor) {}

  /** The whole file: header, items separated by one blank line, comments after the last item. */
  file(f: A.File): Doc {
    const top: (A.PackageDecl | A.TopLevelItem)[] = [...f.items];
    if (f.package) top.push(f.package);
    top.sort((a, b) => a.span.start - b.span.start);
    const parts: Doc[] = [];
    top.forEach((item, i) => {
      if (i > 0) parts.push(hardline, hardline);
      parts.push(this.topItem(item));
    });
    parts.push(this.c.dangling());
    if (!this.c.atEnd) throw new FormatBug(`unprinted token '${this.c.peek()}'`);
    return parts;
  }

  private topItem(item: A.PackageDecl | A.TopLevelItem | A.Interface | A.World | A.TopLevelUse): Doc {
    const c = this.c;
    switch (item.kind) {
      case 'PackageDecl':
        return [this.attrs(item.attributes), c.tok('package'), ' ', c.tight(item.name.span.end), c.tok(';')];
      case 'NestedPackage':
        return [
          this.attrs(item.attributes),
          c.tok('package'),
          ' ',
          c.tight(item.name.span.end),
          ' ',
          this.body(item.items, (i) => this.topItem(i), true),
        ];
      case 'TopLevelUse':
        return [this.attrs(item.attributes), c.tok('use'), ' ', this.path(item.path), this.as(item.as), c.tok(';')];
      case 'Interface':
        return [
          this.attrs(item.attributes),
          c.tok('interface'),
          ' ',
          c.tok(),
          ' ',
          this.body(item.items, (i) => this.interfaceItem(i)),
        ];
      case 'World':
        return [this.attrs(item.attributes), c.tok('world'), ' ', c.tok(), ' ', this.body(item.items, (i) => this.worldItem(i))];
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Bodies and lists

  /**
   * `{ items }`: one item per line, indented; a blank line between items where the input had one (always when
   * `blankLines`); `{}` when empty.
   */
  private body<T>(items: Body<T>, print: (item: T) => Doc, blankLines = false): Doc {
    const c = this.c;
    const open = c.tok('{');
    if (items.length === 0 && !c.hasOwnLine()) return [open, c.tok('}')];
    const inner: Doc[] = [];
    items.forEach((item, i) => {
      inner.push(hardline);
      if (i > 0 && (blankLines || c.blankBefore())) inner.push(hardline);
      inner.push(print(item));
    });
    inner.push(items.length === 0 ? c.dangling(false) : c.dangling());
    return [open, indent(inner), hardline, c.tok('}')];
  }

  /** `{ a, b, }` of records, flags, variants and enums: one element per line, each followed by a comma. */
  private commaBody<T>(items: Body<T>, print: (item: T) => Doc): Doc {
    const c = this.c;
    const open = c.tok('{');
    if (items.length === 0 && !c.hasOwnLine()) return [open, c.tok('}')];
    const inner: Doc[] = [];
    items.forEach((item, i) => {
      inner.push(hardline);
      if (i > 0 && c.blankBefore()) inner.push(hardline);
      inner.push(print(item));
      if (c.peek() === ',') inner.push(c.tok(','));
      else inner.push(c.afterLast(','));
    });
    inner.push(items.length === 0 ? c.dangling(false) : c.dangling());
    return [open, indent(inner), hardline, c.tok('}')];
  }

  /**
   * A list that stays on one line when it fits (`(a: u32, b: u32)`, `.{a, b}`, `with { a as b }`) and otherwise
   * puts one element per line with a trailing comma. `spaced` puts spaces inside the brackets.
   */
  private inlineList<T>(open: string, close: string, items: Body<T>, print: (item: T) => Doc, spaced = false): Doc {
    const c = this.c;
    const o = c.tok(open);
    if (items.length === 0) return c.hasOwnLine() ? [o, indent(c.dangling(false)), hardline, c.tok(close)] : [o, c.tok(close)];
    const parts: Doc[] = [];
    items.forEach((item, i) => {
      parts.push(print(item));
      const last = i === items.length - 1;
      if (c.peek() === ',') parts.push(last ? c.drop(',', ifBreak(',')) : [c.tok(','), line]);
      else if (last) parts.push(c.afterLast(ifBreak(',')));
    });
    parts.push(c.dangling());
    const sep = spaced ? line : softline;
    return group([o, indent([sep, parts]), sep, c.tok(close)]);
  }

  /** `<a, b>` of tuples: always on one line, no trailing comma. */
  private typeList(items: Body<A.TypeExpr>): Doc {
    const c = this.c;
    const parts: Doc[] = [c.tok('<')];
    items.forEach((t, i) => {
      parts.push(this.type(t));
      if (c.peek() === ',') parts.push(i === items.length - 1 ? c.drop(',') : [c.tok(','), ' ']);
    });
    parts.push(c.tok('>'));
    return parts;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Interfaces, worlds, uses

  private interfaceItem(item: A.InterfaceItem): Doc {
    switch (item.kind) {
      case 'Use':
        return this.use(item);
      case 'FuncItem':
        return [this.attrs(item.attributes), this.c.tok(), this.c.tok(':'), ' ', this.func(item.func), this.c.tok(';')];
      default:
        return this.typeDef(item);
    }
  }

  private worldItem(item: A.WorldItem): Doc {
    const c = this.c;
    switch (item.kind) {
      case 'Import':
      case 'Export':
        return [this.attrs(item.attributes), c.tok(), ' ', this.extern(item.item)];
      case 'Include': {
        const head = [this.attrs(item.attributes), c.tok('include'), ' ', this.path(item.path)];
        if (c.peek() !== 'with') return [head, c.tok(';')];
        const withKw = c.tok('with');
        const names = this.inlineList('{', '}', item.with, () => [c.tok(), ' ', c.tok('as'), ' ', c.tok()], true);
        return [head, ' ', withKw, ' ', names];
      }
      case 'Use':
        return this.use(item);
      default:
        return this.typeDef(item);
    }
  }

  private extern(e: A.ExternItem): Doc {
    const c = this.c;
    switch (e.kind) {
      case 'ExternPath':
        return [this.path(e.path), c.tok(';')];
      case 'ExternFunc':
        return [c.tok(), c.tok(':'), ' ', this.func(e.func), c.tok(';')];
      case 'ExternInterface':
        return [c.tok(), c.tok(':'), ' ', c.tok('interface'), ' ', this.body(e.items, (i) => this.interfaceItem(i))];
      case 'ExternImplements':
        return [c.tok(), c.tok(':'), ' ', this.path(e.path), c.tok(';')];
    }
  }

  private use(u: A.Use): Doc {
    const c = this.c;
    const head = [this.attrs(u.attributes), c.tok('use'), ' ', this.path(u.path), c.tok('.')];
    const names = this.inlineList('{', '}', u.names, (n) => [c.tok(), this.as(n.as)]);
    return [head, names, c.tok(';')];
  }

  private as(id: A.Id | undefined): Doc {
    return id ? [' ', this.c.tok('as'), ' ', this.c.tok()] : '';
  }

  private path(p: A.UsePath): Doc {
    return this.c.tight(p.span.end);
  }

  private attrs(attributes: readonly A.Attribute[]): Doc {
    const c = this.c;
    return attributes.map((a) => {
      const head = [c.tok('@'), c.tok(), c.tok('(')];
      let args: Doc;
      if (a.kind === 'ExternalId') args = c.tok();
      else {
        const key = [c.tok(), ' ', c.tok('='), ' '];
        args = [key, a.kind === 'Unstable' ? c.tok() : c.tight(a.version.span.end)];
      }
      return [head, args, c.tok(')'), hardline];
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Functions and type definitions

  private func(f: A.FuncType): Doc {
    const c = this.c;
    const asyncKw = f.async ? [c.tok('async'), ' '] : '';
    return [asyncKw, c.tok('func'), this.params(f.params), this.result(f.result)];
  }

  private params(params: readonly A.Param[]): Doc {
    const c = this.c;
    return this.inlineList('(', ')', params, (p) => [c.tok(), c.tok(':'), ' ', this.type(p.type)]);
  }

  private result(t: A.TypeExpr | undefined): Doc {
    return t ? [' ', this.c.tok('->'), ' ', this.type(t)] : '';
  }

  private typeDef(d: A.TypeDef): Doc {
    const c = this.c;
    const attrs = this.attrs(d.attributes);
    switch (d.kind) {
      case 'TypeAlias':
        return [attrs, c.tok('type'), ' ', c.tok(), ' ', c.tok('='), ' ', this.type(d.type), c.tok(';')];
      case 'Record':
        return [attrs, c.tok('record'), ' ', c.tok(), ' ', this.commaBody(d.fields, (f) => [c.tok(), c.tok(':'), ' ', this.type(f.type)])];
      case 'Flags':
        return [attrs, c.tok('flags'), ' ', c.tok(), ' ', this.commaBody(d.flags, () => c.tok())];
      case 'Enum':
        return [attrs, c.tok('enum'), ' ', c.tok(), ' ', this.commaBody(d.cases, () => c.tok())];
      case 'Variant':
        return [attrs, c.tok('variant'), ' ', c.tok(), ' ', this.commaBody(d.cases, (k) => this.variantCase(k))];
      case 'Resource': {
        const head = [attrs, c.tok('resource'), ' ', c.tok()];
        if (d.members === undefined) return [head, c.tok(';')];
        return [head, ' ', this.body(d.members, (m) => this.member(m))];
      }
    }
  }

  private variantCase(k: A.VariantCase): Doc {
    const c = this.c;
    return k.type ? [c.tok(), c.tok('('), this.type(k.type), c.tok(')')] : c.tok();
  }

  private member(m: A.ResourceMember): Doc {
    const c = this.c;
    const attrs = this.attrs(m.attributes);
    if (m.kind === 'Constructor') {
      return [attrs, c.tok('constructor'), this.params(m.params), this.result(m.result), c.tok(';')];
    }
    const head = [attrs, c.tok(), c.tok(':'), ' '];
    const staticKw = m.static ? [c.tok('static'), ' '] : '';
    return [head, staticKw, this.func(m.func), c.tok(';')];
  }

  // -------------------------------------------------------------------------------------------------------------
  // Type expressions (always on one line, unless a comment needs a line break)

  private type(t: A.TypeExpr): Doc {
    const c = this.c;
    switch (t.kind) {
      case 'Primitive':
      case 'Named':
        return c.tok();
      case 'List': {
        const head = [c.tok('list'), c.tok('<'), this.type(t.element)];
        const len = t.length ? [c.tok(','), ' ', c.tok()] : '';
        return [head, len, c.tok('>')];
      }
      case 'Option':
        return [c.tok('option'), c.tok('<'), this.type(t.inner), c.tok('>')];
      case 'Result': {
        const kw = c.tok('result');
        if (c.peek() !== '<') return kw;
        const open = c.tok('<');
        const ok = t.ok ? this.type(t.ok) : c.tok('_');
        const err = t.err ? [c.tok(','), ' ', this.type(t.err)] : '';
        return [kw, open, ok, err, c.tok('>')];
      }
      case 'Tuple':
        return [c.tok('tuple'), this.typeList(t.types)];
      case 'Map':
        return [c.tok('map'), c.tok('<'), this.type(t.key), c.tok(','), ' ', this.type(t.value), c.tok('>')];
      case 'Future':
      case 'Stream': {
        const kw = c.tok();
        if (t.payload === undefined) return kw;
        return [kw, c.tok('<'), this.type(t.payload), c.tok('>')];
      }
      case 'Handle':
        return [c.tok(), c.tok('<'), c.tok(), c.tok('>')];
    }
  }
}
