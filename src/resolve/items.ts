/**
 * The model items the resolver creates in bulk (type definitions, functions, record fields, variant and enum cases,
 * flags), as classes whose `docs` is computed on first read. A load keeps each item's parsed doc comments and turns
 * them into text only when someone asks (the JSON, bindings, hovers); `witc check` never does. To a reader `docs` is
 * an ordinary property (a getter, with a setter), so these classes implement the plain interfaces of `model.ts`.
 *
 * Note: object spread (`{ ...item }`) does not copy a getter; copy items with their constructors (include.ts does).
 */
import type { Docs } from '../syntax/ast.js';
import type { Span } from '../text/source.js';
import { docsText } from './docs.js';
import type { Case, EnumCase, Field, Flag, Func, FunctionKind, Param, Stability, Type, TypeDef, TypeDefKind, TypeOwner } from './model.js';

/** Doc comments not yet turned into text, the text, or none. */
export type DocsSource = Docs | string | undefined;

export class TypeDefItem implements TypeDef {
  #docs: DocsSource;
  constructor(
    public name: string | null,
    public kind: TypeDefKind,
    public owner: TypeOwner,
    docs: DocsSource,
    public stability: Stability | undefined,
    public externalId: string | undefined,
    public span: Span | undefined,
  ) {
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

export class FuncItem implements Func {
  #docs: DocsSource;
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

export class FieldItem implements Field {
  #docs: DocsSource;
  constructor(
    public name: string,
    public type: Type,
    docs: DocsSource,
    public span: Span | undefined,
  ) {
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

/** A variant case (`type` is `null` for a case without payload). */
export class CaseItem implements Case {
  #docs: DocsSource;
  constructor(
    public name: string,
    public type: Type | null,
    docs: DocsSource,
    public span: Span | undefined,
  ) {
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

/** A flag or an enum case. */
export class NameItem implements Flag, EnumCase {
  #docs: DocsSource;
  constructor(
    public name: string,
    docs: DocsSource,
  ) {
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
