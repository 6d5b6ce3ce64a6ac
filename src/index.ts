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
export { parse, docsContents, printFile } from './syntax/index.js';
export type { ParseResult, ParseOptions } from './syntax/index.js';
export type * as ast from './syntax/ast.js';
export {
  loadPath,
  loadSources,
  memoryHost,
  resolveToJson,
  selectWorld,
  packageNameToString,
  semverToString,
  interfaceIdString,
  worldKeyString,
  worldKeyName,
  functionResource,
  LoadCache,
} from './resolve/index.js';
export type {
  FileHost,
  LoadOptions,
  LoadResult,
  LoadCacheStats,
  Resolve,
  Package,
  PackageName,
  Interface,
  World,
  WorldKey,
  WorldItem,
  WorldEntry,
  TypeDef,
  TypeDefKind,
  TypeOwner,
  Type,
  PrimitiveType,
  Func,
  FunctionKind,
  Param,
  Stability,
  SemVer,
} from './resolve/index.js';
export { generateGuest } from './bindgen/index.js';
export type { GuestOptions } from './bindgen/index.js';
export { generateHost } from './bindgen/host/index.js';
export type { HostOptions } from './bindgen/host/index.js';
export { formatText, formatFile } from './format/index.js';
export type { FormatOptions, FormatResult } from './format/index.js';
