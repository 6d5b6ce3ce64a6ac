/**
 * The model items the resolver creates in bulk (type definitions, functions, record fields, variant and enum cases,
 * flags). An item with doc comments is an instance of a class here whose `docs` is computed on first read: a load
 * keeps the parsed comments and turns them into text only when someone asks (the JSON, bindings, hovers); `witc
 * check` never does. To a reader `docs` is an ordinary property (a getter, with a setter), so these classes
 * implement the plain interfaces of `model.ts`. An item without docs is a plain object made by the factory
 * functions below (one object literal each): V8 allocates objects of a literal site directly in the old generation
 * once it sees that they survive, which class instances do not get, and most items have no docs.
 *
 * Note: object spread (`{ ...item }`) does not copy a getter; copy items with the factories (include.ts does).
 */
import type { Docs } from '../syntax/ast.js';
import type { Span } from '../text/source.js';
import { docsText } from './docs.js';
import type { Case, EnumCase, Field, Flag, Func, FunctionKind, Param, Stability, Type, TypeDef, TypeDefKind, TypeOwner } from './model.js';

/** Doc comments not yet turned into text, the text, or none. */
export type DocsSource = Docs | string | undefined;

/**
 * What the documented items share: `docs` is the doc comments until first read, then their text (or whatever was
 * assigned).
 */
abstract class Documented {
  #docs: DocsSource;
  constructor(docs: DocsSource) {
    this.#docs = docs;
  }
  get docs(): string | undefined {
    const d = this.#docs;
    return typeof d === 'object' ? (this.#docs = docsText(d)) : d;
  }
  set docs(value: string | undefined) {
    this.#docs = value;
  }
}

export class TypeDefItem extends Documented implements TypeDef {
  constructor(
    public name: string | null,
    public kind: TypeDefKind,
    public owner: TypeOwner,
    docs: DocsSource,
    public stability: Stability | undefined,
    public externalId: string | undefined,
    public span: Span | undefined,
  ) {
    super(docs);
  }
}

export class FuncItem extends Documented implements Func {
  constructor(
    public name: string,
    public kind: FunctionKind,
    public params: Param[],
    public result: Type | undefined,
    docs: DocsSource,
    public stability: Stability | undefined,
    public externalId: string | undefined,
    public span: Span | undefined,
  ) {
    super(docs);
  }
}

export class FieldItem extends Documented implements Field {
  constructor(
    public name: string,
    public type: Type,
    docs: DocsSource,
    public span: Span | undefined,
  ) {
    super(docs);
  }
}

/** A variant case (`type` is `null` for a case without payload). */
export class CaseItem extends Documented implements Case {
  constructor(
    public name: string,
    public type: Type | null,
    docs: DocsSource,
    public span: Span | undefined,
  ) {
    super(docs);
  }
}

/** A flag or an enum case. */
export class NameItem extends Documented implements Flag, EnumCase {
  constructor(
    public name: string,
    docs: DocsSource,
  ) {
    super(docs);
  }
}

/**
 * A type definition: a plain object when it has no docs (most: every anonymous type), else a `TypeDefItem`. Plain
 * objects are created at one literal site, which V8 can allocate directly in the old generation once it sees they
 * all survive (class instances do not get that).
 */
export function typeDefItem(
  name: string | null,
  kind: TypeDefKind,
  owner: TypeOwner,
  docs: DocsSource,
  stability: Stability | undefined,
  externalId: string | undefined,
  span: Span | undefined,
): TypeDef {
  if (docs === undefined) return { name, kind, owner, docs, stability, externalId, span };
  return new TypeDefItem(name, kind, owner, docs, stability, externalId, span);
}

/** A function: a plain object when it has no docs, else a `FuncItem` (see `typeDefItem`). */
export function funcItem(
  name: string,
  kind: FunctionKind,
  params: Param[],
  result: Type | undefined,
  docs: DocsSource,
  stability: Stability | undefined,
  externalId: string | undefined,
  span: Span | undefined,
): Func {
  if (docs === undefined) return { name, kind, params, result, docs, stability, externalId, span };
  return new FuncItem(name, kind, params, result, docs, stability, externalId, span);
}

/** A record field: a plain object when it has no docs, else a `FieldItem` (see `typeDefItem`). */
export function fieldItem(name: string, type: Type, docs: DocsSource, span: Span | undefined): Field {
  return docs === undefined ? { name, type, docs, span } : new FieldItem(name, type, docs, span);
}

/** A variant case: a plain object when it has no docs, else a `CaseItem` (see `typeDefItem`). */
export function caseItem(name: string, type: Type | null, docs: DocsSource, span: Span | undefined): Case {
  return docs === undefined ? { name, type, docs, span } : new CaseItem(name, type, docs, span);
}

/** A flag or an enum case: a plain object when it has no docs, else a `NameItem` (see `typeDefItem`). */
export function nameItem(name: string, docs: DocsSource): Flag & EnumCase {
  return docs === undefined ? { name, docs } : new NameItem(name, docs);
}
