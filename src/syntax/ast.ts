/**
 * The WIT abstract syntax tree: one tree per file, plain readonly data with no semantic information.
 *
 * Every node has a `kind` (the discriminant) and a `span` (UTF-16 offsets into its `Source`; see src/text).
 * The commonest nodes are their own span: identifiers, types, parameters, fields, variant cases, functions and
 * methods get `source`, `start` and `end` fields from the parser, and `node.span === node`. That saves one object
 * per node (a third of a tree's objects). Code that walks a tree generically must therefore not descend into `span`,
 * and must not expect a span to be a separate object.
 * Node and field names follow the productions of grammar/wit.ebnf. Trees built during error recovery can have
 * missing parts: a missing identifier is an `Id` with `name: ''` and `missing: true` and a zero-width span; nodes
 * the parser had to patch up carry `recovered: true`. Consumers that need a fully valid tree check the parse
 * diagnostics first.
 */
import type { Source, Span } from '../text/source.js';
import type { Token } from './tokens.js';

export interface NodeBase {
  readonly kind: string;
  readonly span: Span;
  readonly recovered?: true;
}

// ---------------------------------------------------------------------------------------------------------------
// Leaves

/** An identifier. `name` is the identifier without a leading `%`; `escaped` is true when written as `%name`. */
export interface Id extends NodeBase {
  readonly kind: 'Id';
  readonly name: string;
  readonly escaped: boolean;
  readonly missing?: true;
}

/** A semantic version as written (`1.0.0-rc.1+build`). */
export interface Version extends NodeBase {
  readonly kind: 'Version';
  readonly text: string;
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers joined by '.', '' when absent. */
  readonly pre: string;
  /** Build metadata joined by '.', '' when absent. */
  readonly build: string;
}

/**
 * The comments that precede an item and so become its documentation (wit-parser collects every comment, see
 * ../syntax/docs.ts `docsContents` for the normalisation that produces the text).
 */
export interface Docs {
  readonly span: Span;
  readonly comments: readonly Token[];
}

// ---------------------------------------------------------------------------------------------------------------
// Attributes (feature gates and external ids)

export type Attribute = SinceAttr | UnstableAttr | DeprecatedAttr | ExternalIdAttr;

/** `@since(version = 1.2.3)` */
export interface SinceAttr extends NodeBase {
  readonly kind: 'Since';
  readonly version: Version;
}
/** `@unstable(feature = name)` */
export interface UnstableAttr extends NodeBase {
  readonly kind: 'Unstable';
  readonly feature: Id;
}
/** `@deprecated(version = 1.2.3)` */
export interface DeprecatedAttr extends NodeBase {
  readonly kind: 'Deprecated';
  readonly version: Version;
}
/** `@external-id("…")`; `value` is the decoded string. */
export interface ExternalIdAttr extends NodeBase {
  readonly kind: 'ExternalId';
  readonly value: string;
}

/** Fields shared by every item that can carry docs and attributes. */
export interface ItemBase extends NodeBase {
  readonly docs: Docs | undefined;
  readonly attributes: readonly Attribute[];
}

// ---------------------------------------------------------------------------------------------------------------
// Files and packages

/** One parsed `.wit` file. */
export interface File extends NodeBase {
  readonly kind: 'File';
  readonly source: Source;
  /** The `package ns:name@ver;` header, if the file has one. */
  readonly package: PackageDecl | undefined;
  /** Top-level items in source order. */
  readonly items: readonly TopLevelItem[];
  /**
   * Every significant token (comments and whitespace excluded), in order. Made from the lexer's compact
   * `TokenList` when first read (checking a file never reads it).
   */
  readonly tokens: readonly Token[];
  /** Every comment token, in order (whitespace is the gaps between tokens and comments). */
  readonly comments: readonly Token[];
}

/** `ns:name` with an optional `@version`. */
export interface PackageName extends NodeBase {
  readonly kind: 'PackageName';
  readonly namespace: Id;
  readonly name: Id;
  readonly version: Version | undefined;
}

/** The `package ns:name[@ver];` header of a file. */
export interface PackageDecl extends ItemBase {
  readonly kind: 'PackageDecl';
  readonly name: PackageName;
}

export type TopLevelItem = Interface | World | TopLevelUse | NestedPackage;

