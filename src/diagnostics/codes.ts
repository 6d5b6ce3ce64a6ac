/**
 * The registry of diagnostic codes. Codes are stable: never renumber or reuse one; retire a code by leaving it here
 * with a comment. Ranges:
 *   WIT01xx lexical · WIT02xx syntax · WIT03xx names and scopes · WIT04xx types and resources
 *   WIT05xx packages, files and dependencies · WIT06xx feature gates · WIT07xx worlds (imports, exports, include)
 *   WIT08xx bindings generation · WIT09xx tool usage and I/O
 * Each stage adds its codes to its own section only.
 */
export const Codes = {
  // ---- WIT01xx lexical ----------------------------------------------------------------------------------------
  /** A character that cannot start any token (`#`, `$`, a lone `\r`, …). */
  UnexpectedCharacter: 'WIT0101',
  /** `/*` without a matching `*\/`. */
  UnterminatedComment: 'WIT0102',
  /** Identifier that is not valid kebab-case. */
  InvalidIdentifier: 'WIT0103',
  /** Bidirectional override, discouraged or control code point anywhere in the file. */
  ForbiddenCodepoint: 'WIT0104',
  /** Malformed string literal (escape, unterminated, invalid UTF-8). */
  InvalidString: 'WIT0105',
  /** Input is not valid UTF-8. */
  InvalidUtf8: 'WIT0106',

  // ---- WIT02xx syntax ------------------------------------------------------------------------------------------
  /** Generic "expected X, found Y". */
  UnexpectedToken: 'WIT0201',
  /** Type or package nesting deeper than the limit (100). */
  NestingTooDeep: 'WIT0202',
  /** Malformed semantic version. */
  InvalidVersion: 'WIT0203',
  /** Bad fixed-length list size. */
  InvalidListSize: 'WIT0204',
  /** Unknown or malformed attribute (`@foo`, `@since(feature = …)`). */
  InvalidAttribute: 'WIT0205',
  /** Too many syntax errors: the rest of the file was not reported. */
  TooManyErrors: 'WIT0206',
  /** Nested package blocks inside a nested package, or attributes on a nested package. */
  InvalidNestedPackage: 'WIT0207',

  // ---- WIT03xx names and scopes (resolver) ---------------------------------------------------------------------
  /** An interface, world, type or name that does not exist. */
  UnknownName: 'WIT0301',
  /** A name defined twice in one scope (package items, file aliases, interface/world names, params). */
  DuplicateName: 'WIT0302',
  /** An interface, world or type that depends on itself. */
  Cycle: 'WIT0303',
  /** A world where an interface is expected or the reverse; a function used as a type or imported by `use`. */
  WrongKind: 'WIT0304',
  /** Attributes on a top-level `use`. */
  AttributesNotAllowed: 'WIT0305',

  // ---- WIT04xx types and resources (resolver) ------------------------------------------------------------------
  /** `own<T>` / `borrow<T>` of something that is not a resource. */
  HandleNotResource: 'WIT0401',
  /** Two constructors or two members with one name in a resource. */
  DuplicateResourceMember: 'WIT0402',
  /** A constructor result that is not `result<R[, E]>` of its own resource. */
  InvalidConstructorResult: 'WIT0403',
  /** An `enum` or `variant` without cases. */
  EmptyType: 'WIT0404',
  /** A `map` key that is not a primitive scalar or string. */
  InvalidMapKey: 'WIT0405',
  /** A function result that contains `borrow<T>`. */
  BorrowInResult: 'WIT0406',
  /** A `flags` type with more than 32 flags (spec rule; wit-parser leaves it to the binary validator). */
  TooManyFlags: 'WIT0407',
  /** A fixed-length list of length 0 (spec rule; wit-parser leaves it to the binary validator). */
  InvalidListLength: 'WIT0408',

  // ---- WIT05xx packages, files and dependencies (resolver/loader) ----------------------------------------------
  /** No `package` header, headers that disagree, or package docs in two files. */
  PackageHeader: 'WIT0501',
  /** One package name defined twice in one load. */
  DuplicatePackage: 'WIT0502',
  /** Packages that depend on each other in a cycle. */
  PackageCycle: 'WIT0503',
  /** A referenced package that is not loaded (not in the folder, `deps/`, `--deps` or the built-in packages). */
  PackageNotFound: 'WIT0504',
  /** An interface, world or type missing from another package. */
  ForeignItemNotFound: 'WIT0505',
  /** A `.wasm` / `.wat` encoded package witc cannot decode. */
  UnsupportedBinaryPackage: 'WIT0506',

  // ---- WIT06xx feature gates (resolver) ------------------------------------------------------------------------
  /** A reference to an item that is excluded because its feature is not enabled. */
  ExcludedReference: 'WIT0601',
  /** `@since` in an unversioned package, or newer than the package version. */
  InvalidSince: 'WIT0602',
  /** Two different stabilities for one world item (through `include`). */
  StabilityMismatch: 'WIT0603',
  /** A combination of attributes that is not allowed (`@since` twice, `@deprecated` alone, …). */
  InvalidAttributeCombination: 'WIT0604',

  // ---- WIT07xx worlds: imports, exports, include (resolver) ----------------------------------------------------
  /** Two imports (or exports) with one name, or an interface imported/exported twice. */
  WorldNameConflict: 'WIT0701',
  /** `include … with { a as b }` where `a` is not a plain name of the included world. */
  IncludeRename: 'WIT0702',
  /** An included plain name that is already imported/exported. */
  IncludeShadow: 'WIT0703',
  /** Two import (or export) names that differ only in case. */
  CaseInsensitiveConflict: 'WIT0704',
  /** An exported interface that needs one interface both imported and exported. */
  IncompatibleExport: 'WIT0705',
  /** `--world` names no world, or the package has no/several worlds. */
  WorldSelection: 'WIT0706',
  // ---- WIT08xx bindings generation -----------------------------------------------------------------------------
  // ---- WIT09xx tool usage and I/O ------------------------------------------------------------------------------
  /** A path given on the command line does not exist or cannot be read. */
  Io: 'WIT0901',
  /** The formatter could not print a file without changing its tokens or comments (a formatter bug; nothing written). */
  FormatFailed: 'WIT0950',
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];
