/**
 * witc — the public library entry. Everything a tool needs is exported from here; deeper paths are internal.
 */
export { Source, utf8Length } from './text/index.js';
export type { Span } from './text/index.js';
export {
  Codes,
  diagnostic,
  hasErrors,
  sortDiagnostics,
  renderHuman,
  renderReference,
  diagnosticToJson,
} from './diagnostics/index.js';
export type { Diagnostic, Label, Severity } from './diagnostics/index.js';
export { parse } from './syntax/index.js';
export type { ParseResult, ParseOptions } from './syntax/index.js';
export type * as ast from './syntax/ast.js';