/** `package ns:name[@ver] { … }` at the top level of a file. */
export interface NestedPackage extends ItemBase {
  readonly kind: 'NestedPackage';
  readonly name: PackageName;
  readonly items: readonly (Interface | World | TopLevelUse)[];
}

/** `use path [as name];` at the top level of a file or nested package. */
export interface TopLevelUse extends ItemBase {
  readonly kind: 'TopLevelUse';
  readonly path: UsePath;
  readonly as: Id | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

/** A reference to an interface or world: a local name, or `ns:pkg/name[@version]`. */
export type UsePath = LocalPath | PackagePath;

export interface LocalPath extends NodeBase {
  readonly kind: 'LocalPath';
  readonly name: Id;
}

/** `ns:pkg/name@1.0.0` — the version is written after the item name but belongs to the package. */
export interface PackagePath extends NodeBase {
  readonly kind: 'PackagePath';
  readonly namespace: Id;
  readonly package: Id;
  readonly name: Id;
  readonly version: Version | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Interfaces and worlds

export interface Interface extends ItemBase {
  readonly kind: 'Interface';
  readonly name: Id;
  readonly items: readonly InterfaceItem[];
}

export type InterfaceItem = Use | TypeDef | FuncItem;

export interface World extends ItemBase {
  readonly kind: 'World';
  readonly name: Id;
  readonly items: readonly WorldItem[];
}

export type WorldItem = Import | Export | Include | Use | TypeDef;

/** `import …;` in a world. */
export interface Import extends ItemBase {
  readonly kind: 'Import';
  readonly item: ExternItem;
}

/** `export …;` in a world. */
export interface Export extends ItemBase {
  readonly kind: 'Export';
  readonly item: ExternItem;
}

/** What follows `import` / `export`. */
export type ExternItem = ExternPath | ExternFunc | ExternInterface | ExternImplements;

/** `import foo;`, `import ns:pkg/foo@1.0.0;` */
export interface ExternPath extends NodeBase {
  readonly kind: 'ExternPath';
  readonly path: UsePath;
}

/** `import name: [async] func(…) [-> T];` */
export interface ExternFunc extends NodeBase {
  readonly kind: 'ExternFunc';
  readonly name: Id;
  readonly func: FuncType;
}

/** `import name: interface { … }` */
export interface ExternInterface extends NodeBase {
  readonly kind: 'ExternInterface';
  readonly name: Id;
  readonly items: readonly InterfaceItem[];
}

/** `import label: path;` — a plain-named import that implements a named interface. */
export interface ExternImplements extends NodeBase {
  readonly kind: 'ExternImplements';
  readonly label: Id;
  readonly path: UsePath;
}

/** `include path [with { a as b, … }]` */
export interface Include extends ItemBase {
  readonly kind: 'Include';
  readonly path: UsePath;
  readonly with: readonly IncludeName[];
}

export interface IncludeName extends NodeBase {
  readonly kind: 'IncludeName';
  readonly name: Id;
  readonly as: Id;
}

/** `use path.{a, b as c};` inside an interface or world. */
export interface Use extends ItemBase {
  readonly kind: 'Use';
  readonly path: UsePath;
  readonly names: readonly UseName[];
}

export interface UseName extends NodeBase {
  readonly kind: 'UseName';
  readonly name: Id;
  readonly as: Id | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Functions

/** `name: [async] func(…) [-> T];` inside an interface. */
export interface FuncItem extends ItemBase {
  readonly kind: 'FuncItem';
  readonly name: Id;
  readonly func: FuncType;
}

export interface FuncType extends NodeBase {
  readonly kind: 'FuncType';
  readonly async: boolean;
  readonly params: readonly Param[];
  readonly result: TypeExpr | undefined;
}

export interface Param extends NodeBase {
  readonly kind: 'Param';
  readonly name: Id;
  readonly type: TypeExpr;
}

// ---------------------------------------------------------------------------------------------------------------
// Type definitions

export type TypeDef = TypeAlias | Record | Flags | Variant | Enum | Resource;

/** `type name = T;` */
export interface TypeAlias extends ItemBase {
  readonly kind: 'TypeAlias';
  readonly name: Id;
  readonly type: TypeExpr;
}

export interface Record extends ItemBase {
  readonly kind: 'Record';
  readonly name: Id;
  readonly fields: readonly Field[];
}

export interface Field extends NodeBase {
  readonly kind: 'Field';
  readonly docs: Docs | undefined;
  readonly name: Id;
  readonly type: TypeExpr;
}

export interface Flags extends ItemBase {
  readonly kind: 'Flags';
  readonly name: Id;
  readonly flags: readonly Flag[];
}

export interface Flag extends NodeBase {
  readonly kind: 'Flag';
  readonly docs: Docs | undefined;
  readonly name: Id;
}

export interface Variant extends ItemBase {
  readonly kind: 'Variant';
  readonly name: Id;
  readonly cases: readonly VariantCase[];
}

export interface VariantCase extends NodeBase {
  readonly kind: 'VariantCase';
  readonly docs: Docs | undefined;
  readonly name: Id;
  readonly type: TypeExpr | undefined;
}

export interface Enum extends ItemBase {
  readonly kind: 'Enum';
  readonly name: Id;
  readonly cases: readonly EnumCase[];
}

export interface EnumCase extends NodeBase {
  readonly kind: 'EnumCase';
  readonly docs: Docs | undefined;
  readonly name: Id;
}

/** `resource name;` (members undefined) or `resource name { … }`. */
export interface Resource extends ItemBase {
  readonly kind: 'Resource';
  readonly name: Id;
  readonly members: readonly ResourceMember[] | undefined;
}

export type ResourceMember = Constructor | Method;

/** `constructor(params) [-> result<r, e>];` */
export interface Constructor extends ItemBase {
  readonly kind: 'Constructor';
  /** The `constructor` keyword (for locations). */
  readonly keyword: Span;
  readonly params: readonly Param[];
  readonly result: TypeExpr | undefined;
}

/** `name: [static] [async] func(…) [-> T];` inside a resource. */
export interface Method extends ItemBase {
  readonly kind: 'Method';
  readonly name: Id;
  readonly static: boolean;
  readonly func: FuncType;
}

// ---------------------------------------------------------------------------------------------------------------
// Type expressions

export type TypeExpr =
  | PrimitiveType
  | NamedType
  | ListType
  | OptionType
  | ResultType
  | TupleType
  | MapType
  | FutureType
  | StreamType
  | HandleType;

export type PrimitiveName =
  | 'bool'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 's8'
  | 's16'
  | 's32'
  | 's64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

export interface PrimitiveType extends NodeBase {
  readonly kind: 'Primitive';
  readonly name: PrimitiveName;
}

/** A reference to a type by name. */
export interface NamedType extends NodeBase {
  readonly kind: 'Named';
  readonly name: Id;
}

/** `list<T>` or the fixed-length `list<T, N>`. */
export interface ListType extends NodeBase {
  readonly kind: 'List';
  readonly element: TypeExpr;
  /** The length of a fixed-length list and the span of its integer token. */
  readonly length: { readonly value: number; readonly span: Span } | undefined;
}

export interface OptionType extends NodeBase {
  readonly kind: 'Option';
  readonly inner: TypeExpr;
}

/** `result`, `result<T>`, `result<_, E>`, `result<T, E>`. */
export interface ResultType extends NodeBase {
  readonly kind: 'Result';
  readonly ok: TypeExpr | undefined;
  readonly err: TypeExpr | undefined;
}

export interface TupleType extends NodeBase {
  readonly kind: 'Tuple';
  readonly types: readonly TypeExpr[];
}

export interface MapType extends NodeBase {
  readonly kind: 'Map';
  readonly key: TypeExpr;
  readonly value: TypeExpr;
}

export interface FutureType extends NodeBase {
  readonly kind: 'Future';
  readonly payload: TypeExpr | undefined;
}

export interface StreamType extends NodeBase {
  readonly kind: 'Stream';
  readonly payload: TypeExpr | undefined;
}

/** `own<r>` / `borrow<r>`. */
export interface HandleType extends NodeBase {
  readonly kind: 'Handle';
  readonly handle: 'own' | 'borrow';
  readonly resource: Id;
}

export type Node =
  | File
  | PackageName
  | PackageDecl
  | NestedPackage
  | TopLevelUse
  | LocalPath
  | PackagePath
  | Interface
  | World
  | Import
  | Export
  | ExternPath
  | ExternFunc
  | ExternInterface
  | ExternImplements
  | Include
  | IncludeName
  | Use
  | UseName
  | FuncItem
  | FuncType
  | Param
  | TypeDef
  | Field
  | Flag
  | VariantCase
  | EnumCase
  | ResourceMember
  | TypeExpr
  | Attribute
  | Id
  | Version;
