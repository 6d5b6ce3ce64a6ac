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
  // ---- WIT04xx types and resources (resolver) ------------------------------------------------------------------
  // ---- WIT05xx packages, files and dependencies (resolver/loader) ----------------------------------------------
  // ---- WIT06xx feature gates (resolver) ------------------------------------------------------------------------
  // ---- WIT07xx worlds: imports, exports, include (resolver) ----------------------------------------------------
  // ---- WIT08xx bindings generation -----------------------------------------------------------------------------
  // ---- WIT09xx tool usage and I/O ------------------------------------------------------------------------------
  /** A path given on the command line does not exist or cannot be read. */
  Io: 'WIT0901',
} as const;

export type Code = (typeof Codes)[keyof typeof Codes];
